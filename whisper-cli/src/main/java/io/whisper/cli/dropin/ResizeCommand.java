package io.whisper.cli.dropin;

import static io.whisper.cli.support.Specs.flag;
import static io.whisper.cli.support.Specs.option;

import io.whisper.cli.support.Specs;
import io.whisper.core.AggregationMethod;
import io.whisper.core.Resize;
import io.whisper.core.Retention;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code whisper resize}: the drop-in for whisper-resize 1.1.4, with its bugs fixed. */
public final class ResizeCommand implements Callable<Integer>, ScriptOptions {

  final ScriptArguments script = new ScriptArguments();
  private Double xFilesFactor;
  private String aggregationMethod;
  private String newFile;
  private boolean noBackup;
  private boolean aggregate;
  private final CommandSpec spec = declare();

  private CommandSpec declare() {
    CommandSpec spec = Specs.command("resize", this)
        .addOption(option(Double.class, v -> xFilesFactor = v, "--xFilesFactor",
                "--x-files-factor")
            .paramLabel("XFF").converters(new OptparseFloat())
            .description("Change the xFilesFactor.").build())
        .addOption(option(String.class, v -> aggregationMethod = v, "--aggregationMethod",
                "--aggregation-method")
            .paramLabel("METHOD")
            .description("Change the aggregation function (average, sum, last, max, min,"
                + " avg_zero, absmax, absmin).").build())
        .addOption(flag(v -> { }, "--force")
            .description("Accepted for compatibility; whisper-resize ignores it too.").build())
        .addOption(option(String.class, v -> newFile = v, "--newfile", "--new-file")
            .paramLabel("PATH")
            .description("Create a new database file without removing the existing one.")
            .build())
        .addOption(flag(v -> noBackup = v, "--nobackup", "--no-backup")
            .description("Delete the .bak file after successful execution.").build())
        .addOption(flag(v -> aggregate = v, "--aggregate")
            .description("Aggregate the old points that fall in each new interval with the"
                + " aggregation method and xFilesFactor, instead of copying points as they are.")
            .build());
    spec.usageMessage()
        .description(
            "Rewrite a whisper file with a new schema, keeping its data"
                + " (drop-in for whisper-resize).",
            "",
            "timePerPoint and timeToStore specify lengths of time, for example:",
            "",
            "60:1440      60 seconds per datapoint, 1440 datapoints = 1 day of retention",
            "15m:8        15 minutes per datapoint, 8 datapoints = 2 hours of retention",
            "1h:7d        1 hour per datapoint, 7 days of retention",
            "12h:2y       12 hours per datapoint, 2 years of retention",
            "",
            "The new file is built as PATH.tmp (or --newfile) and renamed over PATH in one atomic"
                + " step; the original stays as PATH.bak. PATH always exists and keeps the"
                + " original if anything fails. Every live point is kept (whisper-resize drops"
                + " each archive's oldest).",
            "")
        .customSynopsis("whisper resize [options] PATH timePerPoint:timeToStore"
            + " [timePerPoint:timeToStore]...")
        .sortOptions(false)
        .footerHeading("%nExamples:%n")
        .footer(
            "  whisper resize cpu.wsp 1m:7d 1h:1y --nobackup",
            "  whisper resize --aggregate --aggregationMethod=max cpu.wsp 5m:30d",
            "",
            "Exit status: 0 resized; 1 too few arguments (help is printed), a missing file, a"
                + " bad schema, xFilesFactor or method, or a failed write; 2 a bad option.");
    return script.addTo(spec);
  }

  @Override
  public CommandSpec spec() {
    return spec;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    List<String> args = script.args();
    if (args.size() < 2) {
      return ScriptArguments.wrongCount(spec);
    }
    Path path = Path.of(args.getFirst());
    if (!Files.exists(path)) {
      spec.commandLine().getErr().print("[ERROR] File '" + args.getFirst()
          + "' does not exist!\n\n");
      spec.commandLine().getErr().flush();
      return ScriptArguments.wrongCount(spec);
    }
    List<Retention> archives = new ArrayList<>();
    for (String definition : args.subList(1, args.size())) {
      archives.add(Retention.parse(definition));
    }
    Resize.Request request = new Resize.Request(script.now(), archives, Optional.ofNullable(xFilesFactor),
        Optional.ofNullable(aggregationMethod).map(AggregationMethod::fromName), aggregate,
        Optional.ofNullable(newFile).map(Path::of), noBackup);
    Resize.Result result = Resize.resize(path, request);
    printSteps(out, result);
    out.flush();
    return 0;
  }

  // The script's progress lines, with paths as given: it concatenates strings.
  private void printSteps(PrintWriter out, Resize.Result result) {
    String given = script.args().getFirst();
    String created = newFile != null ? newFile : given + ".tmp";
    String backup = given + ".bak";
    out.print("Retrieving all data from the archives\n");
    if (result.staleTempRemoved()) {
      out.print("Removing previous temporary database file: " + created + "\n");
    }
    out.print("Creating new whisper database: " + created + "\n");
    out.print("Created: " + created + " (" + result.createdBytes() + " bytes)\n");
    out.print(aggregate
        ? "Migrating data with aggregation...\n"
        : "Migrating data without aggregation...\n");
    if (result.backup().isPresent()) {
      out.print("Renaming old database to: " + backup + "\n");
      out.print("Renaming new database to: " + given + "\n");
      if (result.backupRemoved()) {
        out.print("Unlinking backup: " + backup + "\n");
      }
    }
  }
}
