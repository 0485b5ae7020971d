package io.whisper.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Regressions found by {@link DifferentialTest}, pinned without needing the reference installed.
 * Every expected value here was produced by whisper.py 1.1.4 on CPython 3.11 (x86-64).
 */
class ReferenceParityRegressionTest {

  // parseRetentionDef('1m\n:1d') == (60, 1440): Python's $ matches before a final newline.
  @Test
  void precisionMayEndWithOneNewlineAsInPython() {
    assertEquals(new Retention(60, 1440), Retention.parse("1m\n:1d"));
    assertEquals(300, Retention.parsePrecision("5m\n"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Retention.parse("1m\n\n:1d"));
    assertEquals("Invalid precision specification '1m\n\n'", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Retention.parse("1m\r:1d"));
  }
}
