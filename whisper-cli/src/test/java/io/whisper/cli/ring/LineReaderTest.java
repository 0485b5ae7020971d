package io.whisper.cli.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {
  private static List<String> read(InputStream in) throws IOException {
    LineReader reader = new LineReader(in);
    List<String> lines = new ArrayList<>();
    while (reader.next()) {
      lines.add(new String(reader.buffer(), reader.start(), reader.end() - reader.start(),
          StandardCharsets.ISO_8859_1));
    }
    return lines;
  }

  private static List<String> read(String text) throws IOException {
    return read(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)));
  }

  @Test
  void splitsAtNewlinesOnly() throws IOException {
    assertEquals(List.of(), read(""));
    assertEquals(List.of(""), read("\n"));
    assertEquals(List.of("", "a", "b\r", "c"), read("\na\nb\r\nc"));
    assertEquals(List.of("a", ""), read("a\n\n"));
  }

  @Test
  void linesLongerThanTheBufferAndReadsThatEndMidLine() throws IOException {
    String longLine = "x".repeat(200_000);
    // one byte per read: every line crosses a read
    InputStream trickle = new ByteArrayInputStream(("ab\n" + longLine + "\ncd")
        .getBytes(StandardCharsets.ISO_8859_1)) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, 1));
      }
    };
    assertEquals(List.of("ab", longLine, "cd"), read(trickle));
    List<String> many = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 100_000; i++) {
      many.add("metric." + i);
      text.append("metric.").append(i).append('\n');
    }
    assertEquals(many, read(text.toString()));
  }
}
