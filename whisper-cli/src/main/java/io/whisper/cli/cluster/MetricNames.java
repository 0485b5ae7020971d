package io.whisper.cli.cluster;

import java.nio.charset.StandardCharsets;

/**
 * Metric names from paths, and their text form. The dotted name of {@code a/b/c.wsp} is
 * {@code a.b.c}, in bytes, as carbon and the ring see it. In text output a name is valid
 * UTF-8 on one line: a backslash, a tab, a newline, other control characters and bytes that
 * are not UTF-8 are written as {@code \\}, {@code \t}, {@code \n}, {@code \xHH}.
 */
final class MetricNames {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private MetricNames() {}

  /** Returns the dotted name of the path {@code a/b/c.wsp}. */
  static byte[] dotted(byte[] path) {
    byte[] name = new byte[path.length - 4];
    for (int i = 0; i < name.length; i++) {
      name[i] = path[i] == '/' ? (byte) '.' : path[i];
    }
    return name;
  }

  /** Returns the text form of {@code name} (see the class comment). */
  static String text(byte[] name) {
    StringBuilder text = new StringBuilder(name.length + 8);
    int i = 0;
    while (i < name.length) {
      int b = name[i] & 0xff;
      if (b >= 0x80) {
        int length = utf8Length(name, i);
        if (length > 0) {
          text.append(new String(name, i, length, StandardCharsets.UTF_8));
          i += length;
          continue;
        }
        hex(text, b);
      } else if (b == '\\') {
        text.append("\\\\");
      } else if (b == '\n') {
        text.append("\\n");
      } else if (b == '\t') {
        text.append("\\t");
      } else if (b < 0x20 || b == 0x7f) {
        hex(text, b);
      } else {
        text.append((char) b);
      }
      i++;
    }
    return text.toString();
  }

  /** Returns the text form of the metric at {@code path}. */
  static String textOfPath(byte[] path) {
    byte[] name = dotted(path);
    for (byte b : name) {
      if (b < 0x20 || b == 0x7f || b == '\\') { // bytes >= 0x80 are negative
        return text(name);
      }
    }
    return new String(name, StandardCharsets.ISO_8859_1); // printable ASCII: as it is
  }

  private static void hex(StringBuilder text, int b) {
    text.append("\\x").append(HEX[b >> 4]).append(HEX[b & 15]);
  }

  // The length of the well-formed UTF-8 sequence at i (RFC 3629), or 0 if there is none.
  private static int utf8Length(byte[] s, int i) {
    int b = s[i] & 0xff;
    int length;
    int min;
    if (b >= 0xc2 && b <= 0xdf) {
      length = 2;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
      min = 0x10000;
    } else {
      return 0;
    }
    if (i + length > s.length) {
      return 0;
    }
    int code = b & (0x7f >> length);
    for (int k = 1; k < length; k++) {
      int c = s[i + k] & 0xff;
      if ((c & 0xc0) != 0x80) {
        return 0;
      }
      code = (code << 6) | (c & 0x3f);
    }
    boolean surrogate = code >= 0xd800 && code <= 0xdfff;
    return code < min || code > 0x10ffff || surrogate ? 0 : length;
  }
}
