package io.whisper.core;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * The few libc calls Java does not offer, through the FFM API: {@code openat(2)},
 * {@code close(2)}, {@code flock(2)} and {@code posix_fallocate(3)}, and for scans over millions
 * of files allocation-free forms of these with {@code lseek(2)}, {@code pread(2)} and
 * {@code getdents64(2)}.
 *
 * <p>flock is the reason this class exists: carbon and whisper.py lock with {@code flock(2)},
 * and Java's {@code FileChannel.lock} takes {@code fcntl} locks, which on Linux do not exclude
 * flock holders at all. Handles are looked up once; if libc cannot be linked (no native access)
 * {@link #AVAILABLE} is false and callers fall back or refuse.
 */
final class Posix {
  static final int O_RDONLY = 0;
  static final int O_RDWR = 2;
  static final int O_CLOEXEC = 0x80000;
  // The same value on x86-64 and aarch64 (O_DIRECTORY and O_NOFOLLOW are not).
  static final int O_PATH = 0x200000;
  static final int O_NOATIME = 0x40000;
  /** O_DIRECTORY, whose value differs between architectures; 0 where not known here. */
  static final int O_DIRECTORY = switch (System.getProperty("os.arch", "")) {
    case "amd64", "x86_64" -> 0x10000;
    case "aarch64" -> 0x4000;
    default -> 0;
  };
  /** The dirfd that makes openat(2) resolve a relative path against the working folder. */
  static final int AT_FDCWD = -100;
  static final int LOCK_SH = 1;
  static final int LOCK_EX = 2;
  static final int LOCK_NB = 4;
  static final int LOCK_UN = 8;
  static final int SEEK_END = 2;
  static final int EPERM = 1;
  static final int EINTR = 4;
  static final int EWOULDBLOCK = 11;
  static final int ENOENT = 2;
  static final int EACCES = 13;
  static final int ENOTDIR = 20;
  static final int EISDIR = 21;
  static final int ENAMETOOLONG = 36;

  static final boolean AVAILABLE;
  private static final MethodHandle OPENAT;
  private static final MethodHandle CLOSE;
  private static final MethodHandle PREAD;
  private static final MethodHandle LSEEK;
  private static final MethodHandle GETDENTS64;
  private static final StructLayout CALL_STATE;
  private static final long ERRNO_OFFSET;

  static {
    MethodHandle openat = null;
    MethodHandle close = null;
    MethodHandle pread = null;
    MethodHandle lseek = null;
    MethodHandle getdents64 = null;
    StructLayout state = null;
    long errnoOffset = 0;
    try {
      Linker linker = Linker.nativeLinker();
      SymbolLookup libc = linker.defaultLookup();
      Linker.Option captureErrno = Linker.Option.captureCallState("errno");
      state = Linker.Option.captureStateLayout();
      errnoOffset = errnoOffset(state);
      openat = downcall(linker, libc, "openat",
          FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
              ValueLayout.JAVA_INT, ValueLayout.JAVA_INT),
          captureErrno, Linker.Option.firstVariadicArg(3));
      close = downcall(linker, libc, "close",
          FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT), captureErrno);
      pread = downcall(linker, libc, "pread",
          FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
              ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG),
          captureErrno);
      lseek = downcall(linker, libc, "lseek",
          FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG,
              ValueLayout.JAVA_INT),
          captureErrno);
      getdents64 = libc.find("getdents64").isEmpty() ? null // glibc before 2.30
          : downcall(linker, libc, "getdents64",
              FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT,
                  ValueLayout.ADDRESS, ValueLayout.JAVA_LONG),
              captureErrno);
    } catch (RuntimeException e) {
      // No native access (or no libc): AVAILABLE stays false and locking falls back.
      openat = null;
    }
    OPENAT = openat;
    CLOSE = close;
    PREAD = pread;
    LSEEK = lseek;
    GETDENTS64 = getdents64;
    CALL_STATE = state;
    ERRNO_OFFSET = errnoOffset;
    AVAILABLE = openat != null;
  }

  /**
   * The calls a scan never makes, linked on first use: each downcall handle costs a few
   * milliseconds of start-up (a class generated and loaded), paid only by the commands that
   * lock or allocate.
   */
  private static final class Later {
    static final MethodHandle FLOCK;
    static final MethodHandle FALLOCATE;

    static {
      Linker linker = Linker.nativeLinker();
      SymbolLookup libc = linker.defaultLookup();
      FLOCK = downcall(linker, libc, "flock",
          FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT),
          Linker.Option.captureCallState("errno"));
      FALLOCATE = downcall(linker, libc, "posix_fallocate",
          FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG,
              ValueLayout.JAVA_LONG));
    }
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
      MemorySegment state = arena.allocate(CALL_STATE);
      MemorySegment cPath = arena.allocateFrom(path);
      while (true) {
        int fd = (int) OPENAT.invokeExact(state, AT_FDCWD, cPath, flags, 0);
        if (fd >= 0) {
          return fd;
        }
        int errno = errno(state);
        if (errno != EINTR) {
          throw openFailure(path, errno);
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
      MemorySegment state = arena.allocate(CALL_STATE);
      while (true) {
        int rc = (int) Later.FLOCK.invokeExact(state, fd, operation);
        if (rc == 0) {
          return 0;
        }
        int errno = errno(state);
        if (errno != EINTR) {
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
      MemorySegment state = arena.allocate(CALL_STATE);
      // Linux closes the descriptor even when close(2) reports EINTR: never retry.
      int rc = (int) CLOSE.invokeExact(state, fd);
      if (rc != 0 && errno(state) != EINTR) {
        throw new IOException("close(" + fd + ") failed: errno " + errno(state));
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
      return (int) Later.FALLOCATE.invokeExact(fd, offset, length);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IOException(t);
    }
  }

  /** Returns a segment for the errno that the calls below capture; one per thread. */
  static MemorySegment allocateCallState(Arena arena) {
    return arena.allocate(CALL_STATE);
  }

  /**
   * Opens the NUL-terminated {@code cPath}, relative to the folder {@code dirFd} (or to the
   * working folder with {@link #AT_FDCWD}; an absolute path ignores it): the allocation-free
   * form for hot loops.
   *
   * @return the descriptor, or minus the errno
   */
  static int openAtRaw(MemorySegment state, int dirFd, MemorySegment cPath, int flags) {
    try {
      while (true) {
        int fd = (int) OPENAT.invokeExact(state, dirFd, cPath, flags, 0);
        if (fd >= 0 || errno(state) != EINTR) {
          return fd >= 0 ? fd : -errno(state);
        }
      }
    } catch (Throwable t) {
      throw new IllegalStateException("openat(2) downcall failed", t);
    }
  }

  /**
   * Reads up to {@code count} bytes at {@code offset} into {@code buffer}.
   *
   * @return the number of bytes read (0 at end of file), or minus the errno
   */
  static long pread(MemorySegment state, int fd, MemorySegment buffer, long count, long offset) {
    try {
      while (true) {
        long n = (long) PREAD.invokeExact(state, fd, buffer, count, offset);
        if (n >= 0 || errno(state) != EINTR) {
          return n >= 0 ? n : -errno(state);
        }
      }
    } catch (Throwable t) {
      throw new IllegalStateException("pread(2) downcall failed", t);
    }
  }

  /** Closes {@code fd} without allocating; errors are ignored (the descriptor is gone anyway). */
  static void closeRaw(MemorySegment state, int fd) {
    try {
      int ignored = (int) CLOSE.invokeExact(state, fd);
    } catch (Throwable t) {
      throw new IllegalStateException("close(2) downcall failed", t);
    }
  }

  /** Returns true if {@link #getdents64} can be called (glibc 2.30 or later). */
  static boolean hasGetdents64() {
    return GETDENTS64 != null;
  }

  /**
   * Reads the next entries of the open folder {@code fd} into {@code buffer}, as
   * {@code struct linux_dirent64} records.
   *
   * @return the number of bytes filled (0 at the end of the folder), or minus the errno
   */
  static long getdents64(MemorySegment state, int fd, MemorySegment buffer) {
    try {
      while (true) {
        long n = (long) GETDENTS64.invokeExact(state, fd, buffer, buffer.byteSize());
        if (n >= 0 || errno(state) != EINTR) {
          return n >= 0 ? n : -errno(state);
        }
      }
    } catch (Throwable t) {
      throw new IllegalStateException("getdents64(2) downcall failed", t);
    }
  }

  /** Returns the size of the open file {@code fd} (lseek to its end), or minus the errno. */
  static long size(MemorySegment state, int fd) {
    try {
      long end = (long) LSEEK.invokeExact(state, fd, 0L, SEEK_END);
      return end >= 0 ? end : -errno(state);
    } catch (Throwable t) {
      throw new IllegalStateException("lseek(2) downcall failed", t);
    }
  }

  // The exceptions the JDK's own open() throws for these errnos (UnixException.translateToIOException).
  static IOException openFailure(String path, int errno) {
    return switch (errno) {
      case ENOENT -> new NoSuchFileException(path);
      case EACCES -> new AccessDeniedException(path);
      case ENOTDIR -> new FileSystemException(path, null, "Not a directory");
      case EISDIR -> new FileSystemException(path, null, "Is a directory");
      case ENAMETOOLONG -> new FileSystemException(path, null, "File name too long");
      default -> new IOException("open(" + path + ") failed: errno " + errno);
    };
  }

  // Where errno lies in the capture state, found by walking its members: a VarHandle or a
  // layout path costs milliseconds of start-up to build.
  private static long errnoOffset(StructLayout state) {
    long offset = 0;
    for (MemoryLayout member : state.memberLayouts()) {
      if (member.name().filter("errno"::equals).isPresent()) {
        return offset;
      }
      offset += member.byteSize();
    }
    throw new IllegalStateException("no errno in " + state);
  }

  private static int errno(MemorySegment state) {
    return state.get(ValueLayout.JAVA_INT, ERRNO_OFFSET);
  }
}
