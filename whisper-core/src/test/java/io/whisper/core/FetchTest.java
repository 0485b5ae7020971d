package io.whisper.core;

import org.junit.jupiter.api.Nested;

/** Runs {@link FetchContract} on every {@link Backend}. */
class FetchTest {
  @Nested class Jimfs extends FetchContract { Jimfs() { super(Backend.JIMFS); } }
  @Nested class TempDirChannel extends FetchContract { TempDirChannel() { super(Backend.TEMP_DIR_CHANNEL); } }
  @Nested class TempDirMapped extends FetchContract { TempDirMapped() { super(Backend.TEMP_DIR_MAPPED); } }
}
