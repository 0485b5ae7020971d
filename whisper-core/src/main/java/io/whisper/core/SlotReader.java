package io.whisper.core;

import java.io.IOException;

/**
 * The slots of one archive, read a chunk at a time for scans that visit them in ring order (a
 * fill looking for gaps): one bulk copy per chunk and no object per slot, and memory bounded
 * by one chunk whatever the archive's size.
 */
final class SlotReader {
  /** Bytes of a chunk: 4096 points, 48 KiB, which stay in the CPU's cache while scanned. */
  static final int CHUNK_BYTES = 4096 * Point.BYTES;

  private final Storage storage;
  private final ArchiveInfo archive;
  private final long base;
  private final byte[] chunk;
  private final int chunkPoints;
  private int first; // the slot at chunk[0]
  private int count; // the slots loaded

  /**
   * Reads {@code archive} through {@code chunk}, which this reader owns until it is dropped
   * (a caller may hand the same array to its next reader); it holds at least one point.
   */
  SlotReader(Storage storage, ArchiveInfo archive, byte[] chunk) throws IOException {
    this.storage = storage;
    this.archive = archive;
    this.base = storage.readTimestamp(archive.offset());
    this.chunk = chunk;
    this.chunkPoints = chunk.length / Point.BYTES;
  }

  /** Returns the interval in slot 0, the archive's base; 0 means the archive is empty. */
  long base() {
    return base;
  }

  /**
   * Returns the slot where {@code interval} lives relative to the base, as whisper.py places
   * it.
   */
  int indexOf(long interval) {
    return slotIndex(archive, base, interval);
  }

  /** Returns the slot {@code n} slots after {@code slot}, in ring order. */
  int advance(int slot, int n) {
    return (int) ((slot + (long) n) % archive.points());
  }

  /**
   * Loads slots {@code slot} to {@code slot + n - 1} (up to the ring's end, at most a chunk)
   * unless they are loaded already: for a few slots here and there, which a whole chunk would
   * read for nothing.
   */
  void load(int slot, int n) throws IOException {
    if (base == 0) {
      return; // nothing to read: the archive holds nothing
    }
    int end = (int) Math.min(slot + (long) Math.min(n, chunkPoints), archive.points());
    if (slot < first || end > first + count) {
      read(slot, end - slot);
    }
  }

  /** Returns the timestamp stored in {@code slot}; 0 in an empty slot. */
  long timestamp(int slot) throws IOException {
    return PointBytes.timestamp(chunk, position(slot));
  }

  /** Returns the value stored in {@code slot}. */
  double value(int slot) throws IOException {
    return PointBytes.value(chunk, position(slot));
  }

  /**
   * Walks the ring from {@code slot}, which should hold {@code interval}, the next slot the
   * next interval, and so on, and counts the slots, at most {@code limit}, until one whose
   * state differs: held (its timestamp is its interval) when {@code held}, else not held.
   * One tight loop over the chunk: a fill scans every slot of every destination archive.
   */
  int run(int slot, long interval, long step, int limit, boolean held) throws IOException {
    if (base == 0) {
      return held ? 0 : limit; // nothing was ever written
    }
    byte[] bytes = chunk;
    int count = 0;
    int at = slot;
    long expected = interval;
    while (count < limit) {
      int p = position(at);
      int end = Math.min(limit - count, this.count - (at - first)); // slots left in the chunk
      // The timestamp decoded here rather than by a call: C1 does not inline PointBytes.
      for (int k = 0; k < end; k++, p += Point.BYTES, expected += step) {
        long timestamp = (bytes[p] & 0xffL) << 24 | (bytes[p + 1] & 0xff) << 16
            | (bytes[p + 2] & 0xff) << 8 | (bytes[p + 3] & 0xff);
        if ((timestamp == expected) != held) {
          return count + k;
        }
      }
      count += end;
      at = advance(at, end);
    }
    return count;
  }

  /** Returns true if {@code interval} has data: its slot holds that very timestamp. */
  boolean holds(long interval) throws IOException {
    return base != 0 && timestamp(indexOf(interval)) == interval;
  }

  /** Returns the slot index of {@code interval} in {@code archive} when slot 0 holds {@code base}. */
  static int slotIndex(ArchiveInfo archive, long base, long interval) {
    return archive.slotOf(base, interval);
  }

  // The chunk's byte position of `slot`, loading the chunk that starts there if needed.
  private int position(int slot) throws IOException {
    int inChunk = slot - first;
    if (inChunk < 0 || inChunk >= count) {
      read(slot, (int) Math.min(chunkPoints, archive.points() - slot));
      inChunk = 0;
    }
    return inChunk * Point.BYTES;
  }

  private void read(int slot, int points) throws IOException {
    storage.read(archive.offset() + (long) slot * Point.BYTES, chunk, 0, points * Point.BYTES);
    first = slot;
    count = points;
  }
}
