package io.whisper.core;

import java.util.Arrays;

/**
 * One thread's chunk buffers for {@link SlotReader}s, reused from file to file: a tree fill
 * opens thousands of files, and fresh 48 KiB arrays for each cost more (zeroing, first touch
 * of new heap) than the reads they serve. Buffer {@code i} is made on first use.
 */
final class ChunkBuffers {
  private byte[][] buffers = new byte[0][];

  /** Returns buffer {@code index}, of {@link SlotReader#CHUNK_BYTES}. */
  byte[] get(int index) {
    if (index >= buffers.length) {
      buffers = Arrays.copyOf(buffers, index + 1);
    }
    if (buffers[index] == null) {
      buffers[index] = new byte[SlotReader.CHUNK_BYTES];
    }
    return buffers[index];
  }
}
