package io.whisper.core;

/**
 * Decodes points from raw file bytes ({@code timestamp:u32 value:f64}, big-endian) with plain
 * shifts, no var handle (docs/startup.md).
 */
final class PointBytes {
  private PointBytes() {}

  /** Returns the unsigned timestamp of the point at {@code at}. */
  static long timestamp(byte[] bytes, int at) {
    return (bytes[at] & 0xffL) << 24 | (bytes[at + 1] & 0xff) << 16
        | (bytes[at + 2] & 0xff) << 8 | (bytes[at + 3] & 0xff);
  }

  /** Returns the value of the point at {@code at}, NaN payloads included. */
  static double value(byte[] bytes, int at) {
    return Double.longBitsToDouble((bytes[at + 4] & 0xffL) << 56 | (bytes[at + 5] & 0xffL) << 48
        | (bytes[at + 6] & 0xffL) << 40 | (bytes[at + 7] & 0xffL) << 32
        | (bytes[at + 8] & 0xffL) << 24 | (bytes[at + 9] & 0xff) << 16
        | (bytes[at + 10] & 0xff) << 8 | (bytes[at + 11] & 0xff));
  }

  /** Encodes {@code timestamp} and {@code value} as the point at {@code at}. */
  static void put(byte[] bytes, int at, long timestamp, double value) {
    long bits = Double.doubleToRawLongBits(value);
    for (int k = 0; k < 4; k++) {
      bytes[at + k] = (byte) (timestamp >>> (24 - 8 * k));
    }
    for (int k = 0; k < 8; k++) {
      bytes[at + 4 + k] = (byte) (bits >>> (56 - 8 * k));
    }
  }
}
