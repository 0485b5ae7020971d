package io.whisper.core;

import org.junit.jupiter.api.Nested;

/** Runs {@link CreateContract} on every {@link Backend}. */
class CreateTest {
  @Nested class Jimfs extends CreateContract { Jimfs() { super(Backend.JIMFS); } }
  @Nested class TempDirChannel extends CreateContract { TempDirChannel() { super(Backend.TEMP_DIR_CHANNEL); } }
  @Nested class TempDirMapped extends CreateContract { TempDirMapped() { super(Backend.TEMP_DIR_MAPPED); } }
}
