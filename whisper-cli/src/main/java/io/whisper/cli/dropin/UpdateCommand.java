package io.whisper.cli.dropin;

import static io.whisper.cli.support.Specs.optionalPositional;
import static io.whisper.cli.support.Specs.positionals;

import io.whisper.cli.py.PyParse;
import io.whisper.cli.support.Specs;
import io.whisper.core.Point;
import io.whisper.core.TimestampNotCoveredException;
import io.whisper.core.WhisperFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** {@code whisper update}: whisper-update's writes of TIMESTAMP:VALUE points. */
public final class UpdateCommand extends DropInCommand {

  private final InstantSource clock;
  private final InputStream stdin;
  private String path;
  private List<String> pointArgs = new ArrayList<>();

  /** Reads the wall clock and standard input, as whisper-update does. */
  public UpdateCommand() {
    this(InstantSource.system(), System.in);
  }

  /** Reads {@code clock} for "now" and points from {@code stdin}: tests pass their own. */
  public UpdateCommand(InstantSource clock, InputStream stdin) {
    this.clock = clock;
    this.stdin = stdin;
  }

  @Override
  protected CommandSpec declare() {
    CommandSpec spec = Specs.command("update", this)
        .addPositional(optionalPositional(String.class, v -> path = v).index("0")
            .paramLabel("PATH").description("The whisper file.").build())
        .addPositional(positionals(String.class, v -> pointArgs = v).index("1..*")
            .paramLabel("TIMESTAMP:VALUE")
            .description("Points; a Unix time or N (now), and a float (nan and inf allowed).")
            .build());
    spec.usageMessage()
        .header("Write points to a whisper file (drop-in for whisper-update).")
        .description(
            "Write points to a whisper file as whisper-update does. One point is written with"
                + " whisper.py's update(), which refuses a point in the future or older than the"
                + " file's retention; several with update_many(), which drops points older than"
                + " the retention. 'N:' in a point stands for the current time.",
            "With only PATH, points are read from standard input, one TIMESTAMP:VALUE a line"
                + " (blank lines are skipped), as the current upstream whisper-update does.",
            "The file is locked with flock(2) while it is written, so carbon's writes wait.")
        .footer(
            "",
            "Examples:",
            "  whisper update a.wsp N:42",
            "  whisper update a.wsp 1700000000:1.5 1700000060:2.5",
            "  printf '%%s\\n' 1700000000:1.5 1700000060:nan | whisper update a.wsp",
            "",
            "Exit status: 0 success, 1 bad point, missing or corrupt file or a point not"
                + " covered, 2 bad option.");
    return Specs.withStandardHelp(spec);
  }

  @Override
  protected int run() {
    if (path == null) {
      throw ScriptError.usage("whisper update: missing PATH", 1);
    }
    long now = clock.instant().getEpochSecond();
    List<String> texts = pointArgs.isEmpty() ? readStdin() : pointArgs;
    List<Point> points = new ArrayList<>(texts.size());
    for (String text : texts) {
      points.add(parse(text, now));
    }
    if (points.isEmpty()) {
      return 0; // update_many([]) returns before it opens the file
    }
    try (WhisperFile file = WhisperFile.openForUpdate(Path.of(path))) {
      if (points.size() == 1) {
        file.update(points.getFirst().value(), points.getFirst().timestamp(), now);
      } else {
        file.updateMany(points, now);
      }
    } catch (TimestampNotCoveredException e) {
      throw ScriptError.error(e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw ScriptError.error(e.getMessage() + " (" + path + ")", e);
    } catch (IOException e) {
      throw ScriptError.error(PythonErrors.describe(e, path), e);
    }
    return 0;
  }

  /** The script's {@code point.replace('N:', '%d:' % now).split(':')}, then int() and float(). */
  private static Point parse(String text, long now) {
    String[] parts = text.replace("N:", now + ":").split(":", -1);
    if (parts.length != 2) {
      throw ScriptError.error("invalid point " + quote(text) + ": "
          + (parts.length < 2 ? "not enough values to unpack (expected 2, got 1)"
              : "too many values to unpack (expected 2)"));
    }
    try {
      double value = PyParse.parseFloat(parts[1]);
      return new Point(PyParse.parseInt(parts[0]), value);
    } catch (NumberFormatException | ArithmeticException e) {
      throw ScriptError.error("invalid point " + quote(text) + ": " + e.getMessage(), e);
    }
  }

  private static String quote(String text) {
    return "'" + text + "'";
  }

  private List<String> readStdin() {
    List<String> lines = new ArrayList<>();
    try {
      BufferedReader reader =
          new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isBlank()) {
          lines.add(line);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return lines;
  }
}
