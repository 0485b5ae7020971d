package io.whisper.cli.support;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * A command's standard output as bytes, for output that is data by the million lines (a
 * cluster's listing): to the process's own standard output the bytes go as they are, with no
 * String and no charset work per line; to a writer a caller gave the command (a test, the AOT
 * training) the same text goes decoded.
 */
public final class StandardOut {
  // The writer picocli made over System.out for this process's command line (see remember).
  private static PrintWriter processOut;

  private StandardOut() {}

  /** Remembers {@code out} as the writer over the process's standard output (main only). */
  public static void remember(PrintWriter out) {
    processOut = out;
  }

  /**
   * Returns a stream to what {@code out} writes to, after flushing it: the standard output
   * itself, unbuffered, when {@code out} is the process's, else {@code out}. Write whole lines
   * of UTF-8 in each call (each call is decoded alone when it goes to a writer).
   */
  public static OutputStream bytes(PrintWriter out) {
    out.flush();
    if (out == processOut) {
      System.out.flush();
      return new FileOutputStream(FileDescriptor.out);
    }
    return new ToWriter(out);
  }

  private static final class ToWriter extends OutputStream {
    private final PrintWriter out;

    ToWriter(PrintWriter out) {
      this.out = out;
    }

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      out.write(new String(bytes, offset, length, StandardCharsets.UTF_8));
    }

    @Override
    public void flush() {
      out.flush();
    }
  }
}
