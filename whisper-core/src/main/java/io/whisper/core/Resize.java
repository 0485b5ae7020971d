package io.whisper.core;

import io.whisper.core.os.PathBytes;
import io.whisper.core.os.SyncedFiles;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Rewrites a whisper file with a new schema, as whisper-resize 1.1.4 does, with its two bugs
 * fixed: the oldest live point of every archive is kept, and {@code aggregate} works.
 *
 * <p>The new file is built under {@code PATH.tmp} (or {@code newFile}) and forced to disk. The
 * original is then linked to {@code PATH.bak} and the new file renamed over {@code PATH} in one
 * atomic step, so {@code PATH} always exists and, if any step fails, still holds the original.
 * The original stays flocked from the first read until it has been replaced, so writers that
 * lock (carbon with WHISPER_LOCK_WRITES) cannot slip a point in between.
 */
public final class Resize {

  /**
   * What to resize to, at {@code now} (the clock reading every step uses). Empty
   * {@code xFilesFactor}/{@code method} keep the file's own; with {@code newFile} the original
   * is left alone; {@code noBackup} deletes {@code PATH.bak}.
   */
  public record Request(
      long now, List<Retention> archives, Optional<Double> xFilesFactor, Optional<AggregationMethod> method,
      boolean aggregate, Optional<Path> newFile, boolean noBackup) {
    public Request {
      archives = List.copyOf(archives);
    }
  }

  /**
   * What was done: {@code staleTempRemoved} if a previous {@code PATH.tmp} was deleted, the new
   * file and its size when created, and {@code backup} when the original was replaced (the
   * backup no longer exists if {@code backupRemoved}).
   */
  public record Result(
      boolean staleTempRemoved, Path created, long createdBytes, Optional<Path> backup,
      boolean backupRemoved) {}

  private Resize() {}

  /** Returns where the new file is built: {@code newFile}, or {@code PATH.tmp}. */
  public static Path target(Path path, Request request) {
    return request.newFile().orElseGet(() -> sibling(path, ".tmp"));
  }

  /** Returns where the original is kept: {@code PATH.bak}. */
  public static Path backup(Path path) {
    return sibling(path, ".bak");
  }

  /**
   * Resizes {@code path} as {@code request} says.
   *
   * @throws IllegalArgumentException with whisper.py's message for a bad schema or
   *     xFilesFactor, or if {@code newFile} exists; nothing is created or changed then
   */
  public static Result resize(Path path, Request request) throws IOException {
    long now = request.now();
    Path target = target(path, request);
    try (WhisperFile old = WhisperFile.open(path, WhisperFile.Options.READ.withLock(true))) {
      Header oldHeader = old.header();
      double xff = request.xFilesFactor().orElse(oldHeader.xFilesFactorAsDouble());
      AggregationMethod method = request.method().orElse(oldHeader.aggregationMethod());
      Whisper.header(request.archives(), xff, method); // validates before anything is touched
      List<TimeSeries> oldData = readAll(old, now);
      boolean staleTempRemoved = request.newFile().isEmpty() && Files.deleteIfExists(target);
      Whisper.create(target, request.archives(), xff, method, Allocation.ZERO_FILL, false);
      boolean published = false;
      try {
        long size = Files.size(target);
        fill(target, oldData, request.aggregate(), method, xff, now);
        if (request.newFile().isPresent()) {
          SyncedFiles.forceDirectory(target.toAbsolutePath().getParent());
          published = true;
          return new Result(staleTempRemoved, target, size, Optional.empty(), false);
        }
        Path backup = backup(path);
        replace(path, target, backup);
        published = true;
        if (request.noBackup()) {
          Files.delete(backup);
        }
        return new Result(staleTempRemoved, target, size, Optional.of(backup),
            request.noBackup());
      } finally {
        if (!published) {
          Files.deleteIfExists(target); // a half-made file is no use; the original is intact
        }
      }
    }
  }

  private static void fill(Path target, List<TimeSeries> oldData, boolean aggregate,
      AggregationMethod method, double xff, long now) throws IOException {
    try (WhisperFile created = WhisperFile.open(target, WhisperFile.Options.UPDATE_UNLOCKED)) {
      if (aggregate) {
        ResizeAggregation.write(created, oldData, method, xff, now);
      } else {
        migrate(created, oldData, now);
      }
      created.force();
    }
  }

  // Each archive's whole window, coarsest first. whisper-resize 1.1.4 starts one step later
  // (now - retention + step) and so drops the oldest live point; we keep it.
  private static List<TimeSeries> readAll(WhisperFile old, long now) throws IOException {
    List<ArchiveInfo> coarsestFirst = new ArrayList<>(old.header().archives());
    // a plain lambda (docs/startup.md)
    coarsestFirst.sort((x, y) -> Long.compare(y.secondsPerPoint(), x.secondsPerPoint()));
    List<TimeSeries> data = new ArrayList<>();
    for (ArchiveInfo archive : coarsestFirst) {
      data.add(old.fetch(now - archive.retention(), now, now).orElseThrow());
    }
    return data;
  }

  // whisper-resize without --aggregate: every known point through update_many, coarsest
  // archive first, so finer data overwrites what coarse points put into fine archives.
  private static void migrate(WhisperFile target, List<TimeSeries> coarsestFirst, long now)
      throws IOException {
    for (TimeSeries series : coarsestFirst) {
      List<Point> points = new ArrayList<>();
      for (int k = 0; k < series.values().size(); k++) {
        Double value = series.values().get(k);
        if (value != null) {
          points.add(new Point(series.timestampAt(k), value));
        }
      }
      target.updateMany(points, now);
    }
  }

  // PATH.bak becomes a second name of the original, then the new file is renamed over PATH:
  // unlike whisper-resize's two renames, PATH never goes missing. On failure the original is
  // still at PATH and the backup name is withdrawn.
  private static void replace(Path path, Path replacement, Path backup) throws IOException {
    if (Files.isDirectory(backup, LinkOption.NOFOLLOW_LINKS)) {
      throw new FileAlreadyExistsException(backup.toString(), null, "is a directory");
    }
    Files.deleteIfExists(backup); // an old backup is replaced, as the script's rename does
    try {
      Files.createLink(backup, path);
    } catch (UnsupportedOperationException | FileSystemException e) {
      Files.copy(path, backup, StandardCopyOption.COPY_ATTRIBUTES);
    }
    try {
      Files.move(replacement, path, StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      try {
        Files.deleteIfExists(backup);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    SyncedFiles.forceDirectory(path.toAbsolutePath().getParent());
  }

  private static Path sibling(Path path, String suffix) {
    return PathBytes.withSuffix(path, suffix);
  }
}
