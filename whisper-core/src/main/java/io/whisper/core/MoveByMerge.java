package io.whisper.core;

import io.whisper.core.os.HeldInode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;

/**
 * A move to a file that exists: both locked in the fixed order, the destination filled from the
 * source with {@link Fill} until the source stops changing, forced, and the source removed
 * while still locked; what queued writers add during the drain is filled in too.
 */
final class MoveByMerge {
  private final MoveJob job;

  MoveByMerge(MoveJob job) {
    this.job = job;
  }

  Move.Result merge() throws IOException {
    boolean sourceFirst = job.sourceFirst();
    try (HeldInode from = HeldInode.open(job.source, job.options.lock());
        HeldInode into = HeldInode.open(job.destination, job.options.lock())) {
      (sourceFirst ? from : into).lock();
      (sourceFirst ? into : from).lock();
      job.step("both-locked");
      if (!from.isAt(job.source) || !into.isAt(job.destination)) {
        throw new MoveJob.Refused("the source or destination was moved or replaced while"
            + " waiting for its lock; try again");
      }
      job.requireComparable(MoveJob.readHeader(from.inode(), job.source));
      MoveJob.readHeader(into.inode(), job.destination);
      long[] filled = {0};
      try (WhisperFile in = WhisperFile.open(
              from.inode(), WhisperFile.Options.READ.withAccess(WhisperFile.Access.CHANNEL));
          WhisperFile out = WhisperFile.open(into.inode(),
              WhisperFile.Options.UPDATE_UNLOCKED.withAccess(WhisperFile.Access.CHANNEL))) {
        // each pass carries over what an unlocked writer added during the last
        byte[] taken = job.untilStable(from, () -> {
          byte[] before = Files.readAllBytes(from.inode());
          filled[0] += job.fill(in, out, false);
          return before;
        }, "merge");
        out.force();
        job.step("filled");
        job.unlinkSource();
        job.drain(from, sourceFirst ? List.of(from, into) : List.of(into, from));
        if (!Arrays.equals(taken, Files.readAllBytes(from.inode()))) {
          filled[0] += job.fill(in, out, false);
          out.force();
        }
      }
      return new Move.Result.Merged(job.source, job.destination, false, filled[0]);
    }
  }
}
