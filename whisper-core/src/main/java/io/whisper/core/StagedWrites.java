package io.whisper.core;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
 */
final class StagedWrites implements Storage {
  private final Storage file;
  private final TreeMap<Long, Point> points = new TreeMap<>();

  /** Holds writes over {@code file}, which is read, and written only by {@link #apply}. */
  StagedWrites(Storage file) {
    this.file = file;
  }

  /** Returns true if nothing was written. */
  boolean isEmpty() {
    return points.isEmpty();
  }

  @Override
  public long readTimestamp(long offset) throws IOException {
    Point staged = points.get(offset);
    return staged != null ? staged.timestamp() : file.readTimestamp(offset);
  }

  @Override
  public void read(long offset, byte[] into, int at, int length) throws IOException {
    file.read(offset, into, at, length);
    long end = offset + length;
    Long first = points.ceilingKey(offset - Point.BYTES + 1);
    if (first == null || first >= end) {
      return; // the common case: nothing staged in this range
    }
    byte[] point = new byte[Point.BYTES];
    for (Map.Entry<Long, Point> e : points.subMap(first, end).entrySet()) {
      long start = e.getKey();
      PointBytes.put(point, 0, e.getValue().timestamp(), e.getValue().value());
      for (long b = Math.max(start, offset); b < Math.min(start + Point.BYTES, end); b++) {
        into[at + (int) (b - offset)] = point[(int) (b - start)];
      }
    }
  }

  @Override
  public void writePoint(long offset, long timestamp, double value) {
    points.put(offset, new Point(timestamp, value));
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
  List<long[]> pages(long pageSize, long limit) {
    List<long[]> ranges = new ArrayList<>();
    for (long offset : points.keySet()) {
      long start = offset - offset % pageSize;
      long end = Math.min(limit, (offset + Point.BYTES + pageSize - 1) / pageSize * pageSize);
      long[] last = ranges.isEmpty() ? null : ranges.getLast();
      if (last != null && start <= last[1]) {
        last[1] = Math.max(last[1], end);
      } else {
        ranges.add(new long[] {start, end});
      }
    }
    return ranges;
  }

  /** Writes the staged points into the file, in {@link #inWriteOrder}. */
  void apply(Header header) throws IOException {
    for (Map.Entry<Long, Point> e : inWriteOrder(header)) {
      file.writePoint(e.getKey(), e.getValue().timestamp(), e.getValue().value());
    }
  }

  /**
   * Returns the staged points, by offset, in the order a rerun can finish from any prefix of
   * (see the class comment): archives from the coarsest, offsets ascending within each.
   */
  List<Map.Entry<Long, Point>> inWriteOrder(Header header) {
    List<Map.Entry<Long, Point>> order = new ArrayList<>(points.size());
    for (int i = header.archives().size() - 1; i >= 0; i--) {
      ArchiveInfo archive = header.archive(i);
      order.addAll(points.subMap(archive.offset(), archive.end()).entrySet());
    }
    return order;
  }
}
