package io.whisper.cli.fsck;

import io.whisper.core.fsck.CheckResult;
import io.whisper.core.fsck.FileCheck;
import io.whisper.core.os.FileLock;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Decides, for one corrupt file, whether it may be moved out of the way, and moves it: only if
 * nobody holds its {@code flock}, it is older than the minimum age (carbon may be creating a
 * young file), and it is still corrupt when checked again under the lock.
 */
public final class CorruptFileFixer {
  private final FileCheck check;
  private final CorruptFileMover mover;
  private final Duration minAge;
  private final Clock clock;
  private final boolean dryRun;
  private final ReentrantLock moving = new ReentrantLock();

  /**
   * @param check the check that found the file corrupt, run again under the lock
   * @param clock the wall clock a file's age is measured against, read for each file since a
   *     scan of a large tree can take hours
   */
  public CorruptFileFixer(
      FileCheck check, CorruptFileMover mover, Duration minAge, Clock clock, boolean dryRun) {
    this.check = check;
    this.mover = mover;
    this.minAge = minAge;
    this.clock = clock;
    this.dryRun = dryRun;
  }

  /** Handles {@code file}, found corrupt under the argument {@code root}. */
  public FixAction fix(Path root, Path file) {
    Path target = mover.destination(root, file);
    try {
      Optional<String> young = tooYoung(file);
      if (young.isPresent()) {
        return new FixAction.LeftAlone(young.get());
      }
      if (dryRun) {
        return Files.exists(target)
            ? new FixAction.LeftAlone(target + " already exists")
            : new FixAction.WouldMove(target);
      }
      Optional<FileLock> maybeLock = FileLock.tryExclusive(file);
      if (maybeLock.isEmpty()) {
        return new FixAction.LeftAlone("another process holds its lock");
      }
      FileLock lock = maybeLock.get();
      try (lock) {
        young = tooYoung(file);
        if (young.isPresent()) {
          return new FixAction.LeftAlone(young.get());
        }
        if (!(check.check(file) instanceof CheckResult.Corrupt)) {
          return new FixAction.LeftAlone("no longer corrupt when checked again under its lock");
        }
        moving.lock();
        try {
          return new FixAction.Moved(target, mover.move(file, target));
        } finally {
          moving.unlock();
        }
      }
    } catch (FileAlreadyExistsException e) {
      return new FixAction.LeftAlone(target + " already exists");
    } catch (NoSuchFileException e) {
      // Moved or removed since it was checked (a rebalance, another fsck): nothing to do.
      return new FixAction.LeftAlone("it vanished since it was checked");
    } catch (IOException e) {
      return new FixAction.Failed(e.getMessage() == null ? e.toString() : e.getMessage());
    }
  }

  /**
   * Waits up to {@code timeout} for a move in progress to finish and keeps any further move
   * from starting, so an interrupted run stops between moves; returns whether it succeeded.
   */
  public boolean stopMoving(Duration timeout) {
    try {
      return moving.tryLock(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private Optional<String> tooYoung(Path file) throws IOException {
    Instant modified = Files.getLastModifiedTime(file).toInstant();
    Duration age = Duration.between(modified, clock.instant());
    if (age.compareTo(minAge) < 0) {
      return Optional.of(String.format(java.util.Locale.ROOT,
          "modified %d s ago, less than --min-age %d s (carbon may be creating it)",
          age.toSeconds(), minAge.toSeconds()));
    }
    return Optional.empty();
  }
}
