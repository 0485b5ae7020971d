package io.whisper.core;

/**
 * One data point: an epoch timestamp in seconds and its value. On disk a slot is 12 bytes,
 * {@code timestamp:u32 value:f64}, and timestamp 0 means the slot is empty.
 */
public record Point(long timestamp, double value) {

  /** Bytes one point takes on disk. */
  public static final int BYTES = 12;
}
