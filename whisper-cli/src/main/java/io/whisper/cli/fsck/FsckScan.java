package io.whisper.cli.fsck;

import io.whisper.cli.fsck.ScanTargets.Target;
import io.whisper.cli.support.OrderedParallel;
import io.whisper.cli.support.Progress;
import io.whisper.core.OpenFolder;
import io.whisper.core.fsck.CheckResult;
import io.whisper.core.fsck.FileCheck;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code whisper fsck}'s run: checks every file under the paths on {@code jobs} workers,
 * reports them in order, moves the corrupt ones out of the way if asked, and returns the
 * fsck(8) exit status. SIGINT or SIGTERM ends it with the summary so far.
 */
public final class FsckScan {

  /**
   * What to check and how.
   *
   * @param paths the files and folders to check
   * @param fix move each corrupt file out of the way
   * @param dryRun say what {@code fix} would do, change nothing
   * @param quarantine with {@code fix}: the folder corrupt files go under (null: renamed beside)
   * @param minAge files modified more recently are left alone
   * @param deep also read every slot
   * @param now with {@code deep}: the epoch second points count as in the future against
   *     (null: the clock)
   * @param json one JSON object per file with a problem
   * @param verbose also list healthy files
   * @param jobs files checked at once
   */
  public record Settings(List<Path> paths, boolean fix, boolean dryRun, Path quarantine,
      Duration minAge, boolean deep, Long now, boolean json, boolean verbose, int jobs) {}

  private final Settings settings;
  // The wall clock: file ages for --min-age, the renamed files' stamp, and "now" for --deep.
  private final Clock clock = Clock.systemUTC();

  public FsckScan(Settings settings) {
    this.settings = settings;
  }

  private record Checked(Target target, CheckResult result) {}

  /** Runs the scan, printing on {@code out} and {@code err}; returns the exit status. */
  public int run(PrintWriter out, PrintWriter err) {
    long startNanos = System.nanoTime();
    FileCheck check = new FileCheck(settings.deep(),
        settings.now() != null ? settings.now() : clock.instant().getEpochSecond());
    CorruptFileFixer fixer = settings.fix() || settings.dryRun()
        ? new CorruptFileFixer(check,
            new CorruptFileMover(settings.quarantine(), clock.instant()),
            settings.minAge(), clock, settings.dryRun())
        : null;
    FsckTally tally = new FsckTally();
    Progress progress = Progress.onTerminal("files", -1);
    FsckReport report = new FsckReport(out, err, settings.json(), settings.verbose(), progress);
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
      OrderedParallel.run(
          new ScanTargets(settings.paths(), settings.quarantine(), report, tally).batches(),
          settings.jobs(),
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

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
