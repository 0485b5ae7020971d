package io.whisper.core;

import org.junit.jupiter.api.Nested;

/** Runs {@link UpdateManyContract} on every {@link Backend}. */
class UpdateManyTest {
  @Nested class Jimfs extends UpdateManyContract { Jimfs() { super(Backend.JIMFS); } }
  @Nested class TempDirChannel extends UpdateManyContract { TempDirChannel() { super(Backend.TEMP_DIR_CHANNEL); } }
  @Nested class TempDirMapped extends UpdateManyContract { TempDirMapped() { super(Backend.TEMP_DIR_MAPPED); } }
}
