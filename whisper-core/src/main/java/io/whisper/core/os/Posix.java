package io.whisper.core.os;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Opening, locking and allocating a file by path through system calls Java does not make:
 * {@code open(2)}, {@code flock(2)}, {@code close(2)}, {@code fallocate(2)} and
 * {@code lseek(2)} to a hole, made through {@link Syscalls}' one downcall. Callers check
 * {@link NativeAccess} first.
 *
 * <p>flock is the reason this class exists: carbon and whisper.py lock with {@code flock(2)},
 * and Java's {@code FileChannel.lock} takes {@code fcntl} locks, which on Linux do not exclude
 * flock holders at all.
 */
public final class Posix {
  private Posix() {}

  /**
   * Returns the path that opens the inode of descriptor {@code fd} again,
   * {@code /proc/self/fd/N}: the file already opened, whatever happened to its name since.
   */
  public static Path inode(int fd) {
    return Path.of("/proc/self/fd/" + fd);
  }

  /** Opens {@code path} for reading and writing; returns the descriptor. */
  public static int openReadWrite(Path path) throws IOException {
    return open(path, Syscalls.O_RDWR | Syscalls.O_CLOEXEC);
  }

  /**
   * Opens {@code path} to hold a flock on it (the one way {@link FileLock} and
   * {@link HeldInode} open): read-write when allowed, since NFS emulates flock with fcntl
   * byte-range locks, which need the file open for writing; else read-only, without waiting
   * on a FIFO (read-only is enough for flock on local file systems).
   */
  static int openForLock(Path path) throws IOException {
    try {
      return openReadWrite(path);
    } catch (IOException e) {
      return open(path, Syscalls.O_RDONLY | Syscalls.O_NONBLOCK | Syscalls.O_CLOEXEC);
    }
  }

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
   * Takes the flock on {@code fd}, exclusive or shared, waiting for it or not (the one way
   * every holder here locks).
   *
   * @param label names the file in the error
   * @return false only when {@code wait} is false and another holds the lock
   */
  static boolean lock(int fd, boolean exclusive, boolean wait, Object label) throws IOException {
    int errno = flock(
        fd, (exclusive ? Syscalls.LOCK_EX : Syscalls.LOCK_SH) | (wait ? 0 : Syscalls.LOCK_NB));
    if (errno == Errno.EWOULDBLOCK && !wait) {
      return false;
    }
    if (errno != 0) {
      throw new IOException("flock(" + label + ") failed: errno " + errno);
    }
    return true;
  }

  /** Releases the flock held through {@code fd}, keeping the descriptor. */
  static void unlock(int fd) {
    flock(fd, Syscalls.LOCK_UN);
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
  public static void close(int fd) throws IOException {
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
  public static int fallocate(int fd, long offset, long length) {
    try (Arena arena = Arena.ofConfined()) {
      return -Syscalls.fallocate(Errno.allocateState(arena), fd, offset, length);
    }
  }

  /** Returns strerror's words if {@code errno} says the disk or the user's quota is full. */
  public static Optional<String> full(int errno) {
    return switch (errno) {
      case Errno.ENOSPC -> Optional.of("No space left on device");
      case Errno.EDQUOT -> Optional.of("Disk quota exceeded");
      default -> Optional.empty();
    };
  }

  /**
   * Returns the offset of the first hole at or after {@code offset} of the open file {@code fd}
   * (its size when there is none), or minus the errno.
   */
  public static long nextHole(int fd, long offset) {
    try (Arena arena = Arena.ofConfined()) {
      return Syscalls.nextHole(Errno.allocateState(arena), fd, offset);
    }
  }
}
