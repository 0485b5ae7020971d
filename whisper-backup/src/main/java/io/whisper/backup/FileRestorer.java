package io.whisper.backup;

import io.whisper.core.Fill;
import io.whisper.core.WhisperFile;
import io.whisper.core.os.FileLock;
import io.whisper.core.os.SafeCopy;
import io.whisper.core.os.SyncedFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;

/**
 * Restores one file of a snapshot without losing data. Its chunks are read and verified
 * first, into a hidden temporary file beside the target (carbon ignores it); only then is the
 * target touched:
 *
 * <ul>
 *   <li>no file there: the temporary file is linked into place (a link never replaces);
 *   <li>a file there: its gaps are filled from the backup under its {@code flock(2)}, the
 *       live points win ({@link Fill});
 *   <li>a file there and {@code overwrite}: under its lock it is kept beside, as
 *       {@code NAME.before-restore-EPOCH}, and the backup renamed over it.
 * </ul>
 */
public final class FileRestorer {
  private final Repository repository;
  private final boolean overwrite;
  private final long now;
  // Folders whose new entries are synced once, by finish(): a file is synced before it is
  // linked, so a crash loses at most the link of a file a rerun restores again.
  private final java.util.Set<Path> unsynced = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** A restorer that fills at the epoch second {@code now}. */
  public FileRestorer(Repository repository, boolean overwrite, long now) {
    this.repository = repository;
    this.overwrite = overwrite;
    this.now = now;
  }

  /** What restoring one file did. */
  public sealed interface Outcome permits Created, Filled, Replaced, Failed {
    /** The target. */
    Path path();
  }

  /** There was no file: it is the backup's, byte for byte. */
  public record Created(Path path) implements Outcome {}

  /** The live file's gaps were filled: {@code slots} of them. */
  public record Filled(Path path, long slots) implements Outcome {}

  /** The live file was replaced; the old one is at {@code kept}. */
  public record Replaced(Path path, Path kept) implements Outcome {}

  /** Nothing was changed; the reason says why. */
  public record Failed(Path path, String reason) implements Outcome {}

  /** Restores {@code file} to {@code target}. */
  public Outcome restore(Node.File file, Path target) {
    Path temp = null;
    try {
      byte[] bytes = FileContent.read(repository, file);
      Path dir = target.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      temp = SafeCopy.temporaryBeside(target);
      write(temp, bytes, file);
      if (!Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        try {
          Files.createLink(target, temp);
          unsynced.add(dir);
          return new Created(target);
        } catch (FileAlreadyExistsException e) {
          // appeared meanwhile (carbon created it): fill it as any live file
        }
      }
      return overwrite ? replace(temp, target) : fill(temp, target);
    } catch (IOException | RuntimeException e) {
      return new Failed(target, target + ": " + FileChunker.message(e));
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          // a hidden .tmp left behind; carbon and our walks ignore it
        }
      }
    }
  }

  /** Syncs the folders that got new files: call once all files are restored. */
  public void finish() throws IOException {
    for (Path dir : unsynced) {
      SyncedFiles.forceDirectory(dir);
    }
    unsynced.clear();
  }

  private Outcome fill(Path temp, Path target) throws IOException {
    try (WhisperFile backup = WhisperFile.open(temp, WhisperFile.Options.READ_ONCE);
        WhisperFile live = WhisperFile.open(target, WhisperFile.Options.UPDATE)) {
      long slots = Fill.fill(backup, live, Fill.Request.at(now)).total();
      if (slots > 0) {
        live.force();
      }
      return new Filled(target, slots);
    } catch (io.whisper.core.CorruptWhisperFileException e) {
      throw new IOException("the live file or the backup is not a whisper file ("
          + e.getMessage() + "); --overwrite replaces the live file, keeping it beside", e);
    }
  }

  private Outcome replace(Path temp, Path target) throws IOException {
    Path kept = target.resolveSibling(target.getFileName() + ".before-restore-" + now);
    try (FileLock lock = FileLock.exclusive(target)) {
      // Under carbon's lock: no write lands between the link and the rename.
      Files.createLink(kept, lock.path());
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    }
    SyncedFiles.forceDirectory(target.toAbsolutePath().getParent());
    return new Replaced(target, kept);
  }

  // The bytes, synced, with the file's mode and time (and owner, where we may set it).
  private static void write(Path temp, byte[] bytes, Node.File file) throws IOException {
    try (FileChannel out = FileChannel.open(
        temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
      out.force(true);
    }
    try {
      Files.setAttribute(temp, "unix:mode", file.mode());
      Files.setLastModifiedTime(temp, FileTime.from(file.mtimeNanos(), TimeUnit.NANOSECONDS));
      Files.setAttribute(temp, "unix:uid", file.uid());
      Files.setAttribute(temp, "unix:gid", file.gid());
    } catch (IOException | UnsupportedOperationException e) {
      // not root: the file is ours, with the mode and time restored where we could
    }
  }
}
