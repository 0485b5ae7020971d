package io.whisper.cli.dropin;

import static io.whisper.cli.support.Specs.flag;
import static io.whisper.cli.support.Specs.option;
import static io.whisper.cli.support.Specs.positionals;

import io.whisper.cli.py.PyFloat;
import io.whisper.cli.py.PyRepr;
import io.whisper.cli.support.Specs;
import io.whisper.core.InvalidTimeIntervalException;
import io.whisper.core.TimeSeries;
import io.whisper.core.WhisperFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;

/** {@code whisper fetch}: whisper-fetch's listing of one time range. */
public final class FetchCommand extends DropInCommand {
  private static final long DAY = 86400;

  private final InstantSource clock;
  private Long from;
  private Long until;
  private boolean json;
  private final TimeLabelOptions time = new TimeLabelOptions();
  private DropFilter drop;
  private List<String> paths = new ArrayList<>();

  /** Reads the wall clock, as whisper-fetch does. */
  public FetchCommand() {
    this(InstantSource.system());
  }

  /** Reads {@code clock} for "now": tests pass a fixed one. */
  public FetchCommand(InstantSource clock) {
    this.clock = clock;
  }

  @Override
  protected CommandSpec declare() {
    CommandSpec spec = time.addTo(Specs.command("fetch", this))
        .addOption(option(Long.class, v -> from = v, "--from").paramLabel("FROM")
            .converters(new OptparseInt())
            .description("Unix time the range starts after (default: 24 hours ago).").build())
        .addOption(option(Long.class, v -> until = v, "--until").paramLabel("UNTIL")
            .converters(new OptparseInt())
            .description("Unix time the range ends at (default: now).").build())
        .addOption(flag(v -> json = v, "--json").description("Print whisper-fetch's JSON.")
            .build())
        .addOption(option(DropFilter.class, v -> drop = v, "--drop")
            .paramLabel("nulls|zeroes|empty").converters(new DropFilter.Converter())
            .description("Leave out None values (nulls), zeros (zeroes) or both (empty).")
            .build())
        .addPositional(positionals(String.class, v -> paths = v).paramLabel("PATH")
            .description("The whisper file.").build());
    spec.usageMessage()
        .header("Print the values of a time range (drop-in for whisper-fetch).")
        .description(
            "Print the values of (FROM, UNTIL] from the archive whisper.py would read, as"
                + " whisper-fetch does: 'TIMESTAMP<TAB>VALUE' lines with the value as %%f or"
                + " None, or whisper-fetch's JSON.",
            "Unlike whisper-fetch 1.1.4, --drop keeps every value on its own timestamp.")
        .footer(
            "",
            "Examples:",
            "  whisper fetch a.wsp                                  # the last 24 hours",
            "  whisper fetch --from=1700000000 --until=1700003600 a.wsp",
            "  whisper fetch --json --drop=nulls a.wsp",
            "  whisper fetch --pretty -t '%%F %%T' a.wsp",
            "",
            "Exit status: 0 success, 1 no data in the range, missing or corrupt file, or FROM"
                + " after UNTIL, 2 bad option.");
    return Specs.withStandardHelp(spec);
  }

  @Override
  protected int run() {
    if (paths.size() != 1) {
      throw ScriptError.usage("whisper fetch: expected one PATH", 1);
    }
    String path = paths.getFirst();
    long now = clock.instant().getEpochSecond();
    TimeSeries series = fetch(path, from == null ? now - DAY : from, until == null ? now : until, now);
    List<Double> values = series.values();
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      List<Double> kept = drop == null ? values : values.stream().filter(drop::keeps).toList();
      out.printf("{%n    \"start\" : %d,%n    \"end\" : %d,%n    \"step\" : %d,%n    \"values\" : %s%n  }%n",
          series.start(), series.end(), series.step(),
          PyRepr.repr(kept).replace("None", "null"));
      out.flush();
      return 0;
    }
    TimeLabels labels = time.labels();
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      Double value = values.get(i);
      if (drop != null && !drop.keeps(value)) {
        continue;
      }
      lines.append(labels.label(series.timestampAt(i))).append('\t')
          .append(value == null ? "None" : PyFloat.percentF(value)).append('\n');
      if (lines.length() > 65536) {
        out.print(lines);
        lines.setLength(0);
        if (outputClosed()) {
          return 141; // stdout closed (| head): stop as the script's SIGPIPE death does.
        }
      }
    }
    out.print(lines);
    out.flush();
    return 0;
  }

  private static TimeSeries fetch(String path, long from, long until, long now) {
    try (WhisperFile file = WhisperFile.open(Path.of(path), WhisperFile.Options.READ_ONCE)) {
      Optional<TimeSeries> series = file.fetch(from, until, now);
      if (series.isEmpty()) {
        throw ScriptError.plain("No data in selected timerange");
      }
      return series.get();
    } catch (InvalidTimeIntervalException e) {
      throw ScriptError.error(e.getMessage(), e);
    } catch (IOException e) {
      throw ScriptError.error(PythonErrors.describe(e, path), e);
    }
  }
}
