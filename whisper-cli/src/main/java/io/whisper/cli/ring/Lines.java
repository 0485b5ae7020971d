package io.whisper.cli.ring;

/** What the relay's test mode skips: a line of nothing but white space (C's isspace). */
final class Lines {
  private Lines() {}

  static boolean blank(byte[] line, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      byte b = line[i];
      if (b != ' ' && (b < '\t' || b > '\r')) {
        return false;
      }
    }
    return true;
  }
}
