package io.whisper.ring;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Random metric lines, one a line: dotted names, tagged names, whole plaintext lines (name,
 * space, value, time), UTF-8 and raw bytes of 0x80 and more, tabs, carriage returns, leading
 * spaces and long names. Never a NUL or a line over the relay's 32 KiB buffer.
 */
final class RandomNames {
  private static final String ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private static final String PUNCT = "-_:#";
  private static final String[] UNICODE = {"\u00e9", "\u00fc", "\u65e5\u672c", "\u0436", "\u20ac",
      "\ud83d\ude00"};

  private RandomNames() {}

  static byte[] lines(Random random, int count) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(count * 40);
    for (int i = 0; i < count; i++) {
      out.writeBytes(line(random));
      out.write('\n');
    }
    return out.toByteArray();
  }

  private static byte[] line(Random random) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int kind = random.nextInt(100);
    if (kind < 2) {
      out.write(' '); // the relay hashes the empty name before the space
    }
    int parts = kind < 4 ? 20 + random.nextInt(20) : 1 + random.nextInt(7);
    for (int p = 0; p < parts; p++) {
      if (p > 0) {
        out.write('.');
      }
      part(random, out, kind);
    }
    if (kind >= 10 && kind < 22) {
      out.writeBytes((";host=web" + random.nextInt(100) + ";dc=" + word(random, 4))
          .getBytes(StandardCharsets.UTF_8));
    } else if (kind >= 22 && kind < 32) {
      out.writeBytes((" " + random.nextInt(100000) + " " + (1_700_000_000 + random.nextInt(1_000_000)))
          .getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  private static void part(Random random, ByteArrayOutputStream out, int kind) {
    int length = 1 + random.nextInt(12);
    for (int i = 0; i < length; i++) {
      int pick = random.nextInt(100);
      if (kind >= 32 && kind < 44 && pick < 10) {
        out.writeBytes(UNICODE[random.nextInt(UNICODE.length)].getBytes(StandardCharsets.UTF_8));
      } else if (kind >= 44 && kind < 50 && pick < 10) {
        out.write(0x80 + random.nextInt(0x80)); // not necessarily UTF-8: the relay takes bytes
      } else if (kind >= 50 && kind < 53 && pick < 3) {
        out.write(random.nextBoolean() ? '\t' : '\r');
      } else if (pick < 5) {
        out.write(PUNCT.charAt(random.nextInt(PUNCT.length())));
      } else {
        out.write(ALNUM.charAt(random.nextInt(ALNUM.length())));
      }
    }
  }

  static String word(Random random, int length) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < length; i++) {
      sb.append(ALNUM.charAt(random.nextInt(26)));
    }
    return sb.toString();
  }
}
