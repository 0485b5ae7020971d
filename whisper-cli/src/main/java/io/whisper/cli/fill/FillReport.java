package io.whisper.cli.fill;

import io.whisper.cli.py.PyJson;
import io.whisper.cli.support.Progress;
import io.whisper.cli.support.SafeText;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Counts the outcomes of a fill and prints them: each failure on stderr with its reason, each
 * copied or skipped file on stdout, or with {@code --json} one record per file on stdout; and a
 * summary at the end, as fsck and move do: a line on stderr, or with {@code --json} the last
 * object on stdout.
 */
public final class FillReport {
  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean json;
  private final boolean dryRun;
  private final Progress progress;
  private long files;
  private long filled;
  private long slots;
  private long complete;
  private long copied;
  private long skipped;
  private long failed;

  /** Prints on {@code out} and {@code err}, each line on a line of its own beside {@code progress}. */
  public FillReport(
      PrintWriter out, PrintWriter err, boolean json, boolean dryRun, Progress progress) {
    this.out = out;
    this.err = err;
    this.json = json;
    this.dryRun = dryRun;
    this.progress = progress;
  }

  /** Counts and prints one file's outcome. */
  public void add(PairOutcome outcome) {
    files++;
    // instanceof, not a pattern switch (docs/startup.md).
    if (outcome instanceof PairOutcome.Filled f) {
      if (f.total() > 0) {
        filled++;
        slots += f.total();
      } else {
        complete++;
      }
    } else if (outcome instanceof PairOutcome.Copied c) {
      copied++;
      record((dryRun ? "would copy " : "copied ") + c.path());
    } else if (outcome instanceof PairOutcome.Skipped s) {
      skipped++;
      record("skipped " + s.path() + ": missing (--copy-missing copies it)");
    } else if (outcome instanceof PairOutcome.Failed f) {
      failed++;
      text(err, "whisper fill: " + f.reason());
    }
    if (json) {
      progress.println(out, PyJson.dumps(record(outcome)));
    }
  }

  /** Counts a failure that is not about one pair, such as a folder that cannot be listed. */
  public void problem(String reason) {
    failed++;
    text(err, "whisper fill: " + reason);
  }

  private static Map<String, Object> record(PairOutcome outcome) {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("path", outcome.path().toString());
    if (outcome instanceof PairOutcome.Filled f) {
      record.put("status", f.total() > 0 ? "filled" : "complete");
      record.put("slots", f.slots());
    } else if (outcome instanceof PairOutcome.Failed f) {
      record.put("status", "failed");
      record.put("error", f.reason());
    } else {
      record.put("status", outcome instanceof PairOutcome.Copied ? "copied" : "skipped");
    }
    return record;
  }

  // A file's line on stdout, in text mode only (--json has the record).
  private void record(String line) {
    if (!json) {
      text(out, line);
    }
  }

  // Text output names files: escaped (SafeText), so a name cannot split a line or drive a terminal.
  private void text(PrintWriter to, String line) {
    progress.println(to, SafeText.line(line));
  }

  /** Prints the summary: a line on stderr, or with {@code --json} the last object on stdout. */
  public void summary(double seconds, int exitStatus) {
    if (json) {
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("summary", true);
      summary.put("files", files);
      summary.put("filled", filled);
      summary.put("slots", slots);
      summary.put("complete", complete);
      summary.put("copied", copied);
      summary.put("skipped", skipped);
      summary.put("failed", failed);
      summary.put("dry_run", dryRun);
      summary.put("seconds", Math.round(seconds * 1000) / 1000.0);
      summary.put("exit", exitStatus);
      progress.println(out, PyJson.dumps(summary));
    } else {
      text(err, String.format(Locale.ROOT,
          "whisper fill: %s%d file%s: %d filled (%d slot%s), %d complete, %d copied,"
              + " %d skipped, %d failed in %.2f s",
          dryRun ? "dry run, nothing written: " : "", files, files == 1 ? "" : "s", filled,
          slots, slots == 1 ? "" : "s", complete, copied, skipped, failed, seconds));
    }
    out.flush();
    err.flush();
  }

  /** Returns the number of failures so far. */
  public long failures() {
    return failed;
  }
}
