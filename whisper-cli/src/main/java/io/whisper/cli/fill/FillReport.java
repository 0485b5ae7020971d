package io.whisper.cli.fill;

import io.whisper.cli.py.PyJson;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Counts the outcomes of a fill and prints them: each failure on stderr with its reason, each
 * copied or skipped file on stdout, or with {@code --json} one record per file on stdout; and a
 * summary at the end (on stderr with {@code --json}, so stdout stays JSON lines).
 */
public final class FillReport {
  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean json;
  private final boolean dryRun;
  private long files;
  private long filled;
  private long slots;
  private long complete;
  private long copied;
  private long skipped;
  private long failed;

  public FillReport(PrintWriter out, PrintWriter err, boolean json, boolean dryRun) {
    this.out = out;
    this.err = err;
    this.json = json;
    this.dryRun = dryRun;
  }

  /** Counts and prints one file's outcome. */
  public void add(PairOutcome outcome) {
    files++;
    switch (outcome) {
      case PairOutcome.Filled f when f.total() > 0 -> {
        filled++;
        slots += f.total();
      }
      case PairOutcome.Filled f -> complete++;
      case PairOutcome.Copied c -> {
        copied++;
        text("%s %s", dryRun ? "would copy" : "copied", c.path());
      }
      case PairOutcome.Skipped s -> {
        skipped++;
        text("skipped %s: missing (--copy-missing copies it)", s.path());
      }
      case PairOutcome.Failed f -> {
        failed++;
        err.println("whisper fill: " + f.reason());
      }
    }
    if (json) {
      out.println(PyJson.dumps(record(outcome)));
    }
  }

  /** Counts a failure that is not about one pair, such as a folder that cannot be listed. */
  public void problem(String reason) {
    failed++;
    err.println("whisper fill: " + reason);
  }

  private static Map<String, Object> record(PairOutcome outcome) {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("path", outcome.path().toString());
    switch (outcome) {
      case PairOutcome.Filled f -> {
        record.put("status", f.total() > 0 ? "filled" : "complete");
        record.put("slots", f.slots());
      }
      case PairOutcome.Copied c -> record.put("status", "copied");
      case PairOutcome.Skipped s -> record.put("status", "skipped");
      case PairOutcome.Failed f -> {
        record.put("status", "failed");
        record.put("error", f.reason());
      }
    }
    return record;
  }

  private void text(String format, Object... args) {
    if (!json) {
      out.println(String.format(Locale.ROOT, format, args));
    }
  }

  /** Prints the summary line. */
  public void summary(double seconds) {
    String line = String.format(Locale.ROOT,
        "%s%d file%s: %d filled (%d slot%s), %d complete, %d copied, %d skipped, %d failed"
            + " in %.2f s",
        dryRun ? "dry run, nothing written: " : "", files, files == 1 ? "" : "s", filled, slots,
        slots == 1 ? "" : "s", complete, copied, skipped, failed, seconds);
    (json ? err : out).println(line);
    out.flush();
    err.flush();
  }

  /** Returns the number of failures so far. */
  public long failures() {
    return failed;
  }
}
