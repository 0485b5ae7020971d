package io.whisper.cli.dropin;

import io.whisper.cli.py.PyFloat;
import io.whisper.core.Header;

/** The scripts' xFilesFactor check, which we also make refuse NaN. */
final class XFilesFactors {

  private XFilesFactors() {}

  /**
   * Returns {@code xff} if it is in [0, 1]; else fails with whisper.py's message. whisper.py
   * lets NaN through and writes a file it cannot read again; we refuse it with the same message.
   */
  static double check(double xff) {
    if (!Header.validXFilesFactor(xff)) {
      throw ScriptError.error("Invalid xFilesFactor " + PyFloat.repr(xff) + ", not between 0 and 1");
    }
    return xff;
  }
}
