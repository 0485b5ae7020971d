package io.whisper.cli.cluster;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Lines of text output built as UTF-8 bytes, a batch of them written in one call: a listing of
 * millions of metrics makes no String per line.
 */
final class TextLines {
  private byte[] bytes = new byte[1 << 16];
  private int length;
  // The last text appended and its bytes: a batch's lines repeat their node's label.
  private String lastText;
  private byte[] lastBytes;

  /** Appends the text form of the metric at {@code path} ({@link MetricNames#textOfPath}). */
  TextLines metric(byte[] path) {
    int n = path.length - 4; // without ".wsp"
    room(n);
    byte[] out = bytes;
    int at = length;
    for (int i = 0; i < n; i++) { // one pass: copied as checked, dropped if escaping is needed
      byte b = path[i];
      if (b < 0x20 || b == 0x7f || b == '\\') { // bytes >= 0x80 are negative: escaped or UTF-8
        return raw(MetricNames.text(MetricNames.dotted(path)).getBytes(StandardCharsets.UTF_8));
      }
      out[at++] = b == '/' ? (byte) '.' : b;
    }
    length = at;
    return this;
  }

  /** Appends {@code text}. */
  TextLines text(String text) {
    if (text != lastText) {
      lastBytes = text.getBytes(StandardCharsets.UTF_8);
      lastText = text;
    }
    return raw(lastBytes);
  }

  /** Appends one ASCII character: a tab, a newline. */
  TextLines ascii(char c) {
    room(1);
    bytes[length++] = (byte) c;
    return this;
  }

  /** Returns the bytes appended since the last write. */
  int length() {
    return length;
  }

  /**
   * Writes the lines to {@code out} in one call and starts over. Output closed by its reader
   * ({@code | head}) drops them, as a PrintWriter does: the rest is not wanted.
   */
  void writeTo(OutputStream out) {
    try {
      out.write(bytes, 0, length);
    } catch (IOException e) {
      // the reader is gone
    }
    length = 0;
  }

  private TextLines raw(byte[] more) {
    room(more.length);
    System.arraycopy(more, 0, bytes, length, more.length);
    length += more.length;
    return this;
  }

  private void room(int more) {
    if (length + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
    }
  }
}
