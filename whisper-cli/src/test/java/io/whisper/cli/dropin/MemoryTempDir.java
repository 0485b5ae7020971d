package io.whisper.cli.dropin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Makes temporary folders on tmpfs ({@code /dev/shm}) when there is one: resize forces every
 * file it writes to disk, and hundreds of differential runs on a busy disk spend most of
 * their time waiting for fsync. Elsewhere it uses the default temporary folder.
 */
final class MemoryTempDir {
  private static final Path SHM = Path.of("/dev/shm");

  private MemoryTempDir() {}

  static Path create() throws IOException {
    return Files.isDirectory(SHM) && Files.isWritable(SHM)
        ? Files.createTempDirectory(SHM, "whisper-dropin-")
        : Files.createTempDirectory("whisper-dropin-");
  }
}
