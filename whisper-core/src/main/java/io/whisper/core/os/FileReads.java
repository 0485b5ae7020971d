package io.whisper.core.os;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** The one read-fully loop: a positional read returns what it likes, the callers want it all. */
public final class FileReads {
  private FileReads() {}

  /**
   * Reads into {@code buffer}, from its position to its limit, the bytes at {@code position} of
   * the file onward; returns how many were read, fewer than asked only at end of file.
   */
  public static int read(FileChannel channel, long position, ByteBuffer buffer)
      throws IOException {
    int total = 0;
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, position + total);
      if (n < 0) {
        break;
      }
      total += n;
    }
    return total;
  }

  /** Reads up to {@code length} bytes at {@code position}, fewer only at end of file. */
  public static ByteBuffer readFully(FileChannel channel, long position, int length)
      throws IOException {
    return readFully(channel, position, ByteBuffer.allocate(length));
  }

  /**
   * Fills {@code buffer} (from 0 to its limit) with the bytes at {@code position}, fewer only at
   * end of file, and returns it flipped.
   */
  public static ByteBuffer readFully(FileChannel channel, long position, ByteBuffer buffer)
      throws IOException {
    read(channel, position, buffer);
    return buffer.flip();
  }
}
