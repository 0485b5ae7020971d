package io.whisper.cli.ring;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;

/** Standard output as raw bytes, buffered: names pass through byte for byte, millions a run. */
final class RingOutput {
  private RingOutput() {}

  static OutputStream stdout() {
    return new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
  }
}
