package io.whisper.core;

import io.whisper.core.os.HeldInode;
import io.whisper.core.os.SafeCopy;
import io.whisper.core.os.SyncedFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A move to another file system, to a name that does not exist: under the source's flock, a
 * sparse copy into a temporary non-{@code .wsp} file beside the destination, forced to disk,
 * copied again until the source stops changing, linked into place, the folder forced, header
 * and size checked; late writes carried over, and only then the source removed.
 */
final class MoveByCopy {
  private static final long DESTINATION_LOCK_WAIT_MILLIS = 5000;

  private final MoveJob job;
  private Path temp;

  MoveByCopy(MoveJob job) {
    this.job = job;
  }

  /** Copies the locked source {@code held}; empty if the destination appeared meanwhile. */
  Optional<Move.Result> copy(HeldInode held) throws IOException {
    Path source = job.source;
    Path destination = job.destination;
    Header header = MoveJob.readHeader(held.inode(), source);
    job.requireComparable(header);
    byte[] copied;
    try {
      copied = job.untilStable(held, () -> copyOnce(held), "copy");
      if (SafeCopy.publish(temp, destination) == SafeCopy.Outcome.TARGET_EXISTS) {
        return Optional.empty();
      }
      job.step("published");
    } finally {
      if (temp != null) {
        Files.deleteIfExists(temp);
      }
    }
    SyncedFiles.forceDirectory(MoveJob.folderOf(destination));
    Header written = MoveJob.readHeader(destination, destination);
    if (!written.equals(header) || Files.size(destination) != copied.length) {
      throw new IOException("the copy at " + destination + " does not match its source;"
          + " the source is kept");
    }
    long carried = 0;
    boolean sourceFirst = job.sourceFirst();
    try (HeldInode target = lockDestinationHoldingSource();
        WhisperFile out = WhisperFile.open(
            target.inode(), WhisperFile.Options.UPDATE_UNLOCKED.withAccess(
                WhisperFile.Access.CHANNEL))) {
      byte[] now = Files.readAllBytes(held.inode());
      carried += LateWrites.carry(header, copied, now, out);
      out.force();
      job.unlinkSource();
      job.drain(held, sourceFirst ? List.of(held, target) : List.of(target, held));
      byte[] last = Files.readAllBytes(held.inode());
      if (!Arrays.equals(last, now)) {
        carried += LateWrites.carry(header, now, last, out);
        out.force();
      }
    }
    return Optional.of(new Move.Result.Copied(source, destination, false, carried));
  }

  // One copy into a new temporary file (the last one's deleted); returns what it holds.
  private byte[] copyOnce(HeldInode held) throws IOException {
    boolean first = temp == null;
    if (!first) {
      Files.delete(temp);
      temp = null;
    }
    temp = SafeCopy.copyToTemp(held.inode(), job.destination);
    if (first) {
      job.step("temp-written");
    }
    return Files.readAllBytes(temp);
  }

  // We hold the source's lock, so waiting for the destination's could deadlock with a mover
  // that took them in the other order: try for a while instead, and give up keeping both files.
  private HeldInode lockDestinationHoldingSource() throws IOException {
    HeldInode target = HeldInode.open(job.destination, job.options.lock());
    try {
      long deadline = System.nanoTime() + DESTINATION_LOCK_WAIT_MILLIS * 1_000_000;
      while (!target.tryLock()) {
        if (System.nanoTime() > deadline) {
          throw new IOException("the destination " + job.destination + " stays locked; the"
              + " data is in both files, run the move again to finish");
        }
        MoveJob.pause(5);
      }
      return target;
    } catch (IOException | RuntimeException | Error e) {
      target.close();
      throw e;
    }
  }
}
