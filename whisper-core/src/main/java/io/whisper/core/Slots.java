package io.whisper.core;

/**
 * The raw slots of one archive in ring order, slot 0 first, as stored: a slot holds data for
 * {@code timestamps[i]} when that timestamp is not 0.
 */
record Slots(ArchiveInfo archive, long[] timestamps, double[] values) {

  /** Returns the number of slots. */
  public int size() {
    return timestamps.length;
  }

  /** Returns the interval in slot 0, the archive's base; 0 means empty. */
  public long base() {
    return timestamps[0];
  }

  /**
   * Returns the slot index where {@code interval} lives relative to the current base, as
   * whisper.py places it.
   */
  public int indexOf(long interval) {
    return SlotReader.slotIndex(archive, base(), interval);
  }
}
