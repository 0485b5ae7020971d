package io.whisper.core;

import org.junit.jupiter.api.Nested;

/** Runs {@link UpdateContract} on every {@link Backend}. */
class UpdateTest {
  @Nested class Jimfs extends UpdateContract { Jimfs() { super(Backend.JIMFS); } }
  @Nested class TempDirChannel extends UpdateContract { TempDirChannel() { super(Backend.TEMP_DIR_CHANNEL); } }
  @Nested class TempDirMapped extends UpdateContract { TempDirMapped() { super(Backend.TEMP_DIR_MAPPED); } }
}
