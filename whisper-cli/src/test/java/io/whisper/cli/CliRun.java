package io.whisper.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * One in-process run of the {@code whisper} command line, through the same {@link
 * WhisperCli#commandLine(String...)} that {@code main} uses: its exit status and what it
 * printed on stdout and stderr.
 */
public record CliRun(int status, String out, String err) {

  /** Runs {@code args} and captures the status and both streams. */
  public static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = WhisperCli.commandLine(args)
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true))
        .execute(args);
    return new CliRun(status, out.toString(), err.toString());
  }
}
