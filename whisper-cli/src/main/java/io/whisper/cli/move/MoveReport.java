package io.whisper.cli.move;

import io.whisper.cli.py.PyJson;
import io.whisper.cli.support.ExitCodes;
import io.whisper.cli.support.Progress;
import io.whisper.cli.support.SafeText;
import io.whisper.core.MoveResult;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes move's output and counts the outcomes: a record per move (JSON, or a line for a
 * failure or a dry run), and for many moves a summary, as fsck and fill (a line on stderr, or
 * with --json the last object on stdout). Each line names a file and so is escaped
 * (SafeText): a name cannot split it or drive a terminal.
 */
final class MoveReport {
  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean json;
  private final boolean dryRun;
  private long renamed;
  private long copied;
  private long merged;
  private long failed;

  MoveReport(PrintWriter out, PrintWriter err, boolean json, boolean dryRun) {
    this.out = out;
    this.err = err;
    this.json = json;
    this.dryRun = dryRun;
  }

  /** Counts one failure that is no move's (a folder the walk could not list), named on err. */
  void problem(String message) {
    failed++;
    err.println(SafeText.line("whisper move: " + message));
  }

  /** Whether anything failed. */
  boolean anyFailed() {
    return failed > 0;
  }

  /** Counts and reports the outcome of {@code job}. */
  void add(MoveJob job, MoveResult result, Progress progress) {
    count(result);
    if (json) {
      progress.println(out, PyJson.dumps(record(job, result)));
    } else if (result instanceof MoveResult.Failed failure) {
      progress.println(err, SafeText.line("whisper move: "
          + (job.line() != null ? "line " + job.line() + ": " : "")
          + (failure.source() != null
              ? failure.source() + " -> " + failure.destination() + ": " : "")
          + failure.reason()));
    } else if (result.dryRun()) {
      String verb = result instanceof MoveResult.Renamed ? "rename"
          : result instanceof MoveResult.Copied ? "copy" : "merge";
      progress.println(out, SafeText.line("would " + verb + " " + result.source() + " -> "
          + result.destination()
          + (result instanceof MoveResult.Merged m ? " (" + m.slotsFilled() + " slots to fill)"
              : "")));
    }
  }

  /** Prints the summary of many moves. */
  void summary(Progress progress) {
    if (json) {
      progress.println(out, PyJson.dumps(summaryObject()));
    } else {
      progress.println(err, "whisper move: " + (dryRun ? "would move " : "moved ")
          + (renamed + copied + merged) + ": " + renamed + " renamed, " + copied + " copied, "
          + merged + " merged; " + failed + " failed");
    }
  }

  private void count(MoveResult result) {
    if (result instanceof MoveResult.Renamed) {
      renamed++;
    } else if (result instanceof MoveResult.Copied) {
      copied++;
    } else if (result instanceof MoveResult.Merged) {
      merged++;
    } else {
      failed++;
    }
  }

  private static Map<String, Object> record(MoveJob job, MoveResult result) {
    Map<String, Object> record = new LinkedHashMap<>();
    if (job.line() != null) {
      record.put("line", job.line());
    }
    record.put("source", result.source() == null ? null : result.source().toString());
    record.put("destination",
        result.destination() == null ? null : result.destination().toString());
    record.put("action", result.action());
    if (result instanceof MoveResult.Failed failure) {
      record.put("status", "failed");
      record.put("error", failure.reason());
    } else if (result instanceof MoveResult.Copied copy) {
      record.put("status", copy.dryRun() ? "dry-run" : "ok");
      record.put("slots_carried", copy.slotsCarried());
    } else if (result instanceof MoveResult.Merged merge) {
      record.put("status", merge.dryRun() ? "dry-run" : "ok");
      record.put("slots_filled", merge.slotsFilled());
    } else if (result instanceof MoveResult.Renamed rename) {
      record.put("status", rename.dryRun() ? "dry-run" : "ok");
    }
    return record;
  }

  private Map<String, Object> summaryObject() {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("summary", true);
    summary.put("renamed", renamed);
    summary.put("copied", copied);
    summary.put("merged", merged);
    summary.put("failed", failed);
    summary.put("dry_run", dryRun);
    summary.put("exit", failed > 0 ? ExitCodes.FAILED : ExitCodes.OK);
    return summary;
  }
}
