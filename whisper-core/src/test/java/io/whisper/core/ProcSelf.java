package io.whisper.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What this process holds open, read from Linux's /proc/self: mappings and descriptors. */
final class ProcSelf {
  private ProcSelf() {}

  /** Counts the lines of /proc/self/maps, one per mapping. */
  static long mappings() throws IOException {
    return maps().size();
  }

  /** Counts the mappings of {@code file} (a real path: the kernel shows resolved names). */
  static long mappingsOf(Path file) throws IOException {
    String name = file.toString();
    return maps().stream()
        .filter(line -> line.endsWith(" " + name) || line.endsWith(" " + name + " (deleted)"))
        .count();
  }

  /** Counts this process's descriptors open on {@code file}. */
  static long descriptorsOn(Path file) throws IOException {
    long count = 0;
    try (var fds = Files.list(Path.of("/proc/self/fd"))) {
      for (Path fd : fds.toList()) {
        try {
          if (Files.readSymbolicLink(fd).equals(file)) {
            count++;
          }
        } catch (IOException e) {
          // closed meanwhile, such as the listing's own descriptor
        }
      }
    }
    return count;
  }

  private static List<String> maps() throws IOException {
    return Files.readAllLines(Path.of("/proc/self/maps"));
  }
}
