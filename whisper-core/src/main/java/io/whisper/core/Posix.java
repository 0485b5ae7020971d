package io.whisper.core;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

/**
 * Opening, locking and allocating a file through system calls Java does not make:
 * {@code open(2)}, {@code flock(2)}, {@code close(2)}, {@code fallocate(2)} and
 * {@code lseek(2)} to a hole, made through
 * {@link Syscalls}' one downcall.
 *
 * <p>flock is the reason this class exists: carbon and whisper.py lock with {@code flock(2)},
 * and Java's {@code FileChannel.lock} takes {@code fcntl} locks, which on Linux do not exclude
 * flock holders at all. Where the calls cannot be made (no native access, another platform)
 * {@link #AVAILABLE} is false and callers fall back or refuse.
 */
final class Posix {
  static final int O_RDONLY = 0;
  static final int O_RDWR = 2;
  static final int O_CLOEXEC = 0x80000;
  static final int O_NONBLOCK = Syscalls.O_NONBLOCK;
  static final int LOCK_SH = 1;
  static final int LOCK_EX = 2;
  static final int LOCK_NB = 4;
  static final int LOCK_UN = 8;
  static final int EWOULDBLOCK = 11;
  static final int ENOSPC = 28;
  static final int EDQUOT = 122;

  static final boolean AVAILABLE = Syscalls.AVAILABLE;

  private Posix() {}

  /**
   * Opens {@code path} and returns the descriptor.
   *
   * @throws java.nio.file.NoSuchFileException and the other exceptions {@code Files} throws for
   *     the same errno, so callers see what a {@code FileChannel.open} would have thrown
   */
  static int open(Path path, int flags) throws IOException {
    try (Arena arena = Arena.ofConfined()) {
      byte[] encoded = PathBytes.of(path);
      MemorySegment cPath = Syscalls.putCString(encoded, arena.allocate(encoded.length + 1));
      int fd = Syscalls.openAt(Errno.allocateState(arena), Syscalls.AT_FDCWD, cPath, flags);
      if (fd < 0) {
        throw Errno.openFailure(path.toString(), -fd);
      }
      return fd;
    }
  }

  /**
   * Calls {@code flock(fd, operation)}, retrying on EINTR.
   *
   * @return 0 on success, else the errno (EWOULDBLOCK when LOCK_NB finds the lock taken)
   */
  static int flock(int fd, int operation) {
    try (Arena arena = Arena.ofConfined()) {
      return -Syscalls.flock(Errno.allocateState(arena), fd, operation);
    }
  }

  /** Closes {@code fd}; this also releases any flock held through it. */
  static void close(int fd) throws IOException {
    try (Arena arena = Arena.ofConfined()) {
      int result = Syscalls.closeChecked(Errno.allocateState(arena), fd);
      if (result < 0 && -result != Errno.EINTR) {
        throw new IOException("close(" + fd + ") failed: errno " + -result);
      }
    }
  }

  /**
   * Allocates {@code length} bytes from {@code offset} of the open file {@code fd}.
   *
   * @return 0 on success, else the error number (EOPNOTSUPP where the file system cannot)
   */
  static int fallocate(int fd, long offset, long length) {
    try (Arena arena = Arena.ofConfined()) {
      return -Syscalls.fallocate(Errno.allocateState(arena), fd, offset, length);
    }
  }

  /**
   * Returns the offset of the first hole at or after {@code offset} of the open file {@code fd}
   * (its size when there is none), or minus the errno.
   */
  static long nextHole(int fd, long offset) {
    try (Arena arena = Arena.ofConfined()) {
      return Syscalls.nextHole(Errno.allocateState(arena), fd, offset);
    }
  }
}
