package io.whisper.core;

import io.whisper.core.WhisperFile.Access;

/**
 * Where a behaviour test keeps its files and how {@link WhisperFile} reaches their bytes: the
 * three combinations production and tests use, so every behaviour is proven on each.
 */
enum Backend {
  /** In-memory jimfs: positional channel I/O (jimfs cannot map). */
  JIMFS(Access.CHANNEL),
  /** A real temporary directory, read and written through the channel. */
  TEMP_DIR_CHANNEL(Access.CHANNEL),
  /** A real temporary directory, memory-mapped: the production default. */
  TEMP_DIR_MAPPED(Access.AUTO);

  final Access access;

  Backend(Access access) {
    this.access = access;
  }
}
