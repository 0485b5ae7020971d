package io.whisper.core;

/** How {@link Whisper#create} reserves a new file's data area; the bytes are zero either way. */
public enum Allocation {
  /** Writes zeros: every block allocated now (whisper.py's default). */
  ZERO_FILL,
  /** Writes only the last byte: a sparse file whose blocks are allocated as data arrives. */
  SPARSE,
  /**
   * Reserves the blocks with {@code posix_fallocate(3)}; falls back to writing zeros where the
   * file system cannot (and on non-default file systems).
   */
  FALLOCATE
}
