package io.whisper.cli.dropin;

import io.whisper.cli.WhisperCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.InstantSource;
import picocli.CommandLine;

/** Runs {@code whisper ARGS} in this JVM with the drop-ins' clock fixed, capturing output. */
final class Cli {

  /** One run: exit status, stdout, stderr. */
  record Run(int status, String out, String err) {}

  private Cli() {}

  /** Runs {@code whisper args} with the clock of merge, diff and resize at {@code now}. */
  static Run run(long now, String... args) {
    return run(InstantSource.fixed(Instant.ofEpochSecond(now)), args);
  }

  /** Runs {@code whisper args} on the wall clock. */
  static Run runLive(String... args) {
    return run(InstantSource.system(), args);
  }

  private static Run run(InstantSource clock, String... args) {
    CommandLine commandLine = WhisperCli.commandLine();
    for (CommandLine sub : commandLine.getSubcommands().values()) {
      Object command = sub.getCommand();
      switch (command) {
        case MergeCommand merge -> merge.script.clock = clock;
        case DiffCommand diff -> diff.script.clock = clock;
        case ResizeCommand resize -> resize.script.clock = clock;
        default -> { }
      }
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int status = commandLine.execute(args);
    return new Run(status, out.toString(), err.toString());
  }
}
