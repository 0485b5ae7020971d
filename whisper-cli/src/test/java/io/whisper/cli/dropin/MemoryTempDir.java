package io.whisper.cli.dropin;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

/**
 * Puts a {@code @TempDir} on tmpfs ({@code /dev/shm}) when there is one: resize forces every
 * file it writes to disk, and hundreds of differential runs on a busy disk spend most of
 * their time waiting for fsync. Elsewhere it is the default temporary folder.
 */
final class MemoryTempDir implements TempDirFactory {
  private static final Path SHM = Path.of("/dev/shm");

  @Override
  public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext context)
      throws Exception {
    return Files.isDirectory(SHM) && Files.isWritable(SHM)
        ? Files.createTempDirectory(SHM, "whisper-dropin-")
        : Files.createTempDirectory("whisper-dropin-");
  }
}
