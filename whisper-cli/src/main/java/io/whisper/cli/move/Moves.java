package io.whisper.cli.move;

import io.whisper.cli.support.ExitCodes;
import io.whisper.cli.support.OrderedParallel;
import io.whisper.cli.support.Progress;
import io.whisper.cli.support.SafeText;
import io.whisper.cli.support.WspTree;
import io.whisper.core.Failures;
import io.whisper.core.Move;
import io.whisper.core.MoveResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@code whisper move}'s run: one pair, every file of a tree, or the pairs of a batch list,
 * each moved by {@link Move} on {@code jobs} workers and reported in order; returns the exit
 * status.
 */
public final class Moves {

  /**
   * What to move and how.
   *
   * @param batch the batch list's path, - for standard input, or null
   * @param batchPath {@code batch} as a path (by its bytes), or null
   * @param source without a batch: the file or folder to move
   * @param destination without a batch: where to
   * @param jobs moves of a batch or tree at once
   * @param lock take flock(2) locks
   * @param dryRun check each move and say what it would do; change nothing
   * @param alwaysCopy copy even within one file system
   * @param drainMillis how long writers queued on a removed source's lock may run
   * @param json one JSON record per move
   */
  public record Settings(String batch, Path batchPath, Path source, Path destination, int jobs,
      boolean lock, boolean dryRun, boolean alwaysCopy, long drainMillis, boolean json) {}

  private record Outcome(MoveJob job, MoveResult result) {}

  private final Settings settings;
  private final Move.Options options;
  private final PrintWriter out;
  private final PrintWriter err;

  /** Moves as {@code settings} say, reporting on {@code out} and {@code err}. */
  public Moves(Settings settings, PrintWriter out, PrintWriter err) {
    this.settings = settings;
    this.options = Move.Options.defaults(() -> System.currentTimeMillis() / 1000)
        .withLock(settings.lock()).withDryRun(settings.dryRun())
        .withAlwaysCopy(settings.alwaysCopy()).withDrainMillis(settings.drainMillis())
        .withSteps(stepHook(err));
    this.out = out;
    this.err = err;
  }

  /** Moves everything and returns the exit status. */
  public int run() throws IOException {
    MoveReport report = new MoveReport(out, err, settings.json(), settings.dryRun());
    if (settings.batch() != null) {
      return batch(report);
    }
    if (Files.isDirectory(settings.source())) {
      return tree(report);
    }
    runAll(List.of(new MoveJob(null, settings.source(), settings.destination(), null))
        .iterator(), report, false);
    return status(report);
  }

  private int batch(MoveReport report) {
    try (BufferedReader reader = settings.batch().equals("-")
        ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.ISO_8859_1))
        : Files.newBufferedReader(settings.batchPath(), StandardCharsets.ISO_8859_1)) {
      List<MoveJob> jobs = BatchFile.read(reader);
      List<String> twice = BatchFile.namedTwice(jobs);
      if (!twice.isEmpty()) {
        for (String line : twice) {
          err.println(SafeText.line("whisper move: " + line));
        }
        err.println("whisper move: nothing moved: a batch names each file once");
        return ExitCodes.USAGE;
      }
      runAll(jobs.iterator(), report, true);
    } catch (IOException | UncheckedIOException e) {
      err.println(SafeText.line(
          "whisper move: cannot read " + settings.batch() + ": " + e.getMessage()));
      return report.anyFailed() ? ExitCodes.FAILED : ExitCodes.USAGE;
    }
    return status(report);
  }

  private int tree(MoveReport report) throws IOException {
    Path from = settings.source();
    Path to = settings.destination();
    if (Files.exists(to) && !Files.isDirectory(to)) {
      err.println(SafeText.line("whisper move: " + from + " is a folder but " + to + " is not"));
      return ExitCodes.FAILED;
    }
    if (to.toAbsolutePath().normalize().startsWith(from.toRealPath())
        || (Files.exists(to) && to.toRealPath().startsWith(from.toRealPath()))) {
      err.println(SafeText.line("whisper move: " + to + " is inside " + from));
      return ExitCodes.USAGE;
    }
    try (Stream<Path> files = WspTree.walk(from, e -> report.problem(Failures.describe(e)))) {
      Iterator<MoveJob> jobs = files
          .map(file -> new MoveJob(null, file, to.resolve(from.relativize(file)), null))
          .iterator();
      runAll(jobs, report, true);
    }
    return status(report);
  }

  private void runAll(Iterator<MoveJob> jobs, MoveReport report, boolean many) {
    Progress progress = many ? Progress.onTerminal("moves", -1) : Progress.disabled();
    try (progress) {
      OrderedParallel.run(jobs, many ? settings.jobs() : 1,
          job -> new Outcome(job, job.error() != null
              ? new MoveResult.Failed(job.source(), job.destination(), job.error())
              : Move.move(job.source(), job.destination(), options)),
          done -> {
            progress.step(done.result() instanceof MoveResult.Failed);
            report.add(done.job(), done.result(), progress);
          });
    }
    if (many) {
      report.summary(progress);
    }
  }

  private static int status(MoveReport report) {
    return report.anyFailed() ? ExitCodes.FAILED : ExitCodes.OK;
  }

  // WHISPER_MOVE_STEP_PAUSE_MS is a test hook: name each step on stderr and pause after it, so a
  // crash test can kill the process between any two steps.
  private static Consumer<String> stepHook(PrintWriter err) {
    String pause = System.getenv("WHISPER_MOVE_STEP_PAUSE_MS");
    if (pause == null) {
      return step -> { };
    }
    long millis = Long.parseLong(pause);
    return step -> {
      err.println("step " + step);
      err.flush();
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
  }
}
