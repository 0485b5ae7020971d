package io.whisper.cli.ring;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads lines of raw bytes (names need not be UTF-8) from a stream without a String or a copy
 * per line: after {@link #next}, the line is {@code buffer()[start(), end())}, without its
 * newline. The buffer is the reader's; the caller may change the line's bytes in place.
 */
final class LineReader {
  private final InputStream in;
  private byte[] buffer = new byte[1 << 16];
  private int limit; // bytes read into the buffer
  private int start; // the current line
  private int end;
  private int nextStart; // where the line after it starts
  private boolean eof;

  LineReader(InputStream in) {
    this.in = in;
  }

  /** Moves to the next line; false at the end of the stream. */
  boolean next() throws IOException {
    start = nextStart;
    int scan = start;
    while (true) {
      for (; scan < limit; scan++) {
        if (buffer[scan] == '\n') {
          end = scan;
          nextStart = scan + 1;
          return true;
        }
      }
      if (eof) {
        end = limit;
        nextStart = limit;
        return start < limit; // a last line without a newline
      }
      scan -= fill();
    }
  }

  byte[] buffer() {
    return buffer;
  }

  int start() {
    return start;
  }

  int end() {
    return end;
  }

  // Moves the partial line to the front (or into a bigger buffer) and reads more; returns how
  // far the bytes moved.
  private int fill() throws IOException {
    int moved = start;
    if (start > 0) {
      System.arraycopy(buffer, start, buffer, 0, limit - start);
      limit -= start;
      start = 0;
    } else if (limit == buffer.length) {
      buffer = Arrays.copyOf(buffer, buffer.length * 2);
    }
    int n = in.read(buffer, limit, buffer.length - limit);
    if (n < 0) {
      eof = true;
    } else {
      limit += n;
    }
    return moved;
  }
}
