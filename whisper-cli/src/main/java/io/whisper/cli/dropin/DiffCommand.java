package io.whisper.cli.dropin;

import io.whisper.core.Diff;
import io.whisper.core.Diff.ArchiveDiff;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code whisper diff}: the drop-in for whisper-diff 1.1.4. */
@Command(
    name = "diff",
    description = {
      "Compare two whisper files with the same archives, point by point"
          + " (drop-in for whisper-diff).",
      "Archives are compared shortest retention first; each covers the time its predecessor"
          + " does not. A point is compared when either file has a value (both with"
          + " --ignore-empty) and differs when the values are not equal (NaN always differs)."
          + " The exit status is 0 whether or not the files differ."
    },
    customSynopsis = "whisper diff [--summary] [--ignore-empty] [--columns] [--no-headers]"
        + " [--until=TIME] [--json] PATH_A PATH_B",
    sortOptions = false,
    footerHeading = "%nExamples:%n",
    footer = {
      "  whisper diff --summary a.wsp b.wsp",
      "  whisper diff --columns --no-headers --ignore-empty a.wsp b.wsp | wc -l",
      "",
      "Exit status: 0 compared; 1 wrong number of paths (help is printed), a missing file or"
          + " different archives; 2 a bad option."
    })
public final class DiffCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--summary", description = "Show summary of differences.")
  boolean summary;

  @Option(names = "--ignore-empty",
      description = "Skip comparison if either value is undefined.")
  boolean ignoreEmpty;

  @Option(names = "--columns", description = "Print output in simple columns.")
  boolean columns;

  @Option(names = "--no-headers", description = "Do not print column headers.")
  boolean noHeaders;

  @Option(names = "--until", paramLabel = "TIME", converter = OptparseInt.class,
      description = "Unix epoch time of the end of your requested interval (default: now;"
          + " 0 also means now).")
  Long until;

  @Option(names = "--json", description = "Output results in JSON form.")
  boolean json;

  @Mixin ScriptArguments script;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    List<String> args = script.args();
    if (args.size() != 2) {
      return ScriptArguments.wrongCount(spec);
    }
    for (String name : args) {
      if (!Files.exists(Path.of(name))) {
        spec.commandLine().getErr().println("[ERROR] File \"" + name + "\" does not exist!");
        return 1;
      }
    }
    // whisper-diff tests `if options.until:`, so --until=0 means now.
    OptionalLong untilTime = until == null || until == 0
        ? OptionalLong.empty() : OptionalLong.of(until);
    List<ArchiveDiff> diffs = Diff.diff(Path.of(args.get(0)), Path.of(args.get(1)), ignoreEmpty,
        untilTime, script.now());
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
