package io.whisper.core;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Compares two whisper files with the same archives point by point: whisper.py 1.1.4's
 * {@code file_diff}, whose quirks the whisper-diff output depends on.
 */
public final class Diff {

  /** One compared interval; a null value is a slot without data (Python's None). */
  public record DiffPoint(long timestamp, Double valueA, Double valueB) {}

  /**
   * One archive's comparison: {@code archive} is its position by retention, {@code total} the
   * points compared and {@code differing} those that differ, in time order.
   */
  public record ArchiveDiff(int archive, List<DiffPoint> differing, int total) {
    public ArchiveDiff {
      differing = List.copyOf(differing);
    }
  }

  /**
   * What to compare: up to {@code until} (or {@code now}) at {@code now}; with
   * {@code ignoreEmpty} only points known in both files.
   */
  public record Request(long now, OptionalLong until, boolean ignoreEmpty) {
    /** Compares everything up to {@code now}, points known in either file. */
    public static Request at(long now) {
      return new Request(now, OptionalLong.empty(), false);
    }
  }

  /** The archives compared, by retention, shortest first. */
  public record Result(List<ArchiveDiff> archives) {
    public Result {
      archives = List.copyOf(archives);
    }
  }

  private Diff() {}

  /**
   * Compares {@code a} and {@code b} as whisper.py's {@code file_diff}, as {@code request} says.
   *
   * <p>Archives go by retention, shortest first. Archive i compares {@code (now - retention_i,
   * until_i]} where {@code until_0} is {@code until} (or {@code now}) and each later archive
   * stops where the previous one's window started. A point is compared when either value is
   * known, or with {@code ignoreEmpty} only when both are; it differs when the values are not
   * equal as doubles (so NaN always differs, and 0.0 equals -0.0).
   *
   * @throws IllegalArgumentException "... archive configurations are unalike. Resize the input
   *     before diffing" (whisper.py's NotImplementedError)
   */
  public static Result diff(Path a, Path b, Request request) throws IOException {
    long now = request.now();
    boolean ignoreEmpty = request.ignoreEmpty();
    try (WhisperFile fileA = WhisperFile.open(a, WhisperFile.Options.READ_ONCE);
        WhisperFile fileB = WhisperFile.open(b, WhisperFile.Options.READ_ONCE)) {
      Merge.requireSameArchives(fileA, fileB, "diffing");
      long untilTime = request.until().orElse(now);
      List<ArchiveDiff> result = new ArrayList<>();
      for (int index : Merge.byRetention(fileA.header())) {
        long startTime = now - fileA.header().archive(index).retention();
        TimeSeries seriesA = fileA.fetchArchive(index, startTime, untilTime);
        TimeSeries seriesB = fileB.fetchArchive(index, startTime, untilTime);
        result.add(compare(result.size(), seriesA, seriesB, ignoreEmpty));
        untilTime = Math.min(startTime, untilTime);
      }
      return new Result(result);
    }
  }

  private static ArchiveDiff compare(
      int archive, TimeSeries a, TimeSeries b, boolean ignoreEmpty) {
    long start = Math.min(a.start(), b.start());
    long end = Math.max(a.end(), b.end());
    long step = Math.min(a.step(), b.step());
    long count = Math.floorDiv(end - start, step);
    List<DiffPoint> differing = new ArrayList<>();
    int total = 0;
    for (int s = 0; s < count; s++) {
      Double valueA = valueAt(a, s);
      Double valueB = valueAt(b, s);
      boolean kept = ignoreEmpty
          ? valueA != null && valueB != null
          : valueA != null || valueB != null;
      if (!kept) {
        continue;
      }
      total++;
      if (!pythonEquals(valueA, valueB)) {
        differing.add(new DiffPoint(start + s * step, valueA, valueB));
      }
    }
    return new ArchiveDiff(archive, differing, total);
  }

  // A read of more than one lap returns fewer values than the range implies; whisper.py then
  // fails with IndexError, and so do we, with its message.
  private static Double valueAt(TimeSeries series, int index) {
    if (index >= series.values().size()) {
      throw new IllegalStateException("list index out of range");
    }
    return series.values().get(index);
  }

  private static boolean pythonEquals(Double a, Double b) {
    if (a == null || b == null) {
      return a == b;
    }
    return a.doubleValue() == b.doubleValue();
  }
}
