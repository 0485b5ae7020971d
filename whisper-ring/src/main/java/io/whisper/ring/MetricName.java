package io.whisper.ring;

/** Metric names as the tools around carbon write them. */
public final class MetricName {
  private static final String WSP = ".wsp";

  private MetricName() {}

  /**
   * The dotted name of {@code nameOrPath}: a path relative to a storage root ending in {@code
   * .wsp} ({@code a/b/c.wsp}) becomes {@code a.b.c}; anything else is already a name.
   */
  public static String of(String nameOrPath) {
    if (!nameOrPath.endsWith(WSP)) {
      return nameOrPath;
    }
    return nameOrPath.substring(0, nameOrPath.length() - WSP.length()).replace('/', '.');
  }

  /** The length of the name at {@code bytes[offset]}: up to the first space, as the relay cuts. */
  static int nameLength(byte[] bytes, int offset, int length) {
    for (int i = 0; i < length; i++) {
      if (bytes[offset + i] == ' ') {
        return i;
      }
    }
    return length;
  }
}
