package io.whisper.cli;

import static io.whisper.cli.support.Specs.flag;
import static io.whisper.cli.support.Specs.option;
import static io.whisper.cli.support.Specs.positionals;

import io.whisper.cli.py.PyJson;
import io.whisper.cli.support.Jobs;
import io.whisper.cli.support.OrderedParallel;
import io.whisper.cli.support.Progress;
import io.whisper.cli.support.SafeText;
import io.whisper.cli.support.Specs;
import io.whisper.cli.support.Subcommand;
import io.whisper.cli.support.WspTree;
import io.whisper.core.Move;
import io.whisper.core.os.Failures;
import io.whisper.core.os.PathBytes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.stream.Stream;
import picocli.CommandLine.Model.CommandSpec;

/** {@code whisper move}: moves whisper files, one, a tree or a batch, while carbon runs. */
public final class MoveCommand implements Callable<Integer>, Subcommand {
  private static final int USAGE = 2;

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
        .addOption(flag(v -> dryRun = v, "-n", "--dry-run")
            .description("Check every move and say what it would do; change nothing").build())
        .addOption(flag(v -> json = v, "--json")
            .description("One JSON record per move on standard output").build())
        .addOption(flag(v -> noLock = v, "--no-lock")
            .description("Take no flock(2) locks (only for writers that never lock; see README)")
            .build())
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
            "0:every move done (or, with -n, possible)",
            "1:some moves failed, each reported; the others were done",
            "2:usage error"))
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

  /** One move to do: where it came from (a batch line) and its paths, or why it cannot be. */
  private record Job(Integer line, Path source, Path destination, String error) {}

  /** A job and what came of it. */
  private record Outcome(Job job, Move.Result result) {}

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    String usage = usageProblem();
    if (usage != null) {
      err.println("whisper move: " + usage);
      return USAGE;
    }
    Move.Request options = Move.Request.defaults(() -> System.currentTimeMillis() / 1000)
        .withLock(!noLock).withDryRun(dryRun).withAlwaysCopy(alwaysCopy)
        .withDrainMillis(drainMillis).withSteps(stepHook(err));
    Tally tally = new Tally();
    if (batch != null) {
      // Latin-1: one char per byte, so a path's bytes come back exactly (PathBytes.path),
      // UTF-8 or not.
      try (BufferedReader reader = batch.equals("-")
          ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.ISO_8859_1))
          : Files.newBufferedReader(Arguments.path(batch), StandardCharsets.ISO_8859_1)) {
        List<Job> jobsOfBatch = new ArrayList<>();
        batchJobs(reader).forEachRemaining(jobsOfBatch::add);
        List<String> twice = namedTwice(jobsOfBatch);
        if (!twice.isEmpty()) {
          for (String line : twice) {
            err.println(SafeText.line("whisper move: " + line));
          }
          err.println("whisper move: nothing moved: a batch names each file once");
          return USAGE;
        }
        runAll(jobsOfBatch.iterator(), options, tally, true);
      } catch (IOException | UncheckedIOException e) {
        err.println(SafeText.line("whisper move: cannot read " + batch + ": " + e.getMessage()));
        return tally.failed > 0 ? 1 : USAGE;
      }
    } else if (Files.isDirectory(paths.get(0))) {
      Path from = paths.get(0);
      Path to = paths.get(1);
      if (Files.exists(to) && !Files.isDirectory(to)) {
        err.println(SafeText.line("whisper move: " + from + " is a folder but " + to + " is not"));
        return 1;
      }
      if (to.toAbsolutePath().normalize().startsWith(from.toRealPath())
          || (Files.exists(to) && to.toRealPath().startsWith(from.toRealPath()))) {
        err.println(SafeText.line("whisper move: " + to + " is inside " + from));
        return USAGE;
      }
      try (Stream<Path> files = WspTree.walk(from, e -> {
        tally.failed++;
        err.println(SafeText.line("whisper move: " + Failures.describe(e)));
      })) {
        Iterator<Job> jobsOf = files
            .map(file -> new Job(null, file, to.resolve(from.relativize(file)), null))
            .iterator();
        runAll(jobsOf, options, tally, true);
      }
    } else {
      runAll(List.of(new Job(null, paths.get(0), paths.get(1), null)).iterator(), options,
          tally, false);
    }
    return tally.failed > 0 ? 1 : 0;
  }

  private String usageProblem() {
    if (Jobs.problem(jobs) != null) {
      return Jobs.problem(jobs);
    }
    if (drainMillis < 0) {
      return "--drain must not be negative";
    }
    if (batch != null && !paths.isEmpty()) {
      return "give either --batch FILE or SRC DST, not both";
    }
    if (batch == null && paths.size() != 2) {
      return "expected SRC DST, SRCDIR DSTDIR or --batch FILE (see whisper move --help)";
    }
    return null;
  }

  // Each line names a file and so is escaped (SafeText): a name cannot split it or drive a
  // terminal. A summary for many moves, as fsck and fill: a line on stderr, or with --json the
  // last object on stdout.
  private void runAll(Iterator<Job> jobsToRun, Move.Request options, Tally tally, boolean many) {
    Progress progress = many ? Progress.onTerminal("moves", -1) : Progress.disabled();
    try (progress) {
      OrderedParallel.run(jobsToRun, many ? jobs : 1,
          job -> new Outcome(job, job.error() != null
              ? new Move.Result.Failed(job.source(), job.destination(), job.error())
              : Move.move(job.source(), job.destination(), options)),
          done -> {
            progress.step(done.result() instanceof Move.Result.Failed);
            report(done.job(), done.result(), tally, progress);
          });
    }
    if (many) {
      progress.println(json ? spec.commandLine().getOut() : spec.commandLine().getErr(),
          json ? PyJson.dumps(tally.summary(dryRun)) : "whisper move: " + tally.line(dryRun));
    }
  }

  private void report(Job job, Move.Result result, Tally tally, Progress progress) {
    PrintWriter out = spec.commandLine().getOut();
    tally.count(result);
    if (json) {
      progress.println(out, PyJson.dumps(record(job, result)));
    } else if (result instanceof Move.Result.Failed failed) {
      progress.println(spec.commandLine().getErr(), SafeText.line("whisper move: "
          + (job.line() != null ? "line " + job.line() + ": " : "")
          + (failed.source() != null ? failed.source() + " -> " + failed.destination() + ": " : "")
          + failed.reason()));
    } else if (result.dryRun()) {
      String verb = result instanceof Move.Result.Renamed ? "rename"
          : result instanceof Move.Result.Copied ? "copy" : "merge";
      progress.println(out, SafeText.line("would " + verb + " " + result.source() + " -> "
          + result.destination()
          + (result instanceof Move.Result.Merged m ? " (" + m.slotsFilled() + " slots to fill)"
              : "")));
    }
  }

  private static Map<String, Object> record(Job job, Move.Result result) {
    Map<String, Object> record = new LinkedHashMap<>();
    if (job.line() != null) {
      record.put("line", job.line());
    }
    record.put("source", result.source() == null ? null : result.source().toString());
    record.put("destination",
        result.destination() == null ? null : result.destination().toString());
    record.put("action", result.action());
    // instanceof, not a pattern switch: a type switch is a class generated at run time, which
    // the AOT cache cannot hold (docs/startup.md).
    if (result instanceof Move.Result.Failed failed) {
      record.put("status", "failed");
      record.put("error", failed.reason());
    } else if (result instanceof Move.Result.Copied copied) {
      record.put("status", copied.dryRun() ? "dry-run" : "ok");
      record.put("slots_carried", copied.slotsCarried());
    } else if (result instanceof Move.Result.Merged merged) {
      record.put("status", merged.dryRun() ? "dry-run" : "ok");
      record.put("slots_filled", merged.slotsFilled());
    } else if (result instanceof Move.Result.Renamed renamed) {
      record.put("status", renamed.dryRun() ? "dry-run" : "ok");
    }
    return record;
  }

  /**
   * Returns a line for each path a batch names twice, as a source or a destination, with both
   * line numbers: two sources for one destination would merge the second into the first's
   * copy and delete it, and a path that is both a source and a destination makes the result
   * depend on the order the moves happen to run in. The whole batch is read for this before
   * anything moves (a few hundred bytes a line).
   */
  private static List<String> namedTwice(List<Job> batchJobs) {
    Map<Path, Integer> firstLine = new HashMap<>();
    List<String> twice = new ArrayList<>();
    for (Job job : batchJobs) {
      if (job.error() != null) {
        continue;
      }
      for (Path path : List.of(job.source(), job.destination())) {
        Integer earlier = firstLine.putIfAbsent(path.toAbsolutePath().normalize(), job.line());
        if (earlier != null && !earlier.equals(job.line())) {
          twice.add("line " + job.line() + ": " + path + " is also named on line " + earlier);
        }
      }
    }
    return twice;
  }

  private static Iterator<Job> batchJobs(BufferedReader reader) {
    return new Iterator<>() {
      private int lineNumber;
      private Job next;

      @Override
      public boolean hasNext() {
        try {
          while (next == null) {
            String line = reader.readLine();
            if (line == null) {
              return false;
            }
            lineNumber++;
            next = parse(lineNumber, line.strip());
          }
          return true;
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }

      @Override
      public Job next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Job job = next;
        next = null;
        return job;
      }
    };
  }

  private static Job parse(int lineNumber, String line) {
    if (line.isEmpty() || line.startsWith("#")) {
      return null;
    }
    String[] fields = line.split("\\s+");
    if (fields.length != 2) {
      return new Job(lineNumber, null, null,
          "expected 'SRC DST', found " + fields.length + " field" + (fields.length == 1 ? "" : "s"));
    }
    try {
      return new Job(lineNumber, PathBytes.path(fields[0].getBytes(StandardCharsets.ISO_8859_1)),
          PathBytes.path(fields[1].getBytes(StandardCharsets.ISO_8859_1)), null);
    } catch (IllegalArgumentException e) { // InvalidPathException among them: a NUL
      return new Job(lineNumber, null, null, "bad path: " + e.getMessage());
    }
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

  /** Counts of what happened, for the exit status and the summary. */
  private static final class Tally {
    private long renamed;
    private long copied;
    private long merged;
    private long failed;

    void count(Move.Result result) {
      if (result instanceof Move.Result.Renamed) {
        renamed++;
      } else if (result instanceof Move.Result.Copied) {
        copied++;
      } else if (result instanceof Move.Result.Merged) {
        merged++;
      } else {
        failed++;
      }
    }

    String line(boolean dryRun) {
      return (dryRun ? "would move " : "moved ") + (renamed + copied + merged) + ": "
          + renamed + " renamed, " + copied + " copied, " + merged + " merged; "
          + failed + " failed";
    }

    Map<String, Object> summary(boolean dryRun) {
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("summary", true);
      summary.put("renamed", renamed);
      summary.put("copied", copied);
      summary.put("merged", merged);
      summary.put("failed", failed);
      summary.put("dry_run", dryRun);
      summary.put("exit", failed > 0 ? 1 : 0);
      return summary;
    }
  }
}
