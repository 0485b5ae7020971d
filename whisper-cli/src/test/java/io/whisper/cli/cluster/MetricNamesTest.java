package io.whisper.cli.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.whisper.cli.support.StandardOut;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Names on one line of valid UTF-8, whatever bytes they are made of. */
class MetricNamesTest {
  static String text(byte[] path) {
    return MetricNames.textOfPath(path);
  }

  @Test
  void linesOfBytesAreTheTextForm() {
    List<byte[]> paths = List.of("servers/web01/cpu.wsp".getBytes(StandardCharsets.UTF_8),
        "new\nline/tab\t/back\\slash.wsp".getBytes(StandardCharsets.UTF_8),
        new byte[] {(byte) 0xff, (byte) 0xfe, '/', 'b', 'i', 'n', '.', 'w', 's', 'p'},
        "caf\u00e9/\u001b[31m.wsp".getBytes(StandardCharsets.UTF_8),
        new byte[] {(byte) 0xc3, '(', '.', 'w', 's', 'p'});
    StringWriter written = new StringWriter();
    OutputStream out = StandardOut.bytes(new PrintWriter(written));
    TextLines lines = new TextLines();
    StringBuilder expected = new StringBuilder();
    for (byte[] path : paths) {
      lines.metric(path).ascii('\t').text("127.0.0.2:2003").ascii('\n');
      expected.append(text(path)).append("\t127.0.0.2:2003\n");
    }
    lines.writeTo(out);
    assertEquals(expected.toString(), written.toString());
    assertEquals(0, lines.length(), "written: starts over");
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
