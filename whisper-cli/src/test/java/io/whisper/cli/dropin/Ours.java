package io.whisper.cli.dropin;

import io.whisper.cli.WhisperCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;

/** Runs our commands in this JVM, as the launcher would, capturing their output. */
final class Ours {

  private Ours() {}

  /** Runs {@code whisper ARGS}. */
  static Run whisper(List<String> args) {
    String[] array = args.toArray(String[]::new);
    return run(WhisperCli.commandLine(array), array);
  }

  /** Runs {@code args} on a command line the test built (a command with its own clock). */
  static Run run(CommandLine commandLine, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
    int status = commandLine.execute(args);
    return new Run(status, out.toString(), err.toString());
  }
}
