package io.whisper.core;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * A whisper file mapped into memory. The mapping belongs to a confined {@link Arena}, so {@link
 * #close()} unmaps it at once rather than when the garbage collector gets to it: a process that
 * passes millions of files must not keep millions of mappings.
 *
 * <p>NOTE: the arena is confined, so the file must be used and closed by the thread that opened
 * it. If another process truncates a mapped file, access faults; the JVM reports that as an
 * {@link InternalError}, which this class turns into an {@link IOException}.
 */
final class MappedStorage implements Storage {
  // Whisper's points sit at offsets 4 mod 8, so only unaligned layouts work (style.md 8.3).
  private static final ValueLayout.OfInt U32 =
      ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
  private static final ValueLayout.OfLong F64_BITS =
      ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

  private final Arena arena;
  private final MemorySegment segment;
  private final String description;

  private MappedStorage(Arena arena, MemorySegment segment, String description) {
    this.arena = arena;
    this.segment = segment;
    this.description = description;
  }

  /**
   * Maps the first {@code length} bytes of {@code channel}; the caller has checked that the file
   * is at least that long.
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
      return Integer.toUnsignedLong(segment.get(U32, offset));
    } catch (InternalError e) {
      throw truncatedUnderneath(e);
    }
  }

  // One bulk copy: cheap from the first call on, when a per-point access to the mapping
  // still runs interpreted through method handles (a fill over a tree scans whole archives of
  // its first files before any of this is compiled).
  @Override
  public void read(long offset, byte[] into, int at, int length) throws IOException {
    try {
      MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, offset, into, at, length);
    } catch (InternalError e) {
      throw truncatedUnderneath(e);
    }
  }

  @Override
  public void writePoint(long offset, long timestamp, double value) throws IOException {
    try {
      segment.set(U32, offset, (int) timestamp);
      segment.set(F64_BITS, offset + 4, Double.doubleToRawLongBits(value));
    } catch (InternalError e) {
      throw truncatedUnderneath(e);
    }
  }

  @Override
  public void write(long offset, byte[] bytes) throws IOException {
    try {
      MemorySegment.copy(bytes, 0, segment, ValueLayout.JAVA_BYTE, offset, bytes.length);
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
    return new IOException("file was truncated while mapped: " + description, e);
  }

  @Override
  public String toString() {
    return "MappedStorage(" + description + ")";
  }
}
