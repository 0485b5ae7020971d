package io.whisper.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MetricNameTest {
  @Test
  void pathsBecomeDottedNames() {
    assertEquals("a.b.c", MetricName.of("a/b/c.wsp"));
    assertEquals("c", MetricName.of("c.wsp"));
    assertEquals("a.b.c", MetricName.of("a.b.c"));
    assertEquals("a/b", MetricName.of("a/b")); // not a .wsp path: already a name
    assertEquals(".wsp", MetricName.of(".wsp"));
    assertEquals("a.b", MetricName.of("a/b.wsp 12 1700000000")); // cut at the space first
  }
}
