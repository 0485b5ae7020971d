package io.whisper.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** File helpers the move tests share. */
final class MoveTestFiles {
  private MoveTestFiles() {}

  /**
   * Returns a new folder in /dev/shm if that is another file system than {@code near}'s, so a
   * move there takes the copy path; null otherwise. The caller deletes it.
   */
  static Path otherFileSystemFolder(Path near, String prefix) throws IOException {
    Path shm = Path.of("/dev/shm");
    if (Files.isDirectory(shm) && Files.isWritable(shm)
        && !Files.getFileStore(shm).equals(Files.getFileStore(near))) {
      return Files.createTempDirectory(shm, prefix);
    }
    return null;
  }
}
