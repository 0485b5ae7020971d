package io.whisper.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code whisper} command: the entry point that wires every subcommand. */
@Command(
    name = "whisper",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Fast, safe tools for Graphite's Whisper (.wsp) files.",
    subcommands = {
      CommandLine.HelpCommand.class,
      // subcommands: keep one per line, in the order help lists them
    })
public final class WhisperCli implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs the command line and exits with its status; the only caller of System.exit. */
  public static void main(String... args) {
    System.exit(commandLine().execute(args));
  }

  /** Returns the fully wired command line; tests call this with their own writers. */
  public static CommandLine commandLine() {
    return new CommandLine(new WhisperCli());
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }
}
