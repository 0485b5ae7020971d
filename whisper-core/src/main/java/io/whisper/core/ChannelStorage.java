package io.whisper.core;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A whisper file read and written with positional {@link FileChannel} I/O: the storage for file
 * systems that cannot map, such as jimfs in tests. Each operation is one read or write call.
 */
final class ChannelStorage implements Storage {
  private final FileChannel channel;
  private final String description;

  ChannelStorage(FileChannel channel, String description) {
    this.channel = channel;
    this.description = description;
  }

  @Override
  public long readTimestamp(long offset) throws IOException {
    return Integer.toUnsignedLong(read(offset, 4).getInt(0));
  }

  @Override
  public void readPoints(long offset, int count, long[] timestamps, double[] values, int at)
      throws IOException {
    ByteBuffer bytes = read(offset, count * Point.BYTES);
    for (int i = 0; i < count; i++) {
      timestamps[at + i] = Integer.toUnsignedLong(bytes.getInt(i * Point.BYTES));
      values[at + i] = Double.longBitsToDouble(bytes.getLong(i * Point.BYTES + 4));
    }
  }

  @Override
  public void writePoint(long offset, long timestamp, double value) throws IOException {
    ByteBuffer point = ByteBuffer.allocate(Point.BYTES)
        .putInt((int) timestamp)
        .putLong(Double.doubleToRawLongBits(value))
        .flip();
    writeFully(offset, point);
  }

  @Override
  public void write(long offset, byte[] bytes) throws IOException {
    writeFully(offset, ByteBuffer.wrap(bytes));
  }

  @Override
  public void force() throws IOException {
    channel.force(false);
  }

  /** Does nothing: the channel belongs to the {@link WhisperFile} that opened it. */
  @Override
  public void close() {}

  private ByteBuffer read(long offset, int length) throws IOException {
    ByteBuffer buffer = HeaderCodec.readFully(channel, offset, length);
    if (buffer.remaining() < length) {
      throw new EOFException("read past end of file at byte " + offset + ": " + description);
    }
    return buffer;
  }

  private void writeFully(long offset, ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      channel.write(buffer, offset + buffer.position());
    }
  }

  @Override
  public String toString() {
    return "ChannelStorage(" + description + ")";
  }
}
