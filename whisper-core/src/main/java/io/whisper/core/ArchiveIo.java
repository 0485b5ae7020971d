package io.whisper.core;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * whisper.py's ring-buffer algorithms over one open file: {@code __archive_fetch}, {@code
 * __archive_update_many} and {@code __propagate}, with its exact floor arithmetic, slot choice
 * and write order, so the bytes come out identical.
 *
 * <p>One deliberate difference: a run of points longer than the archive (only possible with
 * future points) wraps within the archive instead of running into the next one and past the
 * end of the file (docs/format.md 4.6c).
 */
final class ArchiveIo {
  private final Storage storage;
  private final Header header;

  ArchiveIo(Storage storage, Header header) {
    this.storage = storage;
    this.header = header;
  }

  /** Returns the interval in slot 0, the archive's base; 0 means the archive is empty. */
  long base(ArchiveInfo archive) throws IOException {
    return storage.readTimestamp(archive.offset());
  }

  /** Returns the byte offset of {@code interval}'s slot relative to {@code base}. */
  static long slotOffset(ArchiveInfo archive, long base, long interval) {
    return archive.offset() + (long) archive.slotOf(base, interval) * Point.BYTES;
  }

  /** whisper.py's {@code __archive_fetch}: the values of {@code (from, until]} in one archive. */
  TimeSeries fetch(ArchiveInfo archive, long fromTime, long untilTime) throws IOException {
    long step = archive.secondsPerPoint();
    long fromInterval = fromTime - Math.floorMod(fromTime, step) + step;
    long untilInterval = untilTime - Math.floorMod(untilTime, step) + step;
    if (fromInterval == untilInterval) {
      untilInterval += step;
    }
    long base = base(archive);
    if (base == 0) {
      int n = (int) Math.max(0, Math.floorDiv(untilInterval - fromInterval, step));
      return new TimeSeries(fromInterval, untilInterval, step, nulls(n));
    }
    long fromOffset = slotOffset(archive, base, fromInterval);
    long untilOffset = slotOffset(archive, base, untilInterval);
    int count = (int) ((fromOffset < untilOffset
        ? untilOffset - fromOffset
        : archive.end() - fromOffset + untilOffset - archive.offset()) / Point.BYTES);
    long[] timestamps = new long[count];
    double[] values = new double[count];
    readWrapped(archive, fromOffset, count, timestamps, values);
    List<Double> series = new ArrayList<>(count);
    long expected = fromInterval;
    for (int k = 0; k < count; k++, expected += step) {
      series.add(timestamps[k] == expected ? values[k] : null);
    }
    return new TimeSeries(fromInterval, untilInterval, step, series);
  }

  /**
   * whisper.py's {@code __archive_update_many}: writes chronologically ordered points into one
   * archive, then propagates them to every lower-precision archive.
   */
  void updateMany(ArchiveInfo archive, List<Point> points) throws IOException {
    int n = points.size();
    long step = archive.secondsPerPoint();
    long[] aligned = new long[n];
    for (int i = 0; i < n; i++) {
      long t = points.get(i).timestamp();
      aligned[i] = t - Math.floorMod(t, step);
    }
    List<Run> runs = contiguousRuns(points, aligned, step);
    long base = base(archive);
    if (base == 0) {
      base = runs.getFirst().start; // this file's first update: the earliest run goes to slot 0
    }
    for (Run run : runs) {
      long offset = slotOffset(archive, base, run.start);
      for (int k = 0; k < run.values.size(); k++) {
        long at = archive.offset()
            + Math.floorMod(offset - archive.offset() + (long) k * Point.BYTES, archive.byteSize());
        storage.writePoint(at, run.start + k * step, run.values.get(k));
      }
    }
    propagateAll(archive, aligned, n);
  }

  // whisper.py keeps the last point of each run of equal intervals, and extends a run when the
  // next interval follows it or when the previous interval is falsy (0): that quirk included.
  private static List<Run> contiguousRuns(List<Point> points, long[] aligned, long step) {
    List<Run> runs = new ArrayList<>();
    List<Double> current = new ArrayList<>();
    long previous = 0;
    int n = aligned.length;
    for (int i = 0; i < n; i++) {
      if (i + 1 < n && aligned[i] == aligned[i + 1]) {
        continue;
      }
      long interval = aligned[i];
      if (previous != 0 && interval != previous + step) {
        runs.add(new Run(previous - step * (current.size() - 1), current));
        current = new ArrayList<>();
      }
      current.add(points.get(i).value());
      previous = interval;
    }
    if (!current.isEmpty()) {
      runs.add(new Run(previous - step * (current.size() - 1), current));
    }
    return runs;
  }

