package io.whisper.core.os;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Durability helpers: what makes a rename or a new file survive a crash. */
public final class SyncedFiles {
  private SyncedFiles() {}

  /**
   * Forces a folder's entries to disk, so a file created, renamed or removed in it survives a
   * crash. Does nothing on file systems that have no such notion (jimfs).
   */
  public static void forceDirectory(Path dir) throws IOException {
    if (dir.getFileSystem() != FileSystems.getDefault()) {
      return;
    }
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }
}
