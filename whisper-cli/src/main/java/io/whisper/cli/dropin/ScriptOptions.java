package io.whisper.cli.dropin;

import io.whisper.cli.support.Subcommand;

/**
 * A drop-in for a whisper-* script, whose long options may be given as any unambiguous prefix
 * ({@code --agg=max}, {@code --nob}), as the scripts' optparse and argparse parsers accept (see
 * {@link DropInCommand#allowAbbreviations}).
 */
public interface ScriptOptions extends Subcommand {}
