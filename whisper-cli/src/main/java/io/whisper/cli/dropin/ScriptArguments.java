package io.whisper.cli.dropin;

import static io.whisper.cli.support.Specs.positionals;

import io.whisper.cli.support.Specs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What the merge, diff and resize drop-ins share with the optparse scripts they replace:
 * {@code -h/--help}, the positional arguments collected unchecked (the scripts count them
 * themselves and answer a wrong count with the help on stdout and status 1), and the wall
 * clock they read. {@link #addTo} declares them in a command's model.
 */
public final class ScriptArguments {

  private List<String> args = List.of();

  // The scripts read the wall clock; tests replace it to run at a fixed second.
  InstantSource clock = InstantSource.system();

  /** Adds {@code -h/--help} and the unchecked positional arguments to {@code spec}. */
  CommandSpec addTo(CommandSpec spec) {
    return spec
        .addOption(Specs.helpOption())
        .addPositional(positionals(String.class, v -> args = v).paramLabel("ARG")
            .hidden(true).build());
  }

  /** Returns the positional arguments. */
  List<String> args() {
    return args;
  }

  /** Returns the clock's second, the {@code now} of whisper.py. */
  long now() {
    return clock.instant().getEpochSecond();
  }

  /**
   * Prints whisper-merge's and whisper-diff's complaint about the first of {@code names} that
   * does not exist, if one does not.
   *
   * @return whether one does not exist (the scripts then exit 1)
   */
  static boolean reportMissing(CommandSpec spec, List<String> names) {
    for (String name : names) {
      if (!Files.exists(Path.of(name))) {
        spec.commandLine().getErr().println("[ERROR] File \"" + name + "\" does not exist!");
        return true;
      }
    }
    return false;
  }

  /** Prints the command's help to stdout and returns 1, as optparse scripts do on a bad count. */
  static int wrongCount(CommandSpec spec) {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 1;
  }
}
