package io.whisper.core;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * The few libc calls Java does not offer: {@code open(2)}, {@code close(2)}, {@code flock(2)}
 * and {@code posix_fallocate(3)}, through the FFM API.
 *
 * <p>flock is the reason this class exists: carbon and whisper.py lock with {@code flock(2)},
 * and Java's {@code FileChannel.lock} takes {@code fcntl} locks, which on Linux do not exclude
 * flock holders at all. Handles are looked up once; if libc cannot be linked (no native access)
 * {@link #AVAILABLE} is false and callers fall back or refuse. (A scan's reads go through
 * {@link Syscalls}, which does not need these handles.)
 */
final class Posix {
  static final int O_RDONLY = 0;
  static final int O_RDWR = 2;
  static final int O_CLOEXEC = 0x80000;
  static final int LOCK_SH = 1;
  static final int LOCK_EX = 2;
  static final int LOCK_NB = 4;
  static final int LOCK_UN = 8;
  static final int EWOULDBLOCK = 11;

  static final boolean AVAILABLE;
  private static final MethodHandle OPEN;
  private static final MethodHandle CLOSE;
  private static final MethodHandle FLOCK;
  private static final MethodHandle FALLOCATE;

  static {
    MethodHandle open = null;
    MethodHandle close = null;
    MethodHandle flock = null;
    MethodHandle fallocate = null;
    try {
      Linker linker = Linker.nativeLinker();
      SymbolLookup libc = linker.defaultLookup();
      Linker.Option captureErrno = Linker.Option.captureCallState("errno");
      open = downcall(linker, libc, "open",
          FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT,
              ValueLayout.JAVA_INT),
          captureErrno, Linker.Option.firstVariadicArg(2));
      close = downcall(linker, libc, "close",
          FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT), captureErrno);
      flock = downcall(linker, libc, "flock",
          FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT),
          captureErrno);
      fallocate = downcall(linker, libc, "posix_fallocate",
          FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG,
              ValueLayout.JAVA_LONG));
    } catch (RuntimeException e) {
      // No native access (or no libc): AVAILABLE stays false and locking falls back.
      open = null;
    }
    OPEN = open;
    CLOSE = close;
    FLOCK = flock;
    FALLOCATE = fallocate;
    AVAILABLE = open != null;
  }

  private Posix() {}

  @SuppressWarnings("restricted") // the downcalls are the point: flock(2) has no Java API
  private static MethodHandle downcall(
      Linker linker, SymbolLookup libc, String name, FunctionDescriptor fd, Linker.Option... o) {
    return linker.downcallHandle(libc.find(name).orElseThrow(), fd, o);
  }

  /**
   * Opens {@code path} and returns the descriptor.
   *
   * @throws java.nio.file.NoSuchFileException and the other exceptions {@code Files} throws for
   *     the same errno, so callers see what a {@code FileChannel.open} would have thrown
   */
  static int open(String path, int flags) throws IOException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Errno.allocateState(arena);
      MemorySegment cPath = arena.allocateFrom(path);
      while (true) {
        int fd = (int) OPEN.invokeExact(state, cPath, flags, 0);
        if (fd >= 0) {
          return fd;
        }
        int errno = Errno.of(state);
        if (errno != Errno.EINTR) {
          throw Errno.openFailure(path, errno);
        }
      }
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IOException(t);
    }
  }

  /**
   * Calls {@code flock(fd, operation)}, retrying on EINTR.
   *
   * @return 0 on success, else the errno (EWOULDBLOCK when LOCK_NB finds the lock taken)
   */
  static int flock(int fd, int operation) throws IOException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Errno.allocateState(arena);
      while (true) {
        int rc = (int) FLOCK.invokeExact(state, fd, operation);
        if (rc == 0) {
          return 0;
        }
        int errno = Errno.of(state);
        if (errno != Errno.EINTR) {
          return errno;
        }
      }
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IOException(t);
    }
  }

  /** Closes {@code fd}; this also releases any flock held through it. */
  static void close(int fd) throws IOException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Errno.allocateState(arena);
      // Linux closes the descriptor even when close(2) reports EINTR: never retry.
      int rc = (int) CLOSE.invokeExact(state, fd);
      if (rc != 0 && Errno.of(state) != Errno.EINTR) {
        throw new IOException("close(" + fd + ") failed: errno " + Errno.of(state));
      }
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IOException(t);
    }
  }

  /**
   * Allocates {@code length} bytes from {@code offset} of the open file {@code fd}.
   *
   * @return 0 on success, else the error number (EOPNOTSUPP where the file system cannot)
   */
  static int fallocate(int fd, long offset, long length) throws IOException {
    try {
      return (int) FALLOCATE.invokeExact(fd, offset, length);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IOException(t);
    }
  }
}
