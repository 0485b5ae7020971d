package io.whisper.core.os;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Copies a file to a place where none exists yet, the way a replica must be created under a
 * running carbon: never half-written, never replacing a file that appeared meanwhile, durable
 * once it returns, and as sparse as the source's zeros allow.
 */
public final class SafeCopy {
  private static final int BLOCK = 4096;
  // How copyNew's temporary files end, which tells them from other temporary files.
  private static final String COPY_SUFFIX = ".copy.tmp";

  private SafeCopy() {}

  /** What {@link #copyNew} did. */
  public enum Outcome {
    /** The target did not exist and now holds a complete, synced copy. */
    COPIED,
    /** The target already existed (or appeared during the copy); it was left untouched. */
    TARGET_EXISTS
  }

  /**
   * Copies {@code source} to {@code target} if {@code target} does not exist: the bytes go to a
   * temporary file in the target's folder (a name that does not end in {@code .wsp}, so tree
   * walkers and carbon ignore it), which is synced and then linked into place without
   * replacing anything, and the folder is synced. Missing parent folders are created.
   * All-zero 4 KiB blocks are not written, so they stay holes (whisper files are mostly zeros
   * until they fill up).
   *
   * @return {@link Outcome#TARGET_EXISTS} if the target was there before or appeared meanwhile
   */
  public static Outcome copyNew(Path source, Path target) throws IOException {
    if (Files.exists(target)) {
      return Outcome.TARGET_EXISTS;
    }
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temp = temporaryBeside(target, COPY_SUFFIX);
    try {
      Files.createFile(temp);
    } catch (IOException e) {
      throw naming(e, target);
    }
    // Held locked for as long as it exists: what a killed copy leaves, nobody holds (see
    // removeLeftovers).
    FileLock held = null;
    try {
      held = lockable(temp) ? FileLock.exclusive(temp) : null;
      copySparse(source, temp, target, false);
      Outcome outcome = publish(temp, target);
      if (outcome == Outcome.COPIED) {
        SyncedFiles.forceDirectory(dir);
      }
      return outcome;
    } finally {
      Files.deleteIfExists(temp);
      if (held != null) {
        held.close();
      }
    }
  }

  /**
   * Removes from {@code folder} the temporary files of {@link #copyNew} that a killed process
   * left: those older than {@code before} (a run's start: a copy under way since is not
   * touched) whose lock nobody holds. Returns the files removed.
   */
  public static List<Path> removeLeftovers(Path folder, Instant before) throws IOException {
    List<Path> removed = new ArrayList<>();
    if (!lockable(folder)) {
      return removed; // without locks a copy under way cannot be told from a leftover
    }
    for (DirectoryListing.Entry entry : DirectoryListing.list(folder)) {
      String name = entry.name();
      if (entry.type() != DirectoryListing.Type.FILE || !name.startsWith(".")
          || !name.endsWith(COPY_SUFFIX)) {
        continue;
      }
      Path leftover = entry.path();
      if (!Files.getLastModifiedTime(leftover, LinkOption.NOFOLLOW_LINKS).toInstant()
          .isBefore(before)) {
        continue;
      }
      Optional<FileLock> unused = FileLock.tryExclusive(leftover);
      if (unused.isPresent()) {
        try {
          if (Files.deleteIfExists(leftover)) {
            removed.add(leftover);
          }
        } finally {
          unused.get().close();
        }
      }
    }
    return removed;
  }

  // Whether files there can be locked: not on the default file system without native access.
  private static boolean lockable(Path path) {
    return NativeAccess.available() || path.getFileSystem() != FileSystems.getDefault();
  }

  /**
   * Copies {@code source} sparsely into a new, synced temporary file in {@code target}'s
   * (existing) folder and returns it; the caller publishes or deletes it.
   */
  public static Path copyToTemp(Path source, Path target) throws IOException {
    Path temp = temporaryBeside(target, ".tmp");
    try {
      copySparse(source, temp, target, true);
    } catch (IOException | RuntimeException | Error e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    return temp;
  }

  // Failures name `target`, the file the operator asked for, unless they are about the source.
  private static void copySparse(Path source, Path temp, Path target, boolean create)
      throws IOException {
    try {
      copySparse(source, temp, create);
    } catch (FileSystemException e) {
      throw e.getFile() != null && !e.getFile().equals(temp.toString()) ? e : naming(e, target);
    } catch (IOException e) {
      throw naming(e, target);
    }
  }

  private static FileSystemException naming(IOException e, Path target) {
    FileSystemException named =
        new FileSystemException(target.toString(), null, Failures.reason(e));
    named.initCause(e);
    return named;
  }

  private static void copySparse(Path source, Path temp, boolean create) throws IOException {
    try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
        FileChannel out = create
            ? FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)
            : FileChannel.open(temp, StandardOpenOption.WRITE)) {
      ByteBuffer block = ByteBuffer.allocate(BLOCK);
      long position = 0;
      while (true) {
        block.clear();
        int read = FileReads.read(in, position, block);
        if (read <= 0) {
          break;
        }
        block.flip();
        if (!allZero(block)) {
          while (block.hasRemaining()) {
            out.write(block, position + block.position());
          }
        }
        position += read;
      }
      if (out.size() < position) {
        out.write(ByteBuffer.allocate(1), position - 1); // the length, past a trailing hole
      }
      out.force(true);
    }
  }

  private static boolean allZero(ByteBuffer block) {
    for (int i = block.position(); i < block.limit(); i++) {
      if (block.get(i) != 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns a fresh temporary name in {@code target}'s folder: hidden, and not ending in
   * {@code .wsp}, so carbon, graphite-web and our own walks never take it for a metric.
   */
  public static Path temporaryBeside(Path target) {
    return temporaryBeside(target, ".tmp");
  }

  private static Path temporaryBeside(Path target, String suffix) {
    return PathBytes.withAffixes(target.toAbsolutePath(), ".", "." // the name's very bytes
        + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + suffix);
  }

  // A hard link publishes atomically and never replaces; file systems without links get a
  // move without REPLACE_EXISTING, which refuses to replace too.
  public static Outcome publish(Path temp, Path target) throws IOException {
    try {
      Files.createLink(target, temp);
    } catch (FileAlreadyExistsException e) {
      return Outcome.TARGET_EXISTS;
    } catch (UnsupportedOperationException e) {
      try {
        Files.move(temp, target);
      } catch (FileAlreadyExistsException exists) {
        return Outcome.TARGET_EXISTS;
      }
    }
    return Outcome.COPIED;
  }
}
