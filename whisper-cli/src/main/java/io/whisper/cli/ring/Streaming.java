package io.whisper.cli.ring;

import io.whisper.cli.support.ExitCodes;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;

/**
 * How the ring commands write: raw bytes to standard output through one 64 KiB buffer (names
 * pass through byte for byte, millions a run).
 */
final class Streaming {

  /** The work of a command, writing to {@code out}; returns ExitCodes.OK or FAILED. */
  interface Body {
    int writeTo(OutputStream out) throws IOException;
  }

  private Streaming() {}

  /**
   * Runs {@code body} over buffered System.out (looked up now, so a caller that replaced it is
   * obeyed) and flushes it; a failure to read or write is one line on {@code err} and FAILED.
   */
  static int run(String command, PrintWriter err, Body body) {
    OutputStream out = new BufferedOutputStream(System.out, 1 << 16);
    int status;
    try {
      status = body.writeTo(out);
      out.flush();
    } catch (IOException e) {
      err.println("whisper " + command + ": " + e.getMessage());
      return ExitCodes.FAILED;
    }
    // System.out keeps a failed write (a closed pipe) to itself until asked.
    if (System.out.checkError()) {
      err.println("whisper " + command + ": cannot write to standard output");
      return ExitCodes.FAILED;
    }
    return status;
  }
}
