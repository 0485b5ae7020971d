package io.whisper.core;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.IntStream;

/**
 * Copies every known point of one whisper file into another with the same archives: whisper.py
 * 1.1.4's {@code file_merge}. The source wins wherever it has data, data only the destination
 * has is kept, and each archive's writes propagate to the lower-precision archives.
 */
public final class Merge {

  /** How many points were copied into one archive (by header index). */
  public record ArchiveMerge(int archive, int pointsWritten) {}

  /**
   * What to merge: {@code (from, until]} at {@code now}; {@code from} defaults to 0 and
   * {@code until} to {@code now}.
   */
  public record Request(long now, OptionalLong from, OptionalLong until) {
    /** Merges everything the source's archives cover at {@code now}. */
    public static Request at(long now) {
      return new Request(now, OptionalLong.empty(), OptionalLong.empty());
    }
  }

  /** The archives merged, in the order they were processed (by retention, shortest first). */
  public record Result(List<ArchiveMerge> archives) {
    public Result {
      archives = List.copyOf(archives);
    }
  }

  private Merge() {}

  /**
   * Merges the request's {@code (from, until]} of {@code source} into {@code destination}.
   *
   * <p>As in whisper.py, {@code from} defaults to 0 and {@code until} to {@code now}, each
   * archive reads only what it still covers at {@code now}, and an archive whose window ends
   * before {@code until} is skipped. The destination is written under its flock.
   *
   * @throws IllegalArgumentException "... archive configurations are unalike. Resize the input
   *     before merging" (whisper.py's NotImplementedError) or "time_to must be >= time_from"
   *     (its ValueError); nothing is written then
   */
  public static Result merge(Path source, Path destination, Request request) throws IOException {
    long now = request.now();
    try (WhisperFile src = WhisperFile.open(source, WhisperFile.Options.READ_ONCE);
        WhisperFile dst = WhisperFile.openForUpdate(destination)) {
      requireSameArchives(src, dst, "merging");
      long untilTime = request.until().orElse(now);
      long fromTime = request.from().orElse(0);
      if (untilTime < fromTime) {
        throw new IllegalArgumentException("time_to must be >= time_from");
      }
      List<ArchiveMerge> merged = new ArrayList<>();
      for (int index : byRetention(src.header())) {
        long retention = src.header().archive(index).retention();
        if (untilTime < now - retention) {
          continue; // the archive no longer covers anything up to until
        }
        long archiveFrom = Math.max(fromTime, now - retention);
        List<Point> points = known(src.fetchArchive(index, archiveFrom, untilTime));
        if (!points.isEmpty()) {
          dst.updateArchive(index, points);
          merged.add(new ArchiveMerge(index, points.size()));
        }
      }
      return new Result(merged);
    }
  }

  /**
   * Throws whisper.py's NotImplementedError text unless both files have identical archive
   * lists (offsets, steps and sizes); {@code verb} is "merging" or "diffing".
   */
  static void requireSameArchives(WhisperFile a, WhisperFile b, String verb) {
    if (!sameDescriptors(a.header().archives(), b.header().archives())) {
      throw new IllegalArgumentException(a.path() + " and " + b.path()
          + " archive configurations are unalike. Resize the input before " + verb);
    }
  }

  // field by field, not the record's equals (docs/startup.md)
  private static boolean sameDescriptors(List<ArchiveInfo> x, List<ArchiveInfo> y) {
    if (x.size() != y.size()) {
      return false;
    }
    for (int i = 0; i < x.size(); i++) {
      ArchiveInfo p = x.get(i);
      ArchiveInfo q = y.get(i);
      if (p.offset() != q.offset() || p.secondsPerPoint() != q.secondsPerPoint()
          || p.points() != q.points()) {
        return false;
      }
    }
    return true;
  }

  /** Archive indexes sorted by retention, as whisper.py's {@code sort(key=retention)} (stable). */
  static List<Integer> byRetention(Header header) {
    return IntStream.range(0, header.archives().size()).boxed()
        // a plain lambda (docs/startup.md)
        .sorted((i, j) ->
            Long.compare(header.archive(i).retention(), header.archive(j).retention()))
        .toList();
  }

  private static List<Point> known(TimeSeries series) {
    List<Point> points = new ArrayList<>();
    for (int k = 0; k < series.values().size(); k++) {
      Double value = series.values().get(k);
      if (value != null) {
        points.add(new Point(series.timestampAt(k), value));
      }
    }
    return points;
  }
}
