package io.whisper.core.os;

import java.nio.file.Path;

/**
 * A folder held open ({@code O_PATH}) while files in it are read, so each is opened by its name
 * alone ({@code openat}) instead of by a whole path that the kernel looks up again, component
 * by component, for every file: a scan of millions of files spends a good part of its system
 * time there.
 *
 * <p>When the folder cannot be held (another file system, no native access, the folder gone or
 * not searchable) it holds nothing and its files are opened by path, which then reports the
 * error of each file as it would have anyway.
 *
 * <p>Not thread-safe: one thread opens, uses and closes it.
 */
public final class OpenFolder implements AutoCloseable {
  private static final int NONE = -1;

  private final Path path;
  private int fd;

  private OpenFolder(Path path, int fd) {
    this.path = path;
    this.fd = fd;
  }

  /** Holds {@code dir} open; never fails (see the class comment). */
  public static OpenFolder open(Path dir) {
    if (!NativeAccess.reaches(dir)) {
      return new OpenFolder(dir, NONE);
    }
    int fd = ScanBuffers.get().openAt(Syscalls.AT_FDCWD, PathBytes.of(dir),
        Syscalls.O_PATH | Syscalls.O_CLOEXEC);
    return new OpenFolder(dir, fd >= 0 ? fd : NONE);
  }

  /** Returns the folder. */
  public Path path() {
    return path;
  }

  /** Returns the descriptor to open files in the folder by name, or -1 to open them by path. */
  int fd() {
    return fd;
  }

  @Override
  public void close() {
    if (fd != NONE) {
      Syscalls.close(ScanBuffers.get().state(), fd); // an O_PATH descriptor: nothing to lose
      fd = NONE;
    }
  }
}
