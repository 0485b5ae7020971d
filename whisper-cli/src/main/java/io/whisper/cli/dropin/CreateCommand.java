package io.whisper.cli.dropin;

import static io.whisper.cli.support.Specs.flag;
import static io.whisper.cli.support.Specs.option;
import static io.whisper.cli.support.Specs.positionals;

import io.whisper.cli.py.PyFloat;
import io.whisper.cli.support.Specs;
import io.whisper.core.AggregationMethod;
import io.whisper.core.Allocation;
import io.whisper.core.Retention;
import io.whisper.core.Whisper;
import io.whisper.core.os.SafeCopy;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** {@code whisper create}: whisper-create's file creation and size estimate. */
public final class CreateCommand extends DropInCommand {
  private static final long[] THOUSANDS_OF_METRICS = {1, 5, 10, 50, 100, 500};

  private double xFilesFactor;
  private String aggregationMethod;
  private boolean overwrite;
  private boolean estimate;
  private boolean sparse;
  private boolean fallocate;
  private List<String> args = new ArrayList<>();

  @Override
  protected CommandSpec declare() {
    CommandSpec spec = Specs.command("create", this)
        .addOption(option(double.class, v -> xFilesFactor = v, "--xFilesFactor",
                "--x-files-factor")
            .paramLabel("XFF").converters(new OptparseFloat()).defaultValue("0.5")
            .description("Fraction of known points a lower archive needs (default: 0.5).")
            .build())
        .addOption(option(String.class, v -> aggregationMethod = v, "--aggregationMethod",
                "--aggregation-method")
            .paramLabel("METHOD").defaultValue("average")
            .description("average, sum, last, max, min, avg_zero, absmax or absmin"
                + " (default: average).").build())
        .addOption(flag(v -> overwrite = v, "--overwrite")
            .description("Replace an existing file.").build())
        .addOption(flag(v -> estimate = v, "--estimate")
            .description("Create nothing; print the size of a file with these archives.")
            .build())
        .addOption(flag(v -> sparse = v, "--sparse")
            .description("Create a sparse file (no zeros written).").build())
        .addOption(flag(v -> fallocate = v, "--fallocate")
            .description("Allocate the file's blocks with fallocate(2).").build())
        .addPositional(positionals(String.class, v -> args = v).paramLabel("PATH RETENTION")
            .description("The file to create, then its archives.").build());
    spec.usageMessage()
        .header("Create a whisper file or estimate its size (drop-in for whisper-create).")
        .description(
            "Create a whisper file with the given archives, as whisper-create does, or with"
                + " --estimate print the size such files take. RETENTION is"
                + " SECONDS_PER_POINT:POINTS, each with an optional unit (s, m/min, h, d, w, y):"
                + " 60:1440 is one day of minutes, 15m:8 two hours of quarter hours, 1h:7d a"
                + " week of hours.",
            "Everything is checked before anything is written, the file appears complete or"
                + " not at all, and a retention with no points is refused. --overwrite replaces"
                + " an existing file in one rename, after every check has passed.")
        .footer(
            "",
            "Examples:",
            "  whisper create a.wsp 1m:1d 5m:30d 1h:2y",
            "  whisper create --xFilesFactor=0 --aggregationMethod=sum req.wsp 10s:6h 1m:30d",
            "  whisper create --estimate 60:1440,5m:1y",
            "",
            "Exit status: 0 success, 1 bad retention, method or xFilesFactor, or the file"
                + " exists, 2 bad option.");
    return Specs.withStandardHelp(spec);
  }

  @Override
  protected int run() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    if (estimate) {
      return estimate(out);
    }
    if (args.size() < 2) {
      throw ScriptError.usage("whisper create: expected PATH and at least one RETENTION", 1);
    }
    String name = args.getFirst();
    Path path = Path.of(name);
    List<Retention> archives = new ArrayList<>();
    for (String definition : args.subList(1, args.size())) {
      archives.add(parse(definition));
    }
    boolean exists = Files.exists(path);
    try {
      Retention.validate(archives);
      if (exists && !overwrite) {
        throw ScriptError.error("File " + name + " already exists!");
      }
      AggregationMethod method = AggregationMethod.fromName(aggregationMethod);
      XFilesFactors.check(xFilesFactor);
      Allocation allocation = fallocate ? Allocation.FALLOCATE
          : sparse ? Allocation.SPARSE : Allocation.ZERO_FILL;
      if (exists) {
        out.println("Overwriting existing file: " + name);
        out.flush();
        replace(path, archives, method, allocation);
      } else {
        Whisper.create(path, archives, xFilesFactor, method, allocation, false);
      }
    } catch (IllegalArgumentException e) {
      throw ScriptError.error(e.getMessage(), e);
    } catch (IOException e) {
      throw ScriptError.error(PythonErrors.describe(e, name), e);
    }
    out.println("Created: " + name + " (" + Files.size(path) + " bytes)");
    out.flush();
    return 0;
  }

  // whisper-create unlinks the old file and then creates the new one, losing the old file when
  // the creation fails and leaving carbon a moment with no file; we build the new file next to
  // it and rename it over the old one.
  private void replace(Path path, List<Retention> archives, AggregationMethod method,
      Allocation allocation) throws IOException {
    Path temp = SafeCopy.temporaryBeside(path);
    try {
      Whisper.create(temp, archives, xFilesFactor, method, allocation, true);
      Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private int estimate(PrintWriter out) {
    if (args.isEmpty()) {
      throw ScriptError.usage("whisper create: --estimate needs at least one RETENTION", 1);
    }
    List<String> definitions = args;
    if (args.size() == 1 && args.getFirst().indexOf(',') > 0) {
      definitions = List.of(args.getFirst().split(",", -1));
    }
    long archives = 0;
    long totalPoints = 0;
    for (String definition : definitions) {
      Retention retention = parse(definition);
      out.println("Archive " + archives + ": " + retention.points() + " points of "
          + retention.secondsPerPoint() + "s precision");
      archives++;
      totalPoints += retention.points();
    }
    long size = 16 + archives * 12 + totalPoints * 12;
    long diskSize = (long) Math.ceil(size / 4096.0) * 4096;
    out.println();
    out.println("Estimated Whisper DB Size: " + byteFormat(size) + " (" + diskSize
        + " bytes on disk with 4k blocks)");
    out.println();
    for (long thousands : THOUSANDS_OF_METRICS) {
      out.println("Estimated storage requirement for " + thousands + "k metrics: "
          + byteFormat(thousands * 1000 * diskSize));
    }
    out.flush();
    return 0;
  }

  // whisper-create's byte_format: "%.3f" with units bytes, KB, MB, GB in steps of 1024.
  private static String byteFormat(long bytes) {
    double num = bytes;
    for (String unit : new String[] {"bytes", "KB", "MB"}) {
      if (num < 1024.0) {
        return PyFloat.percentF(num, 3) + unit;
      }
      num /= 1024.0;
    }
    return PyFloat.percentF(num, 3) + "GB";
  }

  private static Retention parse(String definition) {
    try {
      return Retention.parse(definition);
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw ScriptError.error(e.getMessage(), e);
    }
  }
}
