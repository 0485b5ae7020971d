package io.whisper.cli.dropin;

import io.whisper.cli.py.PyParse;
import io.whisper.core.Aggregation;
import io.whisper.core.AggregationMethod;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code whisper set-aggregation-method}: whisper-set-aggregation-method's header change. */
@Command(
    name = "set-aggregation-method",
    header = "Change a file's aggregation method (drop-in for whisper-set-aggregation-method).",
    description = {
      "Change a whisper file's aggregation method, and its xFilesFactor when one is given,"
          + " as whisper-set-aggregation-method does. Only the 16 metadata bytes are rewritten,"
          + " under flock(2); data already aggregated keeps its old values.",
      "METHOD is average, sum, last, max, min, avg_zero, absmax or absmin."
    },
    footer = {
      "",
      "Examples:",
      "  whisper set-aggregation-method requests.wsp sum",
      "  whisper set-aggregation-method latency.wsp max 0.1",
      "",
      "Exit status: 0 success, 1 missing or corrupt file, unknown method or bad xFilesFactor,"
          + " 2 bad option."
    })
public final class SetAggregationMethodCommand extends DropInCommand {

  @Parameters(paramLabel = "PATH METHOD [XFF]",
      description = "The file, the new method and optionally the new xFilesFactor.")
  List<String> args = new ArrayList<>();

  @Override
  protected int run() {
    if (args.size() < 2 || args.size() > 3) {
      throw ScriptError.usage("whisper set-aggregation-method: expected PATH METHOD [XFF]", 1);
    }
    String name = args.get(0);
    AggregationChange.requireFile(name);
    AggregationMethod method = method(args.get(1));
    Double xff = args.size() == 3 ? XFilesFactors.check(parseXff(args.get(2))) : null;
    Aggregation old = AggregationChange.apply(name, method, xff);
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
