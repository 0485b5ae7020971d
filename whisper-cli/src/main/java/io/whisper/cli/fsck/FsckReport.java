package io.whisper.cli.fsck;

import io.whisper.cli.py.PyJson;
import io.whisper.cli.support.Progress;
import io.whisper.cli.support.SafeText;
import io.whisper.core.Finding;
import io.whisper.core.fsck.CheckResult;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes fsck's output: one line (or one JSON object) per file with a problem, healthy files
 * only when verbose, and a summary at the end (stderr as text, or stdout as a JSON object).
 */
public final class FsckReport {
  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean json;
  private final boolean verbose;
  private final Progress progress;

  /** Prints on {@code out} and {@code err}, each line on a line of its own beside {@code progress}. */
  public FsckReport(
      PrintWriter out, PrintWriter err, boolean json, boolean verbose, Progress progress) {
    this.out = out;
    this.err = err;
    this.json = json;
    this.verbose = verbose;
    this.progress = progress;
  }

  /** Reports one checked file; {@code action} is null when no fix was asked for. */
  public void file(CheckResult result, FixAction action) {
    if (result instanceof CheckResult.Healthy && !verbose) {
      return;
    }
    if (json) {
      progress.println(out, compact(fileObject(result, action)));
    } else {
      String line = result.path() + ": " + describe(result);
      text(out, action == null ? line : line + "; " + action.describe());
    }
  }

  /** Reports a path that could not be checked at all (missing argument, unreadable folder). */
  public void pathError(String path, String reason) {
    text(err, "whisper fsck: " + path + ": " + reason);
  }

  /** Writes the summary of the whole run. */
  public void summary(FsckTally.Counts counts, double seconds, int exitStatus) {
    if (json) {
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("summary", true);
      summary.put("files", counts.files());
      summary.put("bytes", counts.bytes());
      summary.put("corrupt", counts.corrupt());
      summary.put("warnings", counts.warnings());
      summary.put("compressed", counts.compressed());
      summary.put("corrected", counts.corrected());
      summary.put("uncorrected", counts.uncorrected());
      summary.put("errors", counts.operationalErrors());
      summary.put("interrupted", counts.interrupted());
      summary.put("seconds", Math.round(seconds * 1000) / 1000.0);
      summary.put("exit", exitStatus);
      progress.println(out, compact(summary));
    } else {
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
          "whisper fsck: %s%d files (%s) checked in %.1f s: %d corrupt",
          counts.interrupted() ? "interrupted; " : "", counts.files(), bytes(counts.bytes()),
          seconds, counts.corrupt()));
      if (counts.corrected() > 0 || counts.uncorrected() != counts.corrupt()) {
        line.append(String.format(Locale.ROOT, " (%d moved, %d left)",
            counts.corrected(), counts.uncorrected()));
      }
      line.append(String.format(Locale.ROOT, ", %d with warnings", counts.warnings()));
      if (counts.compressed() > 0) {
        line.append(String.format(Locale.ROOT, ", %d compressed", counts.compressed()));
      }
      if (counts.operationalErrors() > 0) {
        line.append(String.format(Locale.ROOT, ", %d errors", counts.operationalErrors()));
      }
      text(err, line.toString());
    }
    out.flush();
    err.flush();
  }

  // Text output names files: escaped (SafeText), so a name cannot split a line or drive a terminal.
  private void text(PrintWriter to, String line) {
    progress.println(to, SafeText.line(line));
  }

  /** Returns the first problem of a result in plain words. */
  static String describe(CheckResult result) {
    return switch (result) {
      case CheckResult.Healthy h -> "ok";
      case CheckResult.Warnings w -> "warning: " + firstOf(w.findings());
      case CheckResult.Corrupt c -> firstOf(c.findings());
      case CheckResult.Compressed c -> String.format(Locale.ROOT,
          "go-whisper compressed file (cwhisper, version %d), not checked", c.version());
      case CheckResult.Unreadable u -> "cannot read: " + u.reason();
    };
  }

  private static String firstOf(List<Finding> findings) {
    String first = findings.getFirst().message();
    int more = findings.size() - 1;
    return more == 0 ? first
        : String.format(Locale.ROOT, "%s (and %d more problem%s)", first, more,
            more == 1 ? "" : "s");
  }

  private static Map<String, Object> fileObject(CheckResult result, FixAction action) {
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("path", result.path().toString());
    object.put("status", switch (result) {
      case CheckResult.Healthy h -> "ok";
      case CheckResult.Warnings w -> "warning";
      case CheckResult.Corrupt c -> "corrupt";
      case CheckResult.Compressed c -> "compressed";
      case CheckResult.Unreadable u -> "unreadable";
    });
    object.put("size", result.size());
    List<Finding> findings = switch (result) {
      case CheckResult.Warnings w -> w.findings();
      case CheckResult.Corrupt c -> c.findings();
      default -> List.of();
    };
    if (!findings.isEmpty()) {
      object.put("problem", findings.getFirst().problem().id());
      object.put("message", findings.getFirst().message());
      List<Object> all = new ArrayList<>();
      for (Finding f : findings) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("problem", f.problem().id());
        item.put("row", f.problem().specRow());
        item.put("severity", f.severity().name().toLowerCase(Locale.ROOT));
        item.put("message", f.message());
        all.add(item);
      }
      object.put("findings", all);
    }
    if (result instanceof CheckResult.Compressed c) {
      object.put("version", c.version());
    }
    if (result instanceof CheckResult.Unreadable u) {
      object.put("message", u.reason());
    }
    if (action != null) {
      object.put("action", action.id());
      switch (action) {
        case FixAction.Moved m -> object.put("to", m.to().toString());
        case FixAction.WouldMove m -> object.put("to", m.to().toString());
        case FixAction.LeftAlone l -> object.put("reason", l.reason());
        case FixAction.Failed f -> object.put("reason", f.reason());
      }
    }
    return object;
  }

  private static String compact(Object value) {
    return PyJson.dumps(value, null, ",", ":", false);
  }

  private static String bytes(long bytes) {
    if (bytes < 1024) {
      // concat, not +: no training prints a size under 1 KiB (docs/startup.md).
      return Long.toString(bytes).concat(" B");
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit + 1 < units.length) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}
