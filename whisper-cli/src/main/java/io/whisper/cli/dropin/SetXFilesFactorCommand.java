package io.whisper.cli.dropin;

import static io.whisper.cli.support.Specs.positional;

import io.whisper.cli.py.PyFloat;
import io.whisper.cli.support.Specs;
import io.whisper.core.Aggregation;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;

/** {@code whisper set-xfilesfactor}: whisper-set-xfilesfactor's header change. */
public final class SetXFilesFactorCommand extends DropInCommand {

  private String name;
  private double xFilesFactor;

  @Override
  protected CommandSpec declare() {
    CommandSpec spec = Specs.command("set-xfilesfactor", this)
        .addPositional(positional(String.class, v -> name = v).index("0").paramLabel("PATH")
            .description("The whisper file.").build())
        .addPositional(positional(double.class, v -> xFilesFactor = v).index("1")
            .paramLabel("XFF").converters(new OptparseFloat())
            .description("The new xFilesFactor, between 0 and 1.").build());
    spec.usageMessage()
        .header("Change a file's xFilesFactor (drop-in for whisper-set-xfilesfactor).")
        .description(
            "Change a whisper file's xFilesFactor, the fraction of known points a lower archive"
                + " needs before it stores an aggregate, as whisper-set-xfilesfactor does. Only"
                + " the 16 metadata bytes are rewritten, under flock(2). NaN is refused.")
        .footer(
            "",
            "Examples:",
            "  whisper set-xfilesfactor a.wsp 0.3     # Updated xFilesFactor: a.wsp (0.5 -> 0.3)",
            "  whisper set-xfilesfactor a.wsp 0",
            "",
            "Exit status: 0 success, 1 missing or corrupt file or XFF outside [0, 1], 2 bad or"
                + " missing argument.");
    return Specs.withStandardHelp(spec);
  }

  @Override
  protected int run() {
    AggregationChange.requireFile(name);
    Aggregation old = AggregationChange.apply(
        name, Optional.empty(), Optional.of(XFilesFactors.check(xFilesFactor)));
    spec.commandLine().getOut().println("Updated xFilesFactor: " + name + " ("
        + PyFloat.repr(old.xFilesFactor()) + " -> " + PyFloat.repr(xFilesFactor) + ")");
    spec.commandLine().getOut().flush();
    return 0;
  }
}
