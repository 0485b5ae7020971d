package io.whisper.core;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * whisper-resize {@code --aggregate}: fills each new archive from the old data, aggregating
 * the old points that fall in each new interval with the file's method and xFilesFactor.
 *
 * <p>This is the intent of upstream's fixed version (1.1.8): the old archives are stitched
 * into one chronological series, finest data first and coarser archives only for time before
 * it. Two of 1.1.8's remaining bugs are not copied: its intervals are offset by {@code now %
 * step} instead of aligned, and it writes every archive's values through update_many, which
 * puts a coarse archive's recent aggregates into the finest archive. Here each interval is
 * aligned and each archive gets its own values, unpropagated.
 */
final class ResizeAggregation {

  private ResizeAggregation() {}

  static void write(
      WhisperFile target, List<TimeSeries> oldData, AggregationMethod method, double xff,
      long now) throws IOException {
    List<TimeSeries> finestFirst = new ArrayList<>(oldData);
    finestFirst.sort((a, b) -> Long.compare(a.step(), b.step()));
    List<Long> timestamps = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    stitch(finestFirst, timestamps, values);
    List<ArchiveInfo> archives = target.header().archives();
    for (int index = 0; index < archives.size(); index++) {
      writeArchive(target, index, archives.get(index), timestamps, values, method, xff, now);
    }
  }

  // One ascending series: all of the finest archive, then from each coarser archive only the
  // points older than everything taken so far.
  private static void stitch(
      List<TimeSeries> finestFirst, List<Long> timestamps, List<Double> values) {
    List<Long> newestFirstTimes = new ArrayList<>();
    List<Double> newestFirstValues = new ArrayList<>();
    for (TimeSeries series : finestFirst) {
      long oldest = newestFirstTimes.isEmpty() ? Long.MAX_VALUE : newestFirstTimes.getLast();
      for (int k = series.values().size() - 1; k >= 0; k--) {
        long t = series.timestampAt(k);
        if (t < oldest) {
          newestFirstTimes.add(t);
          newestFirstValues.add(series.values().get(k));
        }
      }
    }
    timestamps.addAll(newestFirstTimes.reversed());
    values.addAll(newestFirstValues.reversed());
  }

  // The archive's `points` aligned intervals ending with the one holding `now`, as a fetch of
  // its whole window returns them.
  private static void writeArchive(
      WhisperFile target, int index, ArchiveInfo archive, List<Long> timestamps,
      List<Double> values, AggregationMethod method, double xff, long now) throws IOException {
    long step = archive.secondsPerPoint();
    long last = now - Math.floorMod(now, step);
    long first = last - (archive.points() - 1) * step;
    int lo = lowerBound(timestamps, first);
    double[] window = new double[0];
    boolean[] known = new boolean[0];
    for (long interval = first; interval <= last; interval += step) {
      int hi = lowerBound(timestamps, interval + step);
      int count = hi - lo;
      if (window.length < count) {
        window = new double[count];
        known = new boolean[count];
      }
      int knownCount = 0;
      for (int k = 0; k < count; k++) {
        Double value = values.get(lo + k);
        known[k] = value != null;
        window[k] = value == null ? 0 : value;
        knownCount += known[k] ? 1 : 0;
      }
      if (knownCount > 0 && (double) knownCount / count >= xff && interval > 0) {
        target.writeSlot(index, interval, method.aggregate(window, known, count));
      }
      lo = hi;
    }
  }

  private static int lowerBound(List<Long> sorted, long key) {
    int lo = 0;
    int hi = sorted.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted.get(mid) < key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
