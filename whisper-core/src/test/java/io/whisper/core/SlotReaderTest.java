package io.whisper.core;

import org.junit.jupiter.api.Nested;

/** Runs {@link SlotReaderContract} on every {@link Backend}. */
class SlotReaderTest {
  @Nested class Jimfs extends SlotReaderContract { Jimfs() { super(Backend.JIMFS); } }
  @Nested class TempDirChannel extends SlotReaderContract { TempDirChannel() { super(Backend.TEMP_DIR_CHANNEL); } }
  @Nested class TempDirMapped extends SlotReaderContract { TempDirMapped() { super(Backend.TEMP_DIR_MAPPED); } }
}
