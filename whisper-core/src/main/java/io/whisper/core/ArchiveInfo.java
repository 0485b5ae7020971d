package io.whisper.core;

/**
 * One archive descriptor as stored on disk: 12 bytes, {@code offset:u32 secondsPerPoint:u32
 * points:u32}.
 *
 * <p>The record holds whatever a file says, valid or not, so a decoder can describe a corrupt
 * header; {@link HeaderValidator} decides whether it is usable.
 */
public record ArchiveInfo(long offset, long secondsPerPoint, long points) {

  /** Bytes one descriptor takes on disk. */
  public static final int BYTES = 12;

  /** Returns the time the archive covers, {@code secondsPerPoint * points}, in seconds. */
  public long retention() {
    return secondsPerPoint * points;
  }

  /** Returns the archive's size in bytes, 12 per point. */
  public long byteSize() {
    return points * Point.BYTES;
  }

  /**
   * Returns the slot (0 to points - 1) that {@code interval} occupies when slot 0 holds
   * {@code base}: the one ring-index formula, as whisper.py's {@code pointDistance} computes it.
   */
  public int slotOf(long base, long interval) {
    return (int) Math.floorMod(Math.floorDiv(interval - base, secondsPerPoint), points);
  }

  /** Returns the offset just past the archive's last slot. */
  public long end() {
    return offset + byteSize();
  }
}
