package io.whisper.core;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A whisper file mapped into memory. The mapping belongs to a confined {@link Arena}, so {@link
 * #close()} unmaps it at once rather than when the garbage collector gets to it: a process that
 * passes millions of files must not keep millions of mappings.
 *
 * <p>The bytes are read and written through a {@link ByteBuffer} view of the mapping, which is
 * big-endian like the file and bound to the same arena (closed with it, confined to its
 * thread), not through the segment's var handles (docs/startup.md). A view holds at
 * most 2 GiB, the limit of {@link #MAX_LENGTH}.
 *
 * <p>NOTE: the arena is confined, so the file must be used and closed by the thread that opened
 * it. If another process truncates a mapped file, access faults; the JVM reports that as an
 * {@link InternalError}, which this class turns into an {@link IOException}.
 */
final class MappedStorage implements Storage {
  /** The longest file this class maps; longer ones (never seen in practice) need channel I/O. */
  static final long MAX_LENGTH = Integer.MAX_VALUE;

  private final Arena arena;
  private final MemorySegment segment;
  private final ByteBuffer view;
  private final String description;

  private MappedStorage(Arena arena, MemorySegment segment, String description) {
    this.arena = arena;
    this.segment = segment;
    this.view = segment.asByteBuffer();
    this.description = description;
  }

  /**
   * Maps the first {@code length} bytes of {@code channel}, at most {@link #MAX_LENGTH}; the
   * caller has checked that the file is at least that long.
   */
  static MappedStorage map(FileChannel channel, long length, boolean writable, String description)
      throws IOException {
    Arena arena = Arena.ofConfined();
    try {
      FileChannel.MapMode mode =
          writable ? FileChannel.MapMode.READ_WRITE : FileChannel.MapMode.READ_ONLY;
      return new MappedStorage(arena, channel.map(mode, 0, length, arena), description);
    } catch (IOException | RuntimeException e) {
      arena.close();
      throw e;
    }
  }

  @Override
  public long readTimestamp(long offset) throws IOException {
    try {
      return Integer.toUnsignedLong(view.getInt(Math.toIntExact(offset)));
    } catch (InternalError e) {
      throw truncatedUnderneath(e);
    }
  }

  // One bulk copy: cheap from the first call on, before the JIT compiles a per-point loop (a
  // fill over a tree scans whole archives of its first files before any of this is compiled).
  @Override
  public void read(long offset, byte[] into, int at, int length) throws IOException {
    try {
      view.get(Math.toIntExact(offset), into, at, length);
    } catch (InternalError e) {
      throw truncatedUnderneath(e);
    }
  }

  @Override
  public void writePoint(long offset, long timestamp, double value) throws IOException {
    try {
      int at = Math.toIntExact(offset);
      // The value first: a process killed between the two stores leaves a slot whose old
      // timestamp still marks it a gap (or stale), never a new timestamp over an old value.
      view.putLong(at + 4, Double.doubleToRawLongBits(value));
      view.putInt(at, (int) timestamp);
    } catch (InternalError e) {
      throw truncatedUnderneath(e);
    }
  }

  @Override
  public void write(long offset, byte[] bytes) throws IOException {
    try {
      view.put(Math.toIntExact(offset), bytes);
    } catch (InternalError e) {
      throw truncatedUnderneath(e);
    }
  }

  @Override
  public void force() {
    if (!segment.isReadOnly()) {
      segment.force();
    }
  }

  @Override
  public void close() {
    if (arena.scope().isAlive()) {
      arena.close();
    }
  }

  private IOException truncatedUnderneath(InternalError e) {
    return fault(Path.of(description), segment.byteSize(), e);
  }

  /**
   * Says why an access to the mapping of {@code file} faulted. A fault is a page the kernel
   * could not provide: past the end of a file truncated under the mapping, or a page it could
   * not allocate (a full file system: a write into a hole, or on tmpfs even a read of one) or
   * read (an I/O error). The JVM may deliver the error a little after the access, outside the
   * accessor, so callers that map catch it too.
   */
  static FileSystemException fault(Path file, long mappedLength, InternalError cause) {
    String reason;
    try {
      reason = Files.size(file) < mappedLength ? "file was truncated while mapped"
          : Files.getFileStore(file).getUsableSpace() < FULL ? "No space left on device"
          : "Input/output error on a page of the file";
    } catch (IOException | RuntimeException unknown) {
      reason = "a page of the file could not be read or written";
    }
    FileSystemException failure = new FileSystemException(file.toString(), null, reason);
    failure.initCause(cause);
    return failure;
  }

  // Less room than this: the file system counts as full (a fault needed a page or a block).
  private static final long FULL = 64 * 1024;

  @Override
  public String toString() {
    return "MappedStorage(" + description + ")";
  }
}
