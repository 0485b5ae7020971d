package io.whisper.ring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Input lines as the relay's test mode takes them: split at newlines, blank lines skipped. */
final class NameLines {
  private NameLines() {}

  static List<byte[]> of(byte[] data) {
    List<byte[]> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= data.length; i++) {
      if (i == data.length || data[i] == '\n') {
        byte[] line = Arrays.copyOfRange(data, start, i);
        if (!blank(line)) {
          lines.add(line);
        }
        start = i + 1;
      }
    }
    return lines;
  }

  /** C's isspace over every byte, as relay.c skips a line. */
  static boolean blank(byte[] line) {
    for (byte b : line) {
      if (b != ' ' && (b < '\t' || b > '\r')) {
        return false;
      }
    }
    return true;
  }

  /** The name the relay prints: the line up to its first space. */
  static byte[] name(byte[] line) {
    return Arrays.copyOf(line, MetricName.nameLength(line, 0, line.length));
  }
}
