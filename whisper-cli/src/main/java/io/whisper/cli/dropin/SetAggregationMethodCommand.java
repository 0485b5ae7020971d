package io.whisper.cli.dropin;

import static io.whisper.cli.support.Specs.positionals;

import io.whisper.cli.py.PyParse;
import io.whisper.cli.support.Specs;
import io.whisper.core.Aggregation;
import io.whisper.core.AggregationMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;

/** {@code whisper set-aggregation-method}: whisper-set-aggregation-method's header change. */
public final class SetAggregationMethodCommand extends DropInCommand {

  private List<String> args = new ArrayList<>();

  @Override
  protected CommandSpec declare() {
    CommandSpec spec = Specs.command("set-aggregation-method", this)
        .addPositional(positionals(String.class, v -> args = v).paramLabel("PATH METHOD [XFF]")
            .description("The file, the new method and optionally the new xFilesFactor.")
            .build());
    spec.usageMessage()
        .header("Change a file's aggregation method"
            + " (drop-in for whisper-set-aggregation-method).")
        .description(
            "Change a whisper file's aggregation method, and its xFilesFactor when one is given,"
                + " as whisper-set-aggregation-method does. Only the 16 metadata bytes are"
                + " rewritten, under flock(2); data already aggregated keeps its old values.",
            "METHOD is average, sum, last, max, min, avg_zero, absmax or absmin.")
        .footer(
            "",
            "Examples:",
            "  whisper set-aggregation-method requests.wsp sum",
            "  whisper set-aggregation-method latency.wsp max 0.1",
            "",
            "Exit status: 0 success, 1 missing or corrupt file, unknown method or bad"
                + " xFilesFactor, 2 bad option.");
    return Specs.withStandardHelp(spec);
  }

  @Override
  protected int run() {
    if (args.size() < 2 || args.size() > 3) {
      throw ScriptError.usage("whisper set-aggregation-method: expected PATH METHOD [XFF]", 1);
    }
    String name = args.get(0);
    AggregationChange.requireFile(name);
    AggregationMethod method = method(args.get(1));
    Optional<Double> xff = args.size() == 3
        ? Optional.of(XFilesFactors.check(parseXff(args.get(2)))) : Optional.empty();
    Aggregation old = AggregationChange.apply(name, Optional.of(method), xff);
    spec.commandLine().getOut().println("Updated aggregation method: " + name + " ("
        + old.method().pythonName() + " -> " + args.get(1) + ")");
    spec.commandLine().getOut().flush();
    return 0;
  }

  private static AggregationMethod method(String name) {
    try {
      return AggregationMethod.fromName(name);
    } catch (IllegalArgumentException e) {
      throw ScriptError.error(e.getMessage(), e);
    }
  }

  private static double parseXff(String text) {
    try {
      return PyParse.parseFloat(text);
    } catch (NumberFormatException e) {
      throw ScriptError.error("Invalid xFilesFactor " + text + ", not a float", e);
    }
  }
}
