package io.whisper.cli;

import static io.whisper.cli.support.Specs.flag;
import static io.whisper.cli.support.Specs.option;
import static io.whisper.cli.support.Specs.positionals;

import io.whisper.cli.fsck.CorruptFileFixer;
import io.whisper.cli.fsck.CorruptFileMover;
import io.whisper.cli.fsck.FixAction;
import io.whisper.cli.fsck.FsckReport;
import io.whisper.cli.fsck.FsckTally;
import io.whisper.cli.support.Jobs;
import io.whisper.cli.support.OrderedParallel;
import io.whisper.cli.support.Progress;
import io.whisper.cli.support.Specs;
import io.whisper.cli.support.Subcommand;
import io.whisper.cli.support.WspTree;
import io.whisper.core.fsck.CheckResult;
import io.whisper.core.fsck.FileCheck;
import io.whisper.core.os.Failures;
import io.whisper.core.os.OpenFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
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
        .exitCodeOnInvalidInput(FsckTally.USAGE)
        .exitCodeOnExecutionException(FsckTally.OPERATIONAL_ERROR)
        .addPositional(positionals(Path.class, v -> paths = v).arity("1..*").required(true)
            .paramLabel("PATH")
            .description("Files and folders to check.").build())
        .addOption(flag(v -> fix = v, "-f", "--fix")
            .description("Move each corrupt file out of the way: rename it to"
                + " NAME.wsp.corrupt.<UTC yyyyMMdd-HHmmss>, or move it under --quarantine."
                + " Carbon then starts a fresh file for the metric.").build())
        .addOption(flag(v -> dryRun = v, "-n", "--dry-run")
            .description("Show what --fix would do; change nothing.").build())
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
        .addOption(flag(v -> json = v, "--json")
            .description("Print one JSON object per file with a problem and a final summary"
                + " object on stdout.").build())
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
            "Exit status (bits OR-ed, as fsck(8)): 0 no problems (warnings alone included),"
                + " 1 problems corrected, 4 problems left uncorrected, 8 operational error (a"
                + " path missing or unreadable; the scan goes on), 16 usage error,"
                + " 32 interrupted.",
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

  private static final int BATCH = 64;

  // The wall clock: file ages for --min-age, the renamed files' stamp, and "now" for --deep.
  private final Clock clock = Clock.systemUTC();

  // folder and name: where the check opens the file (folder null: by its path alone)
  private record Target(Path root, Path folder, String name, Path file) {}

  private record Checked(Target target, CheckResult result) {}

  @Override
  public Integer call() {
    validate();
    long startNanos = System.nanoTime();
    FileCheck check = new FileCheck(deep, now != null ? now : clock.instant().getEpochSecond());
    CorruptFileFixer fixer = fix || dryRun
        ? new CorruptFileFixer(check, new CorruptFileMover(quarantine, clock.instant()),
            Duration.ofSeconds(minAgeSeconds), clock, dryRun)
        : null;
    FsckTally tally = new FsckTally();
    Progress progress = Progress.onTerminal("files", -1);
    FsckReport report = new FsckReport(
        spec.commandLine().getOut(), spec.commandLine().getErr(), json, verbose, progress);
    Thread onInterrupt = Thread.ofPlatform().unstarted(() -> {
      tally.interrupted();
      if (fixer != null) {
        fixer.stopMoving(Duration.ofSeconds(30));
      }
      report.summary(tally.counts(), seconds(startNanos), tally.exitStatus());
      Runtime.getRuntime().halt(tally.exitStatus());
    });
    Runtime.getRuntime().addShutdownHook(onInterrupt);
    try (progress) {
      // Files go to the workers in batches: one hand-off per file cost more than its check.
      OrderedParallel.run(batches(targets(report, tally)), jobs,
          batch -> checkAll(batch, check),
          checkedBatch -> {
            for (Checked checked : checkedBatch) {
              handle(checked, fixer, tally, report);
              progress.step(!(checked.result() instanceof CheckResult.Healthy));
            }
          });
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(onInterrupt);
      } catch (IllegalStateException shuttingDown) {
        // The hook is running: it prints the summary and sets the exit status.
      }
    }
    report.summary(tally.counts(), seconds(startNanos), tally.exitStatus());
    return tally.exitStatus();
  }

  // Each folder is held open while its files in the batch are checked: they are opened by name
  // there, without a lookup of the whole path each (a batch is sorted, so a folder's files are
  // consecutive).
  private static List<Checked> checkAll(List<Target> batch, FileCheck check) {
    List<Checked> checked = new ArrayList<>(batch.size());
    OpenFolder folder = null;
    try {
      for (Target target : batch) {
        if (target.folder() == null) {
          checked.add(new Checked(target, check.check(target.file())));
          continue;
        }
        if (folder == null || !folder.path().equals(target.folder())) {
          if (folder != null) {
            folder.close();
          }
          folder = OpenFolder.open(target.folder());
        }
        checked.add(new Checked(target, check.check(folder, target.name(), target.file())));
      }
    } finally {
      if (folder != null) {
        folder.close();
      }
    }
    return checked;
  }

  private static void handle(
      Checked checked, CorruptFileFixer fixer, FsckTally tally, FsckReport report) {
    CheckResult result = checked.result();
    tally.count(result);
    FixAction action = null;
    if (fixer != null && result instanceof CheckResult.Corrupt) {
      action = fixer.fix(checked.target().root(), result.path());
      tally(action, tally);
    } else if (result instanceof CheckResult.Corrupt) {
      tally.uncorrected();
    }
    report.file(result, action);
  }

  private static Iterator<List<Target>> batches(Iterator<Target> targets) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return targets.hasNext();
      }

      @Override
      public List<Target> next() {
        List<Target> batch = new ArrayList<>(BATCH);
        while (batch.size() < BATCH && targets.hasNext()) {
          batch.add(targets.next());
        }
        if (batch.isEmpty()) {
          throw new NoSuchElementException();
        }
        return batch;
      }
    };
  }

  private static void tally(FixAction action, FsckTally tally) {
    switch (action) {
      case FixAction.Moved m -> tally.corrected();
      case FixAction.Failed f -> {
        tally.uncorrected();
        tally.operationalError();
      }
      case FixAction.WouldMove m -> tally.uncorrected();
      case FixAction.LeftAlone l -> tally.uncorrected();
    }
  }

  private void validate() {
    if (quarantine != null && !fix && !dryRun) {
      throw new ParameterException(spec.commandLine(), "--quarantine needs --fix or --dry-run");
    }
    if (minAgeSeconds < 0) {
      throw new ParameterException(spec.commandLine(), "--min-age must not be negative");
    }
    if (Jobs.problem(jobs) != null) {
      throw new ParameterException(spec.commandLine(), Jobs.problem(jobs));
    }
  }


  // Streams every file to check, one PATH after another; nothing is listed ahead. (Not
  // Stream.flatMap: its iterator() buffers each inner stream whole, a whole tree at a time.)
  private Iterator<Target> targets(FsckReport report, FsckTally tally) {
    Path quarantined = quarantine == null ? null : quarantine.toAbsolutePath().normalize();
    Iterator<Path> arguments = paths.iterator();
    return new Iterator<>() {
      private Iterator<Target> current = Collections.emptyIterator();
      private Target next;

      @Override
      public boolean hasNext() {
        while (next == null) {
          if (current.hasNext()) {
            Target candidate = current.next();
            if (quarantined == null
                || !candidate.file().toAbsolutePath().normalize().startsWith(quarantined)) {
              next = candidate;
            }
          } else if (arguments.hasNext()) {
            current = targetsOf(arguments.next(), report, tally).iterator();
          } else {
            return false;
          }
        }
        return true;
      }

      @Override
      public Target next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Target result = next;
        next = null;
        return result;
      }
    };
  }

  private Stream<Target> targetsOf(Path path, FsckReport report, FsckTally tally) {
    if (Files.isDirectory(path)) {
      return WspTree.walkFiles(path, e -> {
        report.pathError(e instanceof java.nio.file.FileSystemException fse
            && fse.getFile() != null ? fse.getFile() : path.toString(), Failures.reason(e));
        tally.operationalError();
      }).map(file -> new Target(path, file.folder(), file.name(), file.path()));
    }
    if (Files.isRegularFile(path)) {
      return Stream.of(new Target(path, null, null, path));
    }
    report.pathError(path.toString(), Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)
        ? (Files.exists(path) ? "not a file or folder" : "broken symbolic link")
        : "no such file or directory");
    tally.operationalError();
    return Stream.empty();
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
