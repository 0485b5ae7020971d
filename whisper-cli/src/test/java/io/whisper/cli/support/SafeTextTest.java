package io.whisper.cli.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** Control characters in names cannot split a line of text output or reach the terminal. */
class SafeTextTest {

  @Test
  void controlCharactersAndBackslashesAreEscapedAsJsonEscapesThem() {
    assertEquals("/d/a\\nb.wsp: ok", SafeText.line("/d/a\nb.wsp: ok"));
    assertEquals("\\u001b[31mred\\r\\t\\\\x\\u007f\\u009b2J",
        SafeText.line("\u001b[31mred\r\t\\x\u007f\u009b2J"));
    assertEquals("\\u0000\\u001f", SafeText.line("\u0000\u001f"));
  }

  @Test
  void printableTextIsLeftAsItIs() {
    String text = "/var/lib/graphite/whisper/café/日本/bad\uFFFD.wsp: ok";
    assertSame(text, SafeText.line(text));
  }
}
