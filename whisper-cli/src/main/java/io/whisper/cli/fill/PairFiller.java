package io.whisper.cli.fill;

import io.whisper.core.Fill;
import io.whisper.core.WhisperFile;
import io.whisper.core.os.Failures;
import io.whisper.core.os.SafeCopy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Fills one destination file from one source file, or copies the source where the destination
 * is missing. Every failure becomes a {@link PairOutcome.Failed}: one bad pair must not stop a
 * tree. Thread-safe; each call opens, locks and closes its own files on the calling thread.
 */
public final class PairFiller {

  /**
   * How to fill.
   *
   * @param lock hold the destination under flock(2) LOCK_EX while filling it
   * @param dryRun count, write nothing (no lock either: nothing is written)
   * @param copyMissing copy the source where the destination is missing
   * @param skipMissing without copyMissing, report a missing destination as skipped (in a
   *     tree, where counterparts are optional) rather than failed (a named pair)
   * @param from fill only after this time, if given
   * @param until fill only up to this time, if given
   * @param clock the epoch second to use as each file's {@code now}
   */
  public record Settings(
      boolean lock, boolean dryRun, boolean copyMissing, boolean skipMissing, OptionalLong from,
      OptionalLong until, LongSupplier clock) {}

  private final Settings settings;
  // When this run began: temporary files of copies older than that, unlocked, are leftovers.
  private final Instant started = Instant.now();
  private final Set<Path> foldersCleaned = ConcurrentHashMap.newKeySet();

  public PairFiller(Settings settings) {
    this.settings = settings;
  }

  /** Fills {@code destination} from {@code source}; never throws for bad input. */
  public PairOutcome fill(Path source, Path destination) {
    try {
      if (!exists(destination)) {
        if (!settings.copyMissing()) {
          return settings.skipMissing()
              ? new PairOutcome.Skipped(destination)
              : new PairOutcome.Failed(destination, destination + ": no such file or directory");
        }
        checkWhisper(source);
        if (settings.dryRun()) {
          return new PairOutcome.Copied(destination);
        }
        removeLeftoversBeside(destination);
        if (SafeCopy.copyNew(source, destination) == SafeCopy.Outcome.COPIED) {
          return new PairOutcome.Copied(destination);
        }
        // carbon created it while we copied: fill it like any other
      }
      return fillExisting(source, destination);
    } catch (IOException | RuntimeException e) {
      return new PairOutcome.Failed(destination, reason(e));
    }
  }

  private PairOutcome fillExisting(Path source, Path destination) throws IOException {
    WhisperFile.Options options = settings.dryRun()
        ? WhisperFile.Options.READ
        : WhisperFile.Options.UPDATE.withLock(settings.lock());
    try (WhisperFile dst = WhisperFile.open(destination, options);
        WhisperFile src = WhisperFile.open(source)) {
      // Taken once the lock is held: the whole file is filled at this one now.
      long now = settings.clock().getAsLong();
      Fill.Result result = Fill.fill(src, dst,
          new Fill.Request(now, settings.from(), settings.until(), settings.dryRun()));
      return new PairOutcome.Filled(destination, result);
    }
  }

  // Not Files.exists, which says false for a file in a folder we may not search: that file is
  // not missing, and must not be reported skipped (or copied over).
  private static boolean exists(Path path) throws IOException {
    try {
      Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return true;
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  // A copy killed before it finished leaves its temporary file; the first copy into a folder
  // in each run removes those (once per folder: a listing each time would cost a big folder
  // dearly). A folder that does not exist yet holds none.
  private void removeLeftoversBeside(Path destination) throws IOException {
    Path folder = destination.toAbsolutePath().getParent();
    if (foldersCleaned.add(folder) && Files.isDirectory(folder)) {
      SafeCopy.removeLeftovers(folder, started);
    }
  }

  private static void checkWhisper(Path source) throws IOException {
    WhisperFile.open(source).close(); // opening validates the header: a corrupt source is not copied
  }

  // One line that names the file and says what is wrong with it.
  static String reason(Exception e) {
    return Failures.describe(e);
  }

}
