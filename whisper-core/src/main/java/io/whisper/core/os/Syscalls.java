package io.whisper.core.os;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * The one table of system-call numbers, flags and {@code struct} offsets, and the calls
 * themselves: those Java does not offer, or not without allocation: those of a scan over
 * millions of files ({@code openat}, {@code lseek}, {@code pread}, {@code close},
 * {@code getdents64}) and those of locking ({@code flock}, {@code fallocate}; see
 * {@link Posix}), all through one FFM downcall to libc's {@code syscall(2)}. Errno values are
 * in {@link Errno}. One downcall handle, not one per call (docs/startup.md). Each call returns
 * its result, or minus the errno (EINTR retried).
 *
 * <p>Linux on x86-64 and aarch64, whose call numbers and flag values are below; elsewhere, or
 * without native access, {@link #LINKED} is false. Callers ask {@link NativeAccess}, not this.
 */
final class Syscalls {
  static final int O_RDONLY = 0;
  static final int O_RDWR = 2;
  static final int O_CLOEXEC = 0x80000;
  static final int O_NOATIME = 0x40000;
  /** No wait in open(2) for a FIFO's other end; no effect on a regular file's reads and writes. */
  static final int O_NONBLOCK = 0x800;
  static final int O_PATH = 0x200000;
  static final int O_NOFOLLOW = 0x20000;
  static final int AT_SYMLINK_NOFOLLOW = 0x100;
  static final int AT_REMOVEDIR = 0x200;
  static final int AT_EMPTY_PATH = 0x1000;
  static final int RENAME_NOREPLACE = 1;
  static final int LOCK_SH = 1;
  static final int LOCK_EX = 2;
  static final int LOCK_NB = 4;
  static final int LOCK_UN = 8;
  /** The file type bits of {@code st_mode}, and the types among them. */
  static final int S_IFMT = 0xF000;
  static final int S_IFREG = 0x8000;
  static final int S_IFDIR = 0x4000;
  static final int S_IFLNK = 0xA000;
  /** {@code struct linux_dirent64}: d_ino 8, d_off 8, d_reclen 2 (native order), d_type 1, d_name. */
  static final int D_RECLEN = 16;
  static final int D_TYPE = 18;
  static final int D_NAME = 19;
  /** The values of {@code d_type} told apart (DT_UNKNOWN: the file system does not say). */
  static final byte DT_UNKNOWN = 0;
  static final byte DT_DIR = 4;
  static final byte DT_REG = 8;
  static final byte DT_LNK = 10;
  /** The size of {@code struct stat}, and where its fields are (x86-64 and aarch64 alike). */
  static final int STAT_BYTES = 144;
  static final int STAT_SIZE = 48;
  static final int STAT_BLOCKS = 64;
  static final int STAT_MTIME = 88;
  /** The dirfd that makes openat(2) resolve a relative path against the working folder. */
  static final int AT_FDCWD = -100;
  private static final long SEEK_END = 2;
  private static final long SEEK_HOLE = 4;
  private static final MemorySegment NUL = MemorySegment.ofArray(new byte[1]);

  /** Call numbers and the one flag whose value differs between the two architectures. */
  private record Machine(long openat, long close, long lseek, long pread64, long getdents64,
      long flock, long fallocate, int oDirectory, Rooted rooted) {

    static Machine current() {
      if (!System.getProperty("os.name", "").startsWith("Linux")) {
        return null;
      }
      return switch (System.getProperty("os.arch", "")) {
        case "amd64", "x86_64" -> new Machine(257, 3, 8, 17, 217, 73, 285, 0x10000,
            new Rooted(262, 258, 316, 263, 24));
        case "aarch64" -> new Machine(56, 57, 62, 67, 61, 32, 47, 0x4000,
            new Rooted(79, 34, 276, 35, 16));
        default -> null;
      };
    }
  }

  /**
   * The calls of {@link HeldFolder}, which reach files by name relative to a folder held open,
   * and where {@code struct stat} keeps the mode (size, blocks and mtime sit at the same
   * offsets on both machines).
   */
  private record Rooted(long newfstatat, long mkdirat, long renameat2, long unlinkat,
      int statMode) {}

  private static final Machine MACHINE = Machine.current();
  private static final MethodHandle SYSCALL = MACHINE == null ? null : link();

  /** Whether the calls below can be made: the decision {@link NativeAccess} reports. */
  static final boolean LINKED = SYSCALL != null;
  /** O_DIRECTORY on this machine (0 when not {@link #LINKED}). */
  static final int O_DIRECTORY = MACHINE == null ? 0 : MACHINE.oDirectory();

  private Syscalls() {}

  // long syscall(long number, ...): the arguments of every call here fit five longs.
  @SuppressWarnings("restricted") // the point: these calls have no allocation-free Java API
  private static MethodHandle link() {
    try {
      Linker linker = Linker.nativeLinker();
      return linker.downcallHandle(linker.defaultLookup().find("syscall").orElseThrow(),
          FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
              ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
              ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG),
          Linker.Option.captureCallState("errno"), Linker.Option.firstVariadicArg(1));
    } catch (RuntimeException e) {
      return null; // no native access: callers use Java's file APIs
    }
  }

  /**
   * Writes {@code encoded} and a NUL at the start of {@code to}, which must have room for both.
   * Segment-to-segment copies only, no var handles (docs/startup.md).
   */
  static MemorySegment putCString(byte[] encoded, MemorySegment to) {
    MemorySegment.copy(MemorySegment.ofArray(encoded), 0, to, 0, encoded.length);
    MemorySegment.copy(NUL, 0, to, encoded.length, 1);
    return to;
  }

  /** Opens the NUL-terminated {@code path} relative to the folder {@code dirFd}. */
  static int openAt(MemorySegment state, int dirFd, MemorySegment path, int flags) {
    return (int) call(state, MACHINE.openat(), dirFd, path.address(), flags, 0);
  }

  /** Reads up to {@code count} bytes at {@code offset}: the number read, 0 at end of file. */
  static long pread(MemorySegment state, int fd, MemorySegment buffer, long count, long offset) {
    return call(state, MACHINE.pread64(), fd, buffer.address(), count, offset);
  }

  /** Returns the size of the open file {@code fd} (lseek to its end). */
  static long size(MemorySegment state, int fd) {
    return call(state, MACHINE.lseek(), fd, 0, SEEK_END, 0);
  }

  /** Returns the offset of the first hole at or after {@code offset} (the size if none). */
  static long nextHole(MemorySegment state, int fd, long offset) {
    return call(state, MACHINE.lseek(), fd, offset, SEEK_HOLE, 0);
  }

  /** Moves the offset of {@code fd} to {@code offset} from its start (SEEK_SET). */
  static long lseekSet(MemorySegment state, int fd, long offset) {
    return call(state, MACHINE.lseek(), fd, offset, 0, 0);
  }

  /** Fills {@code buffer} with the next {@code struct linux_dirent64} of the folder fd. */
  static long getdents64(MemorySegment state, int fd, MemorySegment buffer) {
    return call(state, MACHINE.getdents64(), fd, buffer.address(), buffer.byteSize(), 0);
  }

  /** Applies or removes an advisory lock on the open file {@code fd}: 0 on success. */
  static int flock(MemorySegment state, int fd, int operation) {
    return (int) call(state, MACHINE.flock(), fd, operation, 0, 0);
  }

  /** Allocates the blocks of {@code length} bytes from {@code offset} of {@code fd}: 0 on success. */
  static int fallocate(MemorySegment state, int fd, long offset, long length) {
    return (int) call(state, MACHINE.fallocate(), fd, 0, offset, length); // mode 0: allocate
  }

  /** Closes {@code fd}: 0, or minus the errno (not retried: Linux closes it even on EINTR). */
  static int closeChecked(MemorySegment state, int fd) {
    try {
      // Linux closes the descriptor even when close(2) reports EINTR: never retry.
      long result =
          (long) SYSCALL.invokeExact(state, MACHINE.close(), (long) fd, 0L, 0L, 0L, 0L);
      return result >= 0 ? 0 : -Errno.of(state);
    } catch (Throwable t) {
      throw new IllegalStateException("close(2) downcall failed", t);
    }
  }

  /** Closes {@code fd}, a read-only or O_PATH descriptor: nothing to lose, errors ignored. */
  static void close(MemorySegment state, int fd) {
    closeChecked(state, fd);
  }

  /** Where {@code struct stat} keeps {@code st_mode} on this machine. */
  static int statModeOffset() {
    return MACHINE.rooted().statMode();
  }

  /** Reads the status of {@code name} in the folder {@code dirFd} into {@code stat}. */
  static int fstatAt(MemorySegment state, int dirFd, MemorySegment name, MemorySegment stat,
      int flags) {
    return (int) call(state, MACHINE.rooted().newfstatat(), dirFd, name.address(),
        stat.address(), flags);
  }

  /** Makes the folder {@code name} in the folder {@code dirFd}. */
  static int mkdirAt(MemorySegment state, int dirFd, MemorySegment name, int mode) {
    return (int) call(state, MACHINE.rooted().mkdirat(), dirFd, name.address(), mode, 0);
  }

  /** Renames {@code from} in {@code fromFd} to {@code to} in {@code toFd}, with {@code flags}. */
  static int renameAt(MemorySegment state, int fromFd, MemorySegment from, int toFd,
      MemorySegment to, int flags) {
    return (int) call(state, MACHINE.rooted().renameat2(), fromFd, from.address(), toFd,
        to.address(), flags);
  }

  /** Removes {@code name} (a folder with {@link #AT_REMOVEDIR}) in the folder {@code dirFd}. */
  static int unlinkAt(MemorySegment state, int dirFd, MemorySegment name, int flags) {
    return (int) call(state, MACHINE.rooted().unlinkat(), dirFd, name.address(), flags, 0);
  }

  private static long call(MemorySegment state, long number, long a, long b, long c, long d) {
    return call(state, number, a, b, c, d, 0);
  }

  private static long call(
      MemorySegment state, long number, long a, long b, long c, long d, long e) {
    try {
      while (true) {
        long result = (long) SYSCALL.invokeExact(state, number, a, b, c, d, e);
        if (result >= 0) {
          return result;
        }
        int errno = Errno.of(state);
        if (errno != Errno.EINTR) {
          return -errno;
        }
      }
    } catch (Throwable t) {
      throw new IllegalStateException("syscall(" + number + ") downcall failed", t);
    }
  }
}
