package io.whisper.cli.fsck;

import io.whisper.core.os.PathBytes;
import io.whisper.core.os.SyncedFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Takes corrupt files out of carbon's and graphite-web's sight without losing a byte: renames
 * each in place to {@code NAME.wsp.corrupt.<UTC timestamp>} (whisper-fsck's and carbonate's
 * convention), or moves it under a quarantine folder at the same relative path.
 *
 * <p>It never replaces an existing file and never deletes data: on one file system the file
 * gets a second name ({@code link(2)}, which fails if the name is taken) before the first is
 * removed; across file systems it is copied to a temporary name, forced to disk, published under
 * its final name with a link, and only then removed at the source.
 */
public final class CorruptFileMover {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final Path quarantine;
  private final String stamp;

  /**
   * @param quarantine the folder to move files under, or null to rename them in place
   * @param startedAt the run's start, which names renamed files
   */
  public CorruptFileMover(Path quarantine, Instant startedAt) {
    this.quarantine = quarantine;
    this.stamp = STAMP.format(startedAt);
  }

  /**
   * Returns where {@code file}, found under the argument {@code root}, goes: beside itself with
   * the corrupt suffix, or under the quarantine at its path relative to {@code root}.
   */
  public Path destination(Path root, Path file) {
    if (quarantine == null) {
      return PathBytes.withSuffix(file, ".corrupt." + stamp);
    }
    Path relative = root.equals(file) ? file.getFileName() : root.relativize(file);
    return quarantine.resolve(relative);
  }

  /** Outcome of a move: how the bytes travelled. */
  public enum How {
    RENAMED,
    COPIED_ACROSS_FILE_SYSTEMS
  }

  /**
   * Moves {@code file} to {@code target}, which must not exist.
   *
   * @throws FileAlreadyExistsException if {@code target} exists; nothing is changed then
   */
  public How move(Path file, Path target) throws IOException {
    Path targetDir = target.toAbsolutePath().getParent();
    Files.createDirectories(targetDir);
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new FileAlreadyExistsException(target.toString(), null, "target exists");
    }
    Path sourceDir = file.toAbsolutePath().getParent();
    boolean sourceNameLeft = true;
    How how;
    if (Files.getFileStore(sourceDir).equals(Files.getFileStore(targetDir))) {
      sourceNameLeft = publish(file, target);
      how = How.RENAMED;
    } else {
      copyDurably(file, target);
      how = How.COPIED_ACROSS_FILE_SYSTEMS;
    }
    SyncedFiles.forceDirectory(targetDir);
    if (sourceNameLeft) {
      Files.delete(file);
    }
    SyncedFiles.forceDirectory(sourceDir);
    return how;
  }

  /**
   * Gives {@code source} the name {@code target} without ever replacing a file already there.
   * Returns true if {@code source} keeps its name too (a hard link), false if it was renamed.
   */
  private static boolean publish(Path source, Path target) throws IOException {
    try {
      Files.createLink(target, source);
      return true;
    } catch (FileAlreadyExistsException e) {
      throw e;
    } catch (UnsupportedOperationException | FileSystemException e) {
      // No hard links here (some FUSE and network file systems): reserve the name atomically
      // with an empty file, then rename over that placeholder only.
      Files.createFile(target);
      Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
      return false;
    }
  }

  private static void copyDurably(Path file, Path target) throws IOException {
    Path temp = PathBytes.withAffixes(target, ".", ".fsck-copy");
    Files.deleteIfExists(temp); // a leftover of an interrupted copy, never the only copy
    try {
      try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ);
          FileChannel out = FileChannel.open(temp,
              StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        long size = in.size();
        for (long done = 0; done < size; ) {
          done += in.transferTo(done, size - done, out);
        }
        out.force(true);
      }
      publish(temp, target);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
