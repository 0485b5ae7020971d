package io.whisper.cli.dropin;

import static io.whisper.cli.support.Specs.flag;
import static io.whisper.cli.support.Specs.option;

import io.whisper.cli.support.Specs;
import io.whisper.core.Diff.ArchiveDiff;
import io.whisper.core.Diff;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code whisper diff}: the drop-in for whisper-diff 1.1.4. */
public final class DiffCommand implements Callable<Integer>, ScriptOptions {

  final ScriptArguments script = new ScriptArguments();
  private boolean summary;
  private boolean ignoreEmpty;
  private boolean columns;
  private boolean noHeaders;
  private Long until;
  private boolean json;
  private final CommandSpec spec = declare();

  private CommandSpec declare() {
    CommandSpec spec = Specs.command("diff", this)
        .addOption(flag(v -> summary = v, "--summary")
            .description("Show summary of differences.").build())
        .addOption(flag(v -> ignoreEmpty = v, "--ignore-empty")
            .description("Skip comparison if either value is undefined.").build())
        .addOption(flag(v -> columns = v, "--columns")
            .description("Print output in simple columns.").build())
        .addOption(flag(v -> noHeaders = v, "--no-headers")
            .description("Do not print column headers.").build())
        .addOption(option(Long.class, v -> until = v, "--until").paramLabel("TIME")
            .converters(new OptparseInt())
            .description("Unix epoch time of the end of your requested interval (default: now;"
                + " 0 also means now).").build())
        .addOption(flag(v -> json = v, "--json")
            .description("Output results in JSON form.").build());
    spec.usageMessage()
        .description(
            "Compare two whisper files with the same archives, point by point"
                + " (drop-in for whisper-diff).",
            "Archives are compared shortest retention first; each covers the time its"
                + " predecessor does not. A point is compared when either file has a value (both"
                + " with --ignore-empty) and differs when the values are not equal (NaN always"
                + " differs). The exit status is 0 whether or not the files differ.")
        .customSynopsis("whisper diff [--summary] [--ignore-empty] [--columns] [--no-headers]"
            + " [--until=TIME] [--json] PATH_A PATH_B")
        .sortOptions(false)
        .footerHeading("%nExamples:%n")
        .footer(
            "  whisper diff --summary a.wsp b.wsp",
            "  whisper diff --columns --no-headers --ignore-empty a.wsp b.wsp | wc -l",
            "",
            "Exit status: 0 compared; 1 wrong number of paths (help is printed), a missing file"
                + " or different archives; 2 a bad option.");
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
    if (args.size() != 2) {
      return ScriptArguments.wrongCount(spec);
    }
    if (ScriptArguments.reportMissing(spec, args)) {
      return 1;
    }
    // whisper-diff tests `if options.until:`, so --until=0 means now.
    OptionalLong untilTime = until == null || until == 0
        ? OptionalLong.empty() : OptionalLong.of(until);
    List<ArchiveDiff> diffs = Diff.diff(Path.of(args.get(0)), Path.of(args.get(1)),
        new Diff.Request(script.now(), untilTime, ignoreEmpty)).archives();
    DiffOutput output = new DiffOutput(out);
    if (json) {
      output.json(diffs, args.get(0), args.get(1), !summary);
    } else if (summary) {
      output.summary(diffs, !columns, !noHeaders);
    } else {
      output.points(diffs, !columns, !noHeaders);
    }
    out.flush();
    return 0;
  }
}
