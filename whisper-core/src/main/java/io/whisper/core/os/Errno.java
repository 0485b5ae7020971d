package io.whisper.core.os;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/**
 * The errno values the native calls ({@link Posix}, {@link Syscalls}) report, read from the
 * state a downcall captures, and the exceptions an {@code open} failure means.
 */
final class Errno {
  static final int EPERM = 1;
  static final int ENOENT = 2;
  static final int EINTR = 4;
  /** EAGAIN: also what flock(2) with LOCK_NB reports when the lock is taken. */
  static final int EWOULDBLOCK = 11;
  static final int EACCES = 13;
  static final int EEXIST = 17;
  static final int EXDEV = 18;
  static final int ENOTDIR = 20;
  static final int EISDIR = 21;
  static final int ENOSPC = 28;
  static final int ESPIPE = 29;
  static final int ENAMETOOLONG = 36;
  static final int ELOOP = 40;
  static final int EDQUOT = 122;

  private static final StructLayout STATE = Linker.Option.captureStateLayout();
  private static final long OFFSET = offsetOf("errno", STATE);

  private Errno() {}

  /** Returns a segment for the errno a downcall with {@code captureCallState} captures. */
  static MemorySegment allocateState(Arena arena) {
    return arena.allocate(STATE);
  }

  /** Returns the errno captured in {@code state}. */
  static int of(MemorySegment state) {
    return state.get(ValueLayout.JAVA_INT, OFFSET);
  }

  // The exceptions the JDK's own open() throws for these errnos
  // (UnixException.translateToIOException).
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

  // by walking the members, not a layout path (docs/startup.md)
  private static long offsetOf(String name, StructLayout state) {
    long offset = 0;
    for (MemoryLayout member : state.memberLayouts()) {
      if (member.name().filter(name::equals).isPresent()) {
        return offset;
      }
      offset += member.byteSize();
    }
    throw new IllegalStateException("no " + name + " in " + state);
  }
}
