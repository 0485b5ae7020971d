package io.whisper.cli.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TimeArgumentTest {
  private static final long NOW = 1_700_000_000L;

  @Test
  void readsNowEpochSecondsAndAges() {
    assertEquals(NOW, TimeArgument.parse("now", NOW));
    assertEquals(1_600_000_000L, TimeArgument.parse("1600000000", NOW));
    assertEquals(NOW - 30, TimeArgument.parse("-30s", NOW));
    assertEquals(NOW - 90 * 60, TimeArgument.parse("-90m", NOW));
    assertEquals(NOW - 12 * 3600, TimeArgument.parse("-12h", NOW));
    assertEquals(NOW - 3 * 86_400, TimeArgument.parse("-3d", NOW));
    assertEquals(NOW - 2 * 604_800, TimeArgument.parse("-2w", NOW));
    assertEquals(0L, TimeArgument.parse("0", NOW));
  }

  @Test
  void refusesAnythingElseNamingTheAcceptedForms() {
    for (String bad : new String[] {"", "3d", "-3", "-3y", "yesterday", "-d", "1.5", "+3d",
        "-1234567890123d"}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> TimeArgument.parse(bad, NOW), bad);
      assertTrue(e.getMessage().contains("-3d"), e.getMessage());
    }
  }
}
