package io.whisper.cli;

import static io.whisper.cli.support.Specs.flag;
import static io.whisper.cli.support.Specs.option;
import static io.whisper.cli.support.Specs.positional;

import io.whisper.cli.fill.FillReport;
import io.whisper.cli.fill.Interruption;
import io.whisper.cli.fill.PairFiller;
import io.whisper.cli.fill.PairOutcome;
import io.whisper.cli.support.ExitCodes;
import io.whisper.cli.support.Jobs;
import io.whisper.cli.support.OrderedParallel;
import io.whisper.cli.support.Progress;
import io.whisper.cli.support.SafeText;
import io.whisper.cli.support.SharedOptions;
import io.whisper.cli.support.Specs;
import io.whisper.cli.support.Subcommand;
import io.whisper.cli.support.TimeArgument;
import io.whisper.cli.support.WspTree;
import io.whisper.core.Failures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Iterator;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** {@code whisper fill}: fills the gaps of one replica from another, a pair or two trees. */
public final class FillCommand implements Callable<Integer>, Subcommand {
  private Path source;
  private Path destination;
  private int jobs;
  private String from;
  private String until;
  private boolean dryRun;
  private boolean copyMissing;
  private boolean json;
  private boolean noLock;
  // Fixes the clock, for tests and for comparisons with the reference at a known time.
  private Long fixedNow;
  private final CommandSpec spec = declare();

  private CommandSpec declare() {
    CommandSpec spec = Specs.command("fill", this)
        .addPositional(positional(Path.class, v -> source = v).index("0").paramLabel("SRC")
            .description("The file or folder to read from.").build())
        .addPositional(positional(Path.class, v -> destination = v).index("1")
            .paramLabel("DST").description("The file or folder to fill.").build())
        .addOption(Jobs.option(v -> jobs = v, Jobs.cores(), "Files filled",
            "the number of cores"))
        .addOption(option(String.class, v -> from = v, "--from").paramLabel("TIME")
            .description("Fill only after TIME: epoch seconds, 'now' or an age like -3d, -12h,"
                + " -90m.").build())
        .addOption(option(String.class, v -> until = v, "--until").paramLabel("TIME")
            .description("Fill only up to TIME.").build())
        .addOption(SharedOptions.dryRun(v -> dryRun = v, "Count what would be filled"))
        .addOption(flag(v -> copyMissing = v, "--copy-missing")
            .description("Copy the SRC files DST lacks (temporary file, fsync, rename);"
                + " otherwise they are listed as skipped.").build())
        .addOption(SharedOptions.json(v -> json = v,
            "file (path, status, slots filled per archive), the summary object last"))
        .addOption(SharedOptions.noLock(v -> noLock = v))
        .addOption(option(Long.class, v -> fixedNow = v, "--now").hidden(true)
            .paramLabel("EPOCH").build());
    spec.usageMessage()
        .sortOptions(false)
        .autoWidth(true)
        .description(
            "Fill the gaps of DST from SRC: two whisper files, or two folders, where every .wsp"
                + " under SRC with a counterpart at the same relative path under DST is filled.",
            "A gap is a slot with no data (0.0 and NaN are data); data in DST is never"
                + " overwritten. A gap's value comes from SRC's finest archive that covers it:"
                + " copied at equal precision, aggregated with DST's method and xFilesFactor"
                + " from a finer one, never made up from a coarser one. DST is held under"
                + " flock(2) while it is filled.")
        .exitCodeListHeading("%nExit status:%n")
        .exitCodeList(Specs.exitCodeList(
            ExitCodes.OK + ":every file was filled (or had nothing missing)",
            ExitCodes.FAILED + ":some files failed, each named on stderr; the others were filled"
                + " (or SRC cannot be read)",
            ExitCodes.USAGE + ":usage error",
            ExitCodes.INTERRUPTED + ":interrupted (SIGINT, SIGTERM): the files in hand were"
                + " finished, the rest not started; the same command again finishes the job"))
        .footer(
            "",
            "Examples:",
            "  whisper fill /backup/whisper/a/b.wsp /srv/whisper/a/b.wsp",
            "  whisper fill -j 4 --copy-missing /mnt/replica2/whisper /srv/whisper",
            "  whisper fill --from=-3d --json -n /mnt/replica2/whisper /srv/whisper");
    return Specs.withStandardHelp(spec);
  }

  @Override
  public CommandSpec spec() {
    return spec;
  }

