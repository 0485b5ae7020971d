package io.whisper.cli.dropin;

import io.whisper.cli.support.Subcommand;
import picocli.CommandLine;

/**
 * A drop-in for a whisper-* script, whose long options may be given as any unambiguous prefix
 * ({@code --agg=max}, {@code --nob}), before or after its arguments, as the scripts' optparse
 * and argparse parsers accept.
 */
public interface ScriptOptions extends Subcommand {

  /** Lets every {@code ScriptOptions} subcommand of {@code root} take abbreviated options. */
  static void allowAbbreviations(CommandLine root) {
    for (CommandLine sub : root.getSubcommands().values()) {
      if (sub.getCommand() instanceof ScriptOptions) {
        sub.setAbbreviatedOptionsAllowed(true);
      }
    }
  }
}
