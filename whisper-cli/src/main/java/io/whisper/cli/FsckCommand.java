package io.whisper.cli;

import static io.whisper.cli.support.Specs.flag;
import static io.whisper.cli.support.Specs.option;
import static io.whisper.cli.support.Specs.positionals;

import io.whisper.cli.fsck.FsckScan;
import io.whisper.cli.support.ExitCodes;
import io.whisper.cli.support.Jobs;
import io.whisper.cli.support.SharedOptions;
import io.whisper.cli.support.Specs;
import io.whisper.cli.support.Subcommand;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** {@code whisper fsck}: finds corrupt whisper files and, if asked, moves them out of the way. */
public final class FsckCommand implements Callable<Integer>, Subcommand {

  private List<Path> paths;
  private boolean fix;
  private boolean dryRun;
  private Path quarantine;
  private long minAgeSeconds;
  private boolean deep;
  private Long now;
  private boolean json;
  private boolean verbose;
  private int jobs;
  private final CommandSpec spec = declare();

  private CommandSpec declare() {
    CommandSpec spec = Specs.command("fsck", this)
        .exitCodeOnInvalidInput(ExitCodes.Fsck.USAGE)
        .exitCodeOnExecutionException(ExitCodes.Fsck.OPERATIONAL_ERROR)
        .addPositional(positionals(Path.class, v -> paths = v).arity("1..*").required(true)
            .paramLabel("PATH")
            .description("Files and folders to check.").build())
        .addOption(flag(v -> fix = v, "-f", "--fix")
            .description("Move each corrupt file out of the way: rename it to"
                + " NAME.wsp.corrupt.<UTC yyyyMMdd-HHmmss>, or move it under --quarantine."
                + " Carbon then starts a fresh file for the metric.").build())
        .addOption(SharedOptions.dryRun(v -> dryRun = v, "Show what --fix would do"))
        .addOption(option(Path.class, v -> quarantine = v, "--quarantine").paramLabel("DIR")
            .description("With --fix: move corrupt files under DIR at the same path relative to"
                + " the PATH they were found under (copied, forced to disk, then removed if DIR"
                + " is on another file system).").build())
        .addOption(option(long.class, v -> minAgeSeconds = v, "--min-age").paramLabel("SECONDS")
            .defaultValue("60")
            .description("Leave alone files modified less than SECONDS ago: carbon may be"
                + " creating them (default: ${DEFAULT-VALUE}).").build())
        .addOption(flag(v -> deep = v, "--deep")
            .description("Also read every slot: timestamps not aligned to their step, slots at"
                + " the wrong ring position, data behind an empty slot 0, lower archives written"
                + " at unaligned intervals; points in the future are warnings.").build())
        .addOption(option(Long.class, v -> now = v, "--now").paramLabel("SECONDS")
            .description("With --deep: the time points count as in the future against"
                + " (default: the clock).").build())
        .addOption(SharedOptions.json(v -> json = v,
            "file with a problem, the summary object last"))
        .addOption(flag(v -> verbose = v, "-v", "--verbose")
            .description("Also list healthy files.").build())
        .addOption(Jobs.option(v -> jobs = v, Jobs.cores(), "Files checked",
            "the number of cores"));
    spec.usageMessage()
        .description(
            "Check whisper files for corruption: the header and the archive layout against the"
                + " file's size, and with --deep every slot. Print one line per file with a"
                + " problem, nothing for healthy files, and a summary on stderr.",
            "Folders are walked for *.wsp files in sorted order, never following symbolic links"
                + " to folders.")
        .footer(
            "",
            "Exit status (bits OR-ed, as fsck(8)): " + ExitCodes.OK + " no problems (warnings"
                + " alone included), " + ExitCodes.Fsck.CORRECTED + " problems corrected, "
                + ExitCodes.Fsck.UNCORRECTED + " problems left uncorrected, "
                + ExitCodes.Fsck.OPERATIONAL_ERROR + " operational error (a path missing or"
                + " unreadable; the scan goes on), " + ExitCodes.Fsck.USAGE + " usage error, "
                + ExitCodes.Fsck.INTERRUPTED + " interrupted.",
            "",
            "Examples:",
            "  whisper fsck /var/lib/graphite/whisper",
            "  whisper fsck --deep --json /var/lib/graphite/whisper > fsck.jsonl",
            "  whisper fsck -f --quarantine /var/lib/graphite/quarantine /var/lib/graphite/whisper");
    return Specs.withStandardHelp(spec);
  }

  @Override
  public CommandSpec spec() {
    return spec;
  }

  @Override
  public Integer call() {
    if (quarantine != null && !fix && !dryRun) {
      throw new ParameterException(spec.commandLine(), "--quarantine needs --fix or --dry-run");
    }
    if (minAgeSeconds < 0) {
      throw new ParameterException(spec.commandLine(), "--min-age must not be negative");
    }
    FsckScan scan = new FsckScan(new FsckScan.Settings(paths, fix, dryRun, quarantine,
        Duration.ofSeconds(minAgeSeconds), deep, now, json, verbose, jobs));
    return scan.run(spec.commandLine().getOut(), spec.commandLine().getErr());
  }
}
