package io.whisper.core.os;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;

/**
 * The one decision whether this process can make the system calls of this package (Linux on
 * x86-64 or aarch64, with native access granted: {@code --enable-native-access=ALL-UNNAMED}),
 * taken once when {@link Syscalls} links its downcall. Every caller asks here; none probes
 * on its own (Lucene's {@code NativeAccess.getImplementation()} shape).
 */
public final class NativeAccess {
  private NativeAccess() {}

  /** Returns true if the system calls can be made here. */
  public static boolean available() {
    return Syscalls.LINKED;
  }

  /**
   * Returns true if {@code path} can be reached through them: they can be made and the path is
   * on the default file system (not jimfs, whose files have no descriptors).
   */
  public static boolean reaches(Path path) {
    return Syscalls.LINKED && path.getFileSystem() == FileSystems.getDefault();
  }

  /**
   * Throws unless {@link #reaches(Path) path is reached}, saying what could not be done.
   *
   * @param action what was to be done, a verb ("lock", "move", "hold")
   */
  public static void require(String action, Path path) throws IOException {
    if (!reaches(path)) {
      throw new IOException("cannot " + action + " " + path + ": " + (available()
          ? "needs a file on the default (local) file system"
          : "needs Linux's system calls (run the JVM with --enable-native-access=ALL-UNNAMED)"));
    }
  }
}
