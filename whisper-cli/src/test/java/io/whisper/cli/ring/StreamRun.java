package io.whisper.cli.ring;

import io.whisper.cli.WhisperCli;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/**
 * One in-process run of a ring command, which streams System.in to System.out: both are
 * replaced for the run (tests in a class run one at a time) and put back after.
 */
record StreamRun(int status, byte[] stdout, String err) {

  String out() {
    return new String(stdout, StandardCharsets.UTF_8);
  }

  static synchronized StreamRun of(byte[] stdin, String... args) {
    InputStream oldIn = System.in;
    PrintStream oldOut = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringWriter err = new StringWriter();
    try {
      System.setIn(new ByteArrayInputStream(stdin));
      System.setOut(new PrintStream(out, false, StandardCharsets.UTF_8));
      int status = WhisperCli.commandLine(args)
          .setErr(new PrintWriter(err, true))
          .execute(args);
      System.out.flush();
      return new StreamRun(status, out.toByteArray(), err.toString());
    } finally {
      System.setIn(oldIn);
      System.setOut(oldOut);
    }
  }

  static StreamRun of(String stdin, String... args) {
    return of(stdin.getBytes(StandardCharsets.UTF_8), args);
  }
}
