package io.whisper.cli;

import static io.whisper.cli.support.Specs.flag;
import static io.whisper.cli.support.Specs.option;
import static io.whisper.cli.support.Specs.positionals;

import io.whisper.cli.move.Moves;
import io.whisper.cli.support.ExitCodes;
import io.whisper.cli.support.Jobs;
import io.whisper.cli.support.SharedOptions;
import io.whisper.cli.support.Specs;
import io.whisper.cli.support.Subcommand;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** {@code whisper move}: moves whisper files, one, a tree or a batch, while carbon runs. */
public final class MoveCommand implements Callable<Integer>, Subcommand {
  private List<Path> paths = new ArrayList<>();
  private String batch;
  private int jobs;
  private boolean dryRun;
  private boolean json;
  private boolean noLock;
  private boolean alwaysCopy;
  private long drainMillis;
  private final CommandSpec spec = declare();

  private CommandSpec declare() {
    CommandSpec spec = Specs.command("move", this)
        .addPositional(positionals(Path.class, v -> paths = v).arity("0..2").paramLabel("PATH")
            .description("SRC DST, or SRCDIR DSTDIR").build())
        .addOption(option(String.class, v -> batch = v, "--batch").paramLabel("FILE")
            .description("Move the pairs listed in FILE, one 'SRC DST' a line; - reads standard"
                + " input").build())
        .addOption(Jobs.option(v -> jobs = v, 1, "Moves of a batch or tree", "${DEFAULT-VALUE}"))
        .addOption(SharedOptions.dryRun(v -> dryRun = v,
            "Check every move and say what it would do"))
        .addOption(SharedOptions.json(v -> json = v,
            "move, for a tree or a batch the summary object last"))
        .addOption(SharedOptions.noLock(v -> noLock = v))
        .addOption(flag(v -> alwaysCopy = v, "--copy")
            .description("Copy even within one file system instead of renaming").build())
        .addOption(option(long.class, v -> drainMillis = v, "--drain").paramLabel("MS")
            .defaultValue("20")
            .description("After a copy or merge removes the source, let writers queued on its"
                + " lock run for MS milliseconds and carry their points over; writers seen"
                + " waiting in /proc/locks get their turn even with 0 (default: ${DEFAULT-VALUE})")
            .build());
    spec.usageMessage()
        .description(
            "Move whisper files while carbon writes them and graphite-web reads them: a reader"
                + " sees the old file or the complete new one, and no point is lost.",
            "",
            "SRC DST moves one file; SRCDIR DSTDIR moves every .wsp under SRCDIR to the same"
                + " relative path under DSTDIR; --batch FILE moves the 'SRC DST' pairs listed one"
                + " a line (- for standard input; blank lines and # comments are skipped).",
            "Same file system: renamed under the source's flock. Another one: copied, checked,"
                + " then the source removed. Destination present: filled from the source as"
                + " 'whisper fill' does, then the source removed.")
        .exitCodeListHeading("%nExit status:%n")
        .exitCodeList(Specs.exitCodeList(
            ExitCodes.OK + ":every move done (or, with -n, possible)",
            ExitCodes.FAILED + ":some moves failed, each reported; the others were done",
            ExitCodes.USAGE + ":usage error"))
        .footer(
            "",
            "Examples:",
            "  whisper move /data/a/b.wsp /data2/a/b.wsp",
            "  whisper move -j 4 /var/lib/graphite/whisper/app /mnt/new/whisper/app",
            "  rebalance-plan | whisper move --json --batch -");
    return Specs.withStandardHelp(spec);
  }

  @Override
  public CommandSpec spec() {
    return spec;
  }

  @Override
  public Integer call() throws IOException {
    if (drainMillis < 0) {
      throw usage("--drain must not be negative");
    }
    if (batch != null && !paths.isEmpty()) {
      throw usage("give either --batch FILE or SRC DST, not both");
    }
    if (batch == null && paths.size() != 2) {
      throw usage("expected SRC DST, SRCDIR DSTDIR or --batch FILE");
    }
    Moves.Settings settings = batch != null
        ? new Moves.Settings(batch, batch.equals("-") ? null : Arguments.path(batch), null, null,
            jobs, !noLock, dryRun, alwaysCopy, drainMillis, json)
        : new Moves.Settings(null, null, paths.get(0), paths.get(1),
            jobs, !noLock, dryRun, alwaysCopy, drainMillis, json);
    Moves moves = new Moves(settings, spec.commandLine().getOut(), spec.commandLine().getErr());
    return moves.run();
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
