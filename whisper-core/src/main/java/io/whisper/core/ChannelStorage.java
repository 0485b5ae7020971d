package io.whisper.core;

import io.whisper.core.os.FileReads;
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
    byte[] bytes = new byte[4];
    read(offset, bytes, 0, 4);
    return PointBytes.timestamp(bytes, 0);
  }

  @Override
  public void read(long offset, byte[] into, int at, int length) throws IOException {
    if (FileReads.read(channel, offset, ByteBuffer.wrap(into, at, length)) < length) {
      throw new EOFException("read past end of file at byte " + offset + ": " + description);
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
