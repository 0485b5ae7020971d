package io.whisper.core;

import java.io.IOException;

/**
 * The bytes of one open whisper file. Two implementations: a memory mapping on the default file
 * system, positional channel I/O elsewhere (jimfs and other providers that cannot map).
 *
 * <p>Values are read and written as raw IEEE-754 bits, so NaN payloads survive exactly as
 * whisper.py stores them.
 */
sealed interface Storage extends AutoCloseable permits MappedStorage, ChannelStorage, StagedWrites {

  /** Reads the unsigned 32-bit timestamp at {@code offset}. */
  long readTimestamp(long offset) throws IOException;

  /** Reads {@code length} raw bytes at {@code offset} into {@code into} from index {@code at}. */
  void read(long offset, byte[] into, int at, int length) throws IOException;

  /**
   * Reads {@code count} consecutive points starting at {@code offset} (no wrap-around) into
   * {@code timestamps} and {@code values} from index {@code at}.
   */
  default void readPoints(long offset, int count, long[] timestamps, double[] values, int at)
      throws IOException {
    byte[] bytes = new byte[count * Point.BYTES];
    read(offset, bytes, 0, bytes.length);
    for (int i = 0, p = 0; i < count; i++, p += Point.BYTES) {
      timestamps[at + i] = PointBytes.timestamp(bytes, p);
      values[at + i] = PointBytes.value(bytes, p);
    }
  }

  /** Writes one point at {@code offset}. */
  void writePoint(long offset, long timestamp, double value) throws IOException;

  /** Writes raw bytes at {@code offset}; used for the header. */
  void write(long offset, byte[] bytes) throws IOException;

  /** Forces every write to the storage device (fsync). */
  void force() throws IOException;

  /** Releases the mapping or channel; idempotent. */
  @Override
  void close() throws IOException;
}
