package io.whisper.cli.ring;

import java.io.BufferedOutputStream;
import java.io.OutputStream;

/**
 * Standard output as raw bytes, buffered: names pass through byte for byte, millions a run.
 * Written through System.out (64 KiB at a time), so a caller that replaces it is obeyed.
 */
final class RingOutput {
  private RingOutput() {}

  /** A buffer over System.out; flush it at the end, do not close it. */
  static OutputStream stdout() {
    return new BufferedOutputStream(System.out, 1 << 16);
  }
}
