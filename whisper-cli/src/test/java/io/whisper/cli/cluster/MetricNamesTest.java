package io.whisper.cli.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Names on one line of valid UTF-8, whatever bytes they are made of. */
class MetricNamesTest {
  static String text(byte[] path) {
    return MetricNames.textOfPath(path);
  }

  @Test
  void escapes() {
    assertEquals("a.b c", text("a/b c.wsp".getBytes(StandardCharsets.UTF_8)));
    assertEquals("new\\nline.tab\\t.back\\\\slash",
        text("new\nline/tab\t/back\\slash.wsp".getBytes(StandardCharsets.UTF_8)));
    assertEquals("\\xff\\xfe.bin", text(new byte[] {(byte) 0xff, (byte) 0xfe, '/', 'b', 'i',
        'n', '.', 'w', 's', 'p'}));
    assertEquals("caf\u00e9.\\x1b[31m", text("caf\u00e9/\u001b[31m.wsp".getBytes(StandardCharsets.UTF_8)));
    assertEquals("\\xc3(", text(new byte[] {(byte) 0xc3, '(', '.', 'w', 's', 'p'}),
        "a broken sequence: its bytes");
    assertEquals("\\xed\\xa0\\x80", text(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80, '.',
        'w', 's', 'p'}), "a surrogate is not UTF-8");
  }
}