  @Override
  public Integer call() {
    long started = System.nanoTime();
    LongSupplier clock = fixedNow != null
        ? () -> fixedNow
        : () -> System.currentTimeMillis() / 1000;
    long startNow = clock.getAsLong();
    OptionalLong fromTime = time(from, "--from", startNow);
    OptionalLong untilTime = time(until, "--until", startNow);
    if (fromTime.isPresent() && untilTime.isPresent()
        && fromTime.getAsLong() >= untilTime.getAsLong()) {
      throw usage("--from must be before --until");
    }
    BasicFileAttributes sourceType;
    BasicFileAttributes destinationType;
    try {
      sourceType = Files.readAttributes(source, BasicFileAttributes.class);
      destinationType = typeOrNull(destination);
    } catch (IOException e) { // no SRC, or a folder on the way that may not be searched
      spec.commandLine().getErr().println(SafeText.line("whisper fill: " + Failures.describe(e)));
      return ExitCodes.FAILED;
    }
    boolean tree = sourceType.isDirectory();
    checkLayout(tree, destinationType);

    PairFiller filler = new PairFiller(new PairFiller.Settings(
        !noLock, dryRun, copyMissing, tree, fromTime, untilTime, clock));
    long total = tree ? (Progress.stderrIsTerminal() ? countFiles() : -1) : 1;
    AtomicBoolean leftUndone = new AtomicBoolean();
    try (Interruption interruption = Interruption.listen(ExitCodes.INTERRUPTED)) {
      Progress progress = tree ? Progress.onTerminal("files", total) : Progress.disabled();
      FillReport report = new FillReport(
          spec.commandLine().getOut(), spec.commandLine().getErr(), json, dryRun, progress);
      try (progress;
          Stream<Path> sources = tree
              ? WspTree.walk(source, e -> report.problem(Failures.describe(e)))
              : Stream.of(source)) {
        Iterator<Path> items = untilStopped(sources.iterator(), interruption, leftUndone);
        OrderedParallel.run(items, jobs,
            // A file not yet begun when the signal came is left for the rerun.
            src -> interruption.stopping()
                ? Optional.<PairOutcome>empty()
                : Optional.of(filler.fill(src, counterpart(src, tree))),
            outcome -> {
              if (outcome.isEmpty()) {
                leftUndone.set(true);
                return;
              }
              progress.step(outcome.get() instanceof PairOutcome.Failed);
              report.add(outcome.get());
            });
      }
      if (leftUndone.get()) {
        spec.commandLine().getErr().println("whisper fill: interrupted: the files in hand were"
            + " finished, the others not started; run the same command again to finish");
      }
      int status = leftUndone.get() ? ExitCodes.INTERRUPTED
          : report.failures() > 0 ? ExitCodes.FAILED : ExitCodes.OK;
      report.summary((System.nanoTime() - started) / 1e9, status);
      interruption.finish(status);
      return status;
    }
  }

  private Path counterpart(Path src, boolean tree) {
    return tree ? destination.resolve(source.relativize(src)) : destination;
  }

  // The walk, ended early once a signal came (noting that files were left).
  private static Iterator<Path> untilStopped(
      Iterator<Path> walk, Interruption interruption, AtomicBoolean leftUndone) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        if (!walk.hasNext()) {
          return false;
        }
        if (interruption.stopping()) {
          leftUndone.set(true);
          return false;
        }
        return true;
      }

      @Override
      public Path next() {
        return walk.next();
      }
    };
  }

  // A DST that is not there yet (--copy-missing makes it); any other failure to look is thrown.
  private static BasicFileAttributes typeOrNull(Path path) throws IOException {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  private void checkLayout(boolean tree, BasicFileAttributes destinationType) {
    boolean destinationIsFolder = destinationType != null && destinationType.isDirectory();
    if (tree && !destinationIsFolder) {
      if (destinationType != null) {
        throw usage("SRC " + source + " is a folder but DST " + destination + " is not");
      }
      if (!copyMissing) {
        throw usage("DST " + destination + ": no such folder (--copy-missing creates it)");
      }
    }
    if (!tree && destinationIsFolder) {
      throw usage("DST " + destination + " is a folder but SRC " + source + " is not");
    }
  }

  private long countFiles() {
    try (Stream<Path> files = WspTree.walk(source, e -> {})) {
      return files.count();
    }
  }

  private OptionalLong time(String text, String option, long now) {
    if (text == null) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(TimeArgument.parse(text, now));
    } catch (IllegalArgumentException e) {
      throw usage(option + ": " + e.getMessage());
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
