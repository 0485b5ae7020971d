package io.whisper.core.os;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Opens whisper files, refusing what is not a regular file: opening a FIFO named {@code x.wsp}
 * waits for a writer that never comes, and reading a device never ends. Folders are left to
 * the open, whose "Is a directory" the drop-ins print as the scripts do.
 */
public final class RegularFiles {
  private RegularFiles() {}

  /**
   * Opens {@code path}, following symbolic links, once its type is known to be a regular file
   * (or a folder).
   *
   * @throws FileSystemException "not a regular file" for a FIFO, socket or device
   */
  public static FileChannel open(Path path, OpenOption... options) throws IOException {
    requireRegular(path);
    return FileChannel.open(path, options);
  }

  /** Throws unless {@code path}, links followed, is a regular file or a folder. */
  public static void requireRegular(Path path) throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
    if (!attributes.isRegularFile() && !attributes.isDirectory()) {
      throw new FileSystemException(path.toString(), null, "not a regular file");
    }
  }
}
