package io.whisper.core.os;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/**
 * The native memory a scan's system calls need, one set per thread and never freed (a scan
 * runs on a few threads), so that opening and reading millions of files allocates nothing
 * per file: the errno capture, a NUL-terminated path, and room for a file's first bytes.
 */
final class ScanBuffers {
  /** The longest path, NUL included, that {@link #openAt} passes to the kernel (PATH_MAX). */
  static final int MAX_PATH = 4096;
  /** The size of {@link #bytes()}. */
  static final int MAX_BYTES = 4096;

  private static final ThreadLocal<ScanBuffers> PER_THREAD =
      ThreadLocal.withInitial(ScanBuffers::new);

  private final MemorySegment state;
  private final MemorySegment path;
  private final MemorySegment bytes;
  private final ByteBuffer bytesView;

  private ScanBuffers() {
    Arena arena = Arena.ofAuto();
    state = Errno.allocateState(arena);
    path = arena.allocate(MAX_PATH);
    bytes = arena.allocate(MAX_BYTES);
    bytesView = bytes.asByteBuffer();
  }

  /** Returns this thread's buffers. */
  static ScanBuffers get() {
    return PER_THREAD.get();
  }

  /** Returns the errno capture for the calls this thread makes with these buffers. */
  MemorySegment state() {
    return state;
  }

  /** Returns {@link #MAX_BYTES} bytes to read into. */
  MemorySegment bytes() {
    return bytes;
  }

  /**
   * Copies the first {@code length} bytes of {@link #bytes()} to {@code into}: through a buffer
   * view, not the layout-taking copy (docs/startup.md; it also looks the layout up per call).
   */
  void copyBytes(byte[] into, int length) {
    bytesView.get(0, into, 0, length);
  }

  /**
   * Opens the path {@code encoded} (see {@link PathBytes}) relative to the folder {@code dirFd} ({@link Syscalls#AT_FDCWD}: the
   * working folder; an absolute name ignores it).
   *
   * @return the descriptor, or minus the errno (ENAMETOOLONG for a name over PATH_MAX)
   */
  int openAt(int dirFd, byte[] encoded, int flags) {
    if (encoded.length >= MAX_PATH) {
      return -Errno.ENAMETOOLONG;
    }
    return Syscalls.openAt(state, dirFd, Syscalls.putCString(encoded, path), flags);
  }
}
