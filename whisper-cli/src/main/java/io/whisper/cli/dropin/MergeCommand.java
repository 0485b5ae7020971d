package io.whisper.cli.dropin;

import static io.whisper.cli.support.Specs.option;

import io.whisper.cli.support.Specs;
import io.whisper.core.Merge;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code whisper merge}: the drop-in for whisper-merge 1.1.4. */
public final class MergeCommand implements Callable<Integer>, ScriptOptions {

  final ScriptArguments script = new ScriptArguments();
  private Long from;
  private Long until;
  private final CommandSpec spec = declare();

  private CommandSpec declare() {
    CommandSpec spec = Specs.command("merge", this)
        .addOption(option(Long.class, v -> from = v, "--from").paramLabel("TIME")
            .converters(new OptparseInt())
            .description("Beginning of interval, unix timestamp (default: epoch).").build())
        .addOption(option(Long.class, v -> until = v, "--until").paramLabel("TIME")
            .converters(new OptparseInt())
            .description("End of interval, unix timestamp (default: now).").build());
    spec.usageMessage()
        .description(
            "Copy every known point of FROM_PATH into TO_PATH (drop-in for whisper-merge).",
            "Both files must have the same archives. Where FROM_PATH has data it overwrites"
                + " TO_PATH; data only TO_PATH has is kept; lower-precision archives are updated"
                + " as carbon would. Prints nothing on success.")
        .customSynopsis("whisper merge [--from=TIME] [--until=TIME] FROM_PATH TO_PATH")
        .sortOptions(false)
        .footerHeading("%nExample:%n")
        .footer(
            "  whisper merge --from=$(date -d '2 days ago' +%%s) old/cpu.wsp new/cpu.wsp",
            "",
            "Exit status: 0 merged; 1 wrong number of paths (help is printed), a missing file,"
                + " different archives or --until before --from; 2 a bad option.");
    return script.addTo(spec);
  }

  @Override
  public CommandSpec spec() {
    return spec;
  }

  @Override
  public Integer call() throws Exception {
    List<String> args = script.args();
    if (args.size() < 2) {
      return ScriptArguments.wrongCount(spec);
    }
    if (ScriptArguments.reportMissing(spec, args.subList(0, 2))) {
      return 1;
    }
    Merge.merge(Path.of(args.get(0)), Path.of(args.get(1)),
        new Merge.Request(script.now(), optional(from), optional(until)));
    return 0;
  }

  private static OptionalLong optional(Long value) {
    return value == null ? OptionalLong.empty() : OptionalLong.of(value);
  }
}
