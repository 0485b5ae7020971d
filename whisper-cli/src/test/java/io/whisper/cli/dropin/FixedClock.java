package io.whisper.cli.dropin;

import java.time.Instant;
import java.time.InstantSource;
import java.util.function.Consumer;
import picocli.CommandLine;

/** Fixes "now" for the drop-ins that read the clock (merge, diff, resize) before a run. */
final class FixedClock {
  private FixedClock() {}

  /** Sets the clock of every such command on a command line to {@code now}. */
  static Consumer<CommandLine> at(long now) {
    InstantSource clock = InstantSource.fixed(Instant.ofEpochSecond(now));
    return commandLine -> {
      for (CommandLine sub : commandLine.getSubcommands().values()) {
        switch (sub.getCommand()) {
          case MergeCommand merge -> merge.script.clock = clock;
          case DiffCommand diff -> diff.script.clock = clock;
          case ResizeCommand resize -> resize.script.clock = clock;
          default -> { }
        }
      }
    };
  }
}
