package io.whisper.core;

import io.whisper.core.os.HeldInode;
import io.whisper.core.os.SyncedFiles;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;

/**
 * A move within one file system to a name that does not exist: under the source's flock, a
 * hard link at the destination (which, unlike rename(2), never replaces a file carbon created
 * meanwhile), then the source's name removed; both folders forced to disk.
 */
final class MoveByRename {
  private final MoveJob job;

  MoveByRename(MoveJob job) {
    this.job = job;
  }

  /** What a link of the source at the destination came to. */
  enum Link {
    /** Linked: the move is done once the source's name is removed ({@link #unlink}). */
    LINKED,
    /** The destination appeared meanwhile: plan again. */
    TAKEN,
    /** The kernel refuses the link: copy instead. */
    REFUSED
  }

  /** Links the locked source at the destination, never replacing a file. */
  Link link() throws IOException {
    try {
      Files.createLink(job.destination, job.source);
    } catch (FileAlreadyExistsException e) {
      return Link.TAKEN;
    } catch (FileSystemException e) {
      // Mount points the file store check did not tell apart (EXDEV), or a link the
      // kernel refuses (protected_hardlinks): copy instead, which never needs one.
      return Link.REFUSED;
    }
    job.step("linked");
    return Link.LINKED;
  }

  /** After {@link Link#LINKED}: makes the new name durable and removes the source's. */
  Move.Result unlink() throws IOException {
    SyncedFiles.forceDirectory(MoveJob.folderOf(job.destination));
    job.unlinkSource();
    return new Move.Result.Renamed(job.source, job.destination, false);
  }

  // A rename killed between link and unlink leaves two names for one inode: remove the source's.
  Move.Result finishInterrupted() throws IOException {
    if (job.options.dryRun()) {
      return new Move.Result.Renamed(job.source, job.destination, true);
    }
    try (HeldInode held = job.lockedSource()) {
      if (!held.isAt(job.destination)) {
        throw new MoveJob.Refused("the destination changed while waiting for the lock; try again");
      }
      job.unlinkSource();
    }
    return new Move.Result.Renamed(job.source, job.destination, false);
  }
}
