package io.whisper.core;

import java.io.IOException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The writes of one fill, held in memory over the file's storage until all are known, then
 * applied in an order that a rerun finishes from wherever the writing stopped (SIGKILL, a full
 * disk): the coarsest archive first, the finest last, each point's value before its timestamp.
 *
 * <p>Why that order: a rerun finds its work by the gaps it sees, archive by archive from the
 * finest, and propagates only what it fills. Written finest first, an interrupted fill would
 * leave filled fine slots whose coarse aggregates were never written, and no rerun would see
 * them as unfinished. Written coarsest first, the writes not yet made always include the
 * finest archive's gaps they came from (a slot whose timestamp is not yet written is still a
 * gap), so the rerun fills those again, recomputes the same aggregates from them, and ends
 * with the bytes of an uninterrupted fill. Within an archive the lowest offset goes first, so
 * an empty archive gets its slot 0, which fixes where every other slot lies, before the rest.
 *
 * <p>The points are held by archive and slot, in pages of slots allocated as they are first
 * written: every lookup is an index, and memory follows what the fill writes, not the file's
 * size (a sorted map of offsets was 60% of a rebalance's fill time on year-long archives).
 */
final class StagedWrites implements Storage {
  private static final int PAGE_SLOTS = 1024;

  private final Storage file;
  private final List<ArchiveInfo> archives;
  private final long[] starts; // each archive's first byte, and the byte after its last
  private final long[] ends;
  private final StagedArchive[] staged;
  private int count;

  /**
   * Holds writes over {@code file}, whose archives are {@code header}'s; the file is read, and
   * written only by {@link #apply}.
   */
  StagedWrites(Storage file, Header header) {
    this.file = file;
    this.archives = header.archives();
    this.starts = new long[archives.size()];
    this.ends = new long[archives.size()];
    for (int i = 0; i < archives.size(); i++) {
      starts[i] = archives.get(i).offset();
      ends[i] = archives.get(i).end();
    }
    this.staged = new StagedArchive[archives.size()];
  }

  // The archive whose slot starts at `offset`, or -1 (not a slot's start: not stageable).
  private int archiveOfSlot(long offset) {
    for (int i = 0; i < starts.length; i++) {
      if (offset >= starts[i] && offset < ends[i]) {
        return (offset - starts[i]) % Point.BYTES == 0 ? i : -1;
      }
    }
    return -1;
  }

  /** Returns true if nothing was written. */
  boolean isEmpty() {
    return count == 0;
  }

  @Override
  public long readTimestamp(long offset) throws IOException {
    int i = archiveOfSlot(offset);
    if (i >= 0 && staged[i] != null) {
      int slot = (int) ((offset - starts[i]) / Point.BYTES);
      if (staged[i].holds(slot)) {
        return staged[i].timestamp(slot);
      }
    }
    return file.readTimestamp(offset);
  }

  /** Points within one archive take the staged ones straight, without their bytes. */
  @Override
  public void readPoints(long offset, int count, long[] timestamps, double[] values, int at)
      throws IOException {
    int i = archiveOfSlot(offset);
    if (i < 0 || offset + (long) count * Point.BYTES > ends[i]) {
      Storage.super.readPoints(offset, count, timestamps, values, at); // through read's bytes
      return;
    }
    file.readPoints(offset, count, timestamps, values, at);
    if (staged[i] == null || count == 0) {
      return;
    }
    int first = (int) ((offset - starts[i]) / Point.BYTES);
    int last = first + count - 1;
    for (int slot = staged[i].next(first, last); slot >= 0;
        slot = staged[i].next(slot + 1, last)) {
      timestamps[at + slot - first] = staged[i].timestamp(slot);
      values[at + slot - first] = staged[i].value(slot);
    }
  }

  @Override
  public void read(long offset, byte[] into, int at, int length) throws IOException {
    file.read(offset, into, at, length);
    long end = offset + length;
    byte[] point = null;
    for (int i = 0; i < staged.length; i++) {
      long from = Math.max(offset, starts[i]);
      long to = Math.min(end, ends[i]);
      if (staged[i] == null || from >= to) {
        continue; // the common case: nothing staged in this range
      }
      int firstSlot = (int) ((from - starts[i]) / Point.BYTES);
      int lastSlot = (int) ((to - 1 - starts[i]) / Point.BYTES);
      for (int slot = staged[i].next(firstSlot, lastSlot); slot >= 0;
          slot = staged[i].next(slot + 1, lastSlot)) {
        if (point == null) {
          point = new byte[Point.BYTES];
        }
        long start = starts[i] + (long) slot * Point.BYTES;
        PointBytes.put(point, 0, staged[i].timestamp(slot), staged[i].value(slot));
        long copyFrom = Math.max(start, offset);
        long copyTo = Math.min(start + Point.BYTES, end);
        System.arraycopy(point, (int) (copyFrom - start), into, at + (int) (copyFrom - offset),
            (int) (copyTo - copyFrom));
      }
    }
  }

  @Override
  public void writePoint(long offset, long timestamp, double value) {
    int i = archiveOfSlot(offset);
    if (i < 0) {
      throw new IllegalArgumentException("offset " + offset + " is not a point's slot");
    }
    if (staged[i] == null) {
      staged[i] = new StagedArchive(archives.get(i).points());
    }
    if (staged[i].put((int) ((offset - starts[i]) / Point.BYTES), timestamp, value)) {
      count++;
    }
  }

  /** Not staged: a fill writes points only. */
  @Override
  public void write(long offset, byte[] bytes) {
    throw new UnsupportedOperationException("only points are staged");
  }

  /** Nothing to force: nothing is written until {@link #apply}. */
  @Override
  public void force() {}

  /** Drops nothing: the file's storage belongs to its {@code WhisperFile}. */
  @Override
  public void close() {}

  /**
   * Returns the page-aligned byte ranges {@code [start, end)} the staged points fall in,
   * adjacent pages merged, none past {@code limit}: the blocks to reserve before writing.
   */
  List<long[]> pages(long pageSize, long limit) throws IOException {
    List<long[]> ranges = new ArrayList<>();
    PointSink merge = (offset, timestamp, value) -> {
      long start = offset - offset % pageSize;
      long end = Math.min(limit, (offset + Point.BYTES + pageSize - 1) / pageSize * pageSize);
      long[] last = ranges.isEmpty() ? null : ranges.getLast();
      if (last != null && start <= last[1]) {
        last[1] = Math.max(last[1], end);
      } else {
        ranges.add(new long[] {start, end});
      }
    };
    for (int i : archivesInFileOrder()) {
      forEachIn(i, merge); // offsets ascending over the whole file
    }
    return ranges;
  }

  private Integer[] archivesInFileOrder() {
    Integer[] order = new Integer[staged.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Long.compare(starts[a], starts[b]));
    return order;
  }

  /** Writes the staged points into the file, in {@link #inWriteOrder}. */
  void apply() throws IOException {
    inWriteOrder(file::writePoint);
  }

  /**
   * Returns the staged points, by offset, in the order a rerun can finish from any prefix of
   * (see the class comment): archives from the coarsest, offsets ascending within each.
   */
  List<Map.Entry<Long, Point>> inWriteOrder() throws IOException {
    List<Map.Entry<Long, Point>> order = new ArrayList<>(count);
    inWriteOrder((offset, timestamp, value) -> order.add(
        new AbstractMap.SimpleImmutableEntry<>(offset, new Point(timestamp, value))));
    return order;
  }

  /** Where {@link #forEachIn} puts each staged point. */
  @FunctionalInterface
  private interface PointSink {
    void accept(long offset, long timestamp, double value) throws IOException;
  }

  private void inWriteOrder(PointSink sink) throws IOException {
    for (int i = staged.length - 1; i >= 0; i--) {
      forEachIn(i, sink);
    }
  }

  // The points staged in archive `i`, offsets ascending.
  private void forEachIn(int i, PointSink sink) throws IOException {
    if (staged[i] == null) {
      return;
    }
    int last = (int) archives.get(i).points() - 1;
    for (int slot = staged[i].next(0, last); slot >= 0; slot = staged[i].next(slot + 1, last)) {
      sink.accept(starts[i] + (long) slot * Point.BYTES, staged[i].timestamp(slot),
          staged[i].value(slot));
    }
  }

  // One archive's staged points: pages of PAGE_SLOTS slots, each made at its first write, with
  // a bit per slot that says whether it holds a point. Values are kept as their raw bits.
  private static final class StagedArchive {
    private final int[][] timestamps;
    private final long[][] values;
    private final long[][] held;

    StagedArchive(long points) {
      int pages = (int) ((points + PAGE_SLOTS - 1) / PAGE_SLOTS);
      timestamps = new int[pages][];
      values = new long[pages][];
      held = new long[pages][];
    }

    boolean holds(int slot) {
      long[] bits = held[slot / PAGE_SLOTS];
      int inPage = slot % PAGE_SLOTS;
      return bits != null && (bits[inPage >>> 6] & (1L << inPage)) != 0;
    }

    long timestamp(int slot) {
      return Integer.toUnsignedLong(timestamps[slot / PAGE_SLOTS][slot % PAGE_SLOTS]);
    }

    double value(int slot) {
      return Double.longBitsToDouble(values[slot / PAGE_SLOTS][slot % PAGE_SLOTS]);
    }

    // Stages a point; returns whether the slot held none before.
    boolean put(int slot, long timestamp, double value) {
      int page = slot / PAGE_SLOTS;
      int inPage = slot % PAGE_SLOTS;
      if (held[page] == null) {
        timestamps[page] = new int[PAGE_SLOTS];
        values[page] = new long[PAGE_SLOTS];
        held[page] = new long[PAGE_SLOTS / 64];
      }
      timestamps[page][inPage] = (int) timestamp;
      values[page][inPage] = Double.doubleToRawLongBits(value);
      long bit = 1L << inPage;
      boolean fresh = (held[page][inPage >>> 6] & bit) == 0;
      held[page][inPage >>> 6] |= bit;
      return fresh;
    }

    // The first slot from `from` to `to` (both included) that holds a point, or -1.
    int next(int from, int to) {
      int slot = from;
      while (slot <= to) {
        int page = slot / PAGE_SLOTS;
        long[] bits = held[page];
        if (bits == null) {
          slot = (page + 1) * PAGE_SLOTS;
          continue;
        }
        int inPage = slot % PAGE_SLOTS;
        long word = bits[inPage >>> 6] & (-1L << inPage);
        if (word != 0) {
          int found = page * PAGE_SLOTS + (inPage & ~63) + Long.numberOfTrailingZeros(word);
          return found <= to ? found : -1;
        }
        slot = page * PAGE_SLOTS + (inPage & ~63) + 64;
      }
      return -1;
    }
  }
}