  private record Run(long start, List<Double> values) {}

  private void propagateAll(ArchiveInfo archive, long[] aligned, int n) throws IOException {
    ArchiveInfo higher = archive;
    long[] lowerIntervals = new long[n];
    for (ArchiveInfo lower : header.archives()) {
      if (lower.secondsPerPoint() <= archive.secondsPerPoint()) {
        continue;
      }
      for (int i = 0; i < n; i++) {
        lowerIntervals[i] = aligned[i] - Math.floorMod(aligned[i], lower.secondsPerPoint());
      }
      boolean propagateFurther = false;
      for (long interval : PySetOrder.order(lowerIntervals, n)) {
        if (propagate(interval, higher, lower)) {
          propagateFurther = true;
        }
      }
      if (!propagateFurther) {
        break;
      }
      higher = lower;
    }
  }

  /**
   * whisper.py's {@code __propagate}: recomputes the {@code lower} interval holding {@code
   * timestamp} from the {@code higher} slots it covers and writes it if enough of them are
   * known (the xFilesFactor).
   *
   * @return true if a value was written
   */
  boolean propagate(long timestamp, ArchiveInfo higher, ArchiveInfo lower) throws IOException {
    long lowerIntervalStart = timestamp - Math.floorMod(timestamp, lower.secondsPerPoint());
    long higherBase = base(higher);
    long firstOffset = higherBase == 0
        ? higher.offset()
        : slotOffset(higher, higherBase, lowerIntervalStart);
    long higherPoints = lower.secondsPerPoint() / higher.secondsPerPoint();
    long relativeLast =
        Math.floorMod(firstOffset - higher.offset() + higherPoints * Point.BYTES, higher.byteSize());
    long lastOffset = higher.offset() + relativeLast;
    int count = (int) ((firstOffset < lastOffset
        ? lastOffset - firstOffset
        : higher.end() - firstOffset + lastOffset - higher.offset()) / Point.BYTES);
    long[] timestamps = new long[count];
    double[] values = new double[count];
    readWrapped(higher, firstOffset, count, timestamps, values);

    boolean[] known = new boolean[count];
    int knownCount = 0;
    long expected = lowerIntervalStart;
    for (int k = 0; k < count; k++, expected += higher.secondsPerPoint()) {
      if (timestamps[k] == expected) {
        known[k] = true;
        knownCount++;
      }
    }
    if (knownCount == 0) {
      return false;
    }
    if ((double) knownCount / (double) count < header.xFilesFactorAsDouble()) {
      return false;
    }
    double aggregate = header.aggregationMethod().aggregate(values, known, count);
    long lowerBase = base(lower);
    long offset = lowerBase == 0 ? lower.offset() : slotOffset(lower, lowerBase, lowerIntervalStart);
    storage.writePoint(offset, lowerIntervalStart, aggregate);
    return true;
  }

  /** Writes one point at {@code interval}'s slot, or at slot 0 if the archive is empty. */
  void writePoint(ArchiveInfo archive, long interval, double value) throws IOException {
    long base = base(archive);
    long offset = base == 0 ? archive.offset() : slotOffset(archive, base, interval);
    storage.writePoint(offset, interval, value);
  }

  /** Reads every slot of {@code archive} in ring order, slot 0 first. */
  void readAll(ArchiveInfo archive, long[] timestamps, double[] values) throws IOException {
    storage.readPoints(archive.offset(), (int) archive.points(), timestamps, values, 0);
  }

  // Reads `count` points from `offset`, continuing at the archive's start when it reaches the
  // end: the two-read pattern of whisper.py.
  private void readWrapped(
      ArchiveInfo archive, long offset, int count, long[] timestamps, double[] values)
      throws IOException {
    int untilEnd = (int) Math.min(count, (archive.end() - offset) / Point.BYTES);
    storage.readPoints(offset, untilEnd, timestamps, values, 0);
    if (untilEnd < count) {
      storage.readPoints(archive.offset(), count - untilEnd, timestamps, values, untilEnd);
    }
  }

  private static List<Double> nulls(int n) {
    List<Double> values = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      values.add(null);
    }
    return values;
  }
}
