package io.whisper.ring;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Metric names as the tools around carbon write them. */
public final class MetricName {
  private static final byte[] WSP = {'.', 'w', 's', 'p'};

  private MetricName() {}

  /**
   * The dotted name of {@code nameOrPath}: a path relative to a storage root ending in {@code
   * .wsp} ({@code a/b/c.wsp}) becomes {@code a.b.c}; anything else is already a name.
   */
  public static String of(String nameOrPath) {
    byte[] bytes = nameOrPath.getBytes(StandardCharsets.UTF_8);
    return new String(bytes, 0, toName(bytes, 0, bytes.length), StandardCharsets.UTF_8);
  }

  /**
   * {@link #of(String)} in place, for streams of raw lines: cuts {@code bytes[offset, offset +
   * length)} at its first space (the rest of a plaintext line), then turns a {@code .wsp} path
   * into its dotted name. Returns the name's length; the name starts at {@code offset}.
   */
  public static int toName(byte[] bytes, int offset, int length) {
    int n = nameLength(bytes, offset, length);
    int stem = n - WSP.length;
    if (stem > 0 && Arrays.equals(bytes, offset + stem, offset + n, WSP, 0, WSP.length)) {
      for (int i = offset; i < offset + stem; i++) {
        if (bytes[i] == '/') {
          bytes[i] = '.';
        }
      }
      return stem;
    }
    return n;
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
