package io.whisper.core;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Copies a whisper file so that no reader ever sees a half-written one: the bytes go to a
 * temporary file in the target's folder whose name does not end in {@code .wsp} (carbon,
 * graphite-web and tree walks ignore it), kept sparse where the data is zero, forced to disk,
 * and then linked into place without ever replacing a file that appeared meanwhile.
 */
public final class SafeCopy {
  // Whisper files are written in 12-byte points, but holes come in file-system blocks.
  private static final int BLOCK = 4096;

  private SafeCopy() {}

  /**
   * Copies {@code source} to {@code target} (which must not exist) through a temporary file,
   * forcing the file and the target's folder to disk.
   *
   * @throws FileAlreadyExistsException if {@code target} exists or appeared during the copy
   *     (it is left as it was and no temporary file remains)
   */
  public static void copy(Path source, Path target) throws IOException {
    Path temp = writeTemp(target, Files.readAllBytes(source));
    try {
      publish(temp, target);
    } finally {
      Files.deleteIfExists(temp);
    }
    SyncedFiles.forceDirectory(folderOf(target));
  }

  /**
   * Writes {@code bytes} to a new temporary file beside {@code target}, skipping zero blocks so
   * the copy stays sparse, and forces it to disk.
   *
   * @return the temporary file; the caller removes it
   */
  static Path writeTemp(Path target, byte[] bytes) throws IOException {
    Path temp = folderOf(target).resolve("." + target.getFileName() + ".move-"
        + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
    try (FileChannel channel =
        FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      for (int start = 0; start < bytes.length; start += BLOCK) {
        int length = Math.min(BLOCK, bytes.length - start);
        if (!isZero(bytes, start, length)) {
          writeFully(channel, ByteBuffer.wrap(bytes, start, length), start);
        }
      }
      if (channel.size() < bytes.length) {
        writeFully(channel, ByteBuffer.allocate(1), bytes.length - 1L); // a hole up to the end
      }
      channel.force(true);
    } catch (IOException | RuntimeException | Error e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    return temp;
  }

  /**
   * Gives the finished {@code temp} the name {@code target} atomically; a hard link never
   * replaces an existing file, where rename(2) would. File systems without hard links get a
   * move that refuses to replace (checked, then renamed: not atomic there).
   *
   * @throws FileAlreadyExistsException if {@code target} exists
   */
  static void publish(Path temp, Path target) throws IOException {
    try {
      Files.createLink(target, temp);
    } catch (UnsupportedOperationException e) {
      Files.move(temp, target);
    }
  }

  /** Returns the folder a path is in, for a relative one too. */
  static Path folderOf(Path path) {
    return path.toAbsolutePath().getParent();
  }

  private static boolean isZero(byte[] bytes, int start, int length) {
    for (int i = start; i < start + length; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static void writeFully(FileChannel channel, ByteBuffer buffer, long position)
      throws IOException {
    while (buffer.hasRemaining()) {
      position += channel.write(buffer, position);
    }
  }
}
