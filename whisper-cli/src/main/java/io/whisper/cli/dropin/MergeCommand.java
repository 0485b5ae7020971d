package io.whisper.cli.dropin;

import io.whisper.core.Merge;
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

/** {@code whisper merge}: the drop-in for whisper-merge 1.1.4. */
@Command(
    name = "merge",
    description = {
      "Copy every known point of FROM_PATH into TO_PATH (drop-in for whisper-merge).",
      "Both files must have the same archives. Where FROM_PATH has data it overwrites TO_PATH;"
          + " data only TO_PATH has is kept; lower-precision archives are updated as carbon"
          + " would. Prints nothing on success."
    },
    customSynopsis = "whisper merge [--from=TIME] [--until=TIME] FROM_PATH TO_PATH",
    sortOptions = false,
    footerHeading = "%nExample:%n",
    footer = {
      "  whisper merge --from=$(date -d '2 days ago' +%%s) old/cpu.wsp new/cpu.wsp",
      "",
      "Exit status: 0 merged; 1 wrong number of paths (help is printed), a missing file,"
          + " different archives or --until before --from; 2 a bad option."
    })
public final class MergeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--from", paramLabel = "TIME", converter = OptparseInt.class,
      description = "Beginning of interval, unix timestamp (default: epoch).")
  Long from;

  @Option(names = "--until", paramLabel = "TIME", converter = OptparseInt.class,
      description = "End of interval, unix timestamp (default: now).")
  Long until;

  @Mixin ScriptArguments script;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    List<String> args = script.args();
    if (args.size() < 2) {
      return ScriptArguments.wrongCount(spec);
    }
    for (String name : args.subList(0, 2)) {
      if (!Files.exists(Path.of(name))) {
        err.println("[ERROR] File \"" + name + "\" does not exist!");
        return 1;
      }
    }
    Merge.merge(Path.of(args.get(0)), Path.of(args.get(1)), optional(from), optional(until),
        script.now());
    return 0;
  }

  private static OptionalLong optional(Long value) {
    return value == null ? OptionalLong.empty() : OptionalLong.of(value);
  }
}
