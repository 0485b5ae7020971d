package io.whisper.cli.cluster;

import io.whisper.cli.py.PyJson;
import io.whisper.cli.support.ExitCodes;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The output of the verbs that ship metrics (rebalance, restore): one line per step, as
 * tab-separated text or one JSON object, and the summary (on stderr, or last on stdout as
 * JSON). Steps are printed from several threads, each line whole.
 */
final class StepOutput {
  /** What a run did: metrics done and failed, file bytes shipped. */
  record Outcome(long done, long failed, long bytes) {}

  private final String verb;
  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean json;

  StepOutput(String verb, PrintWriter out, PrintWriter err, boolean json) {
    this.verb = verb;
    this.out = out;
    this.err = err;
    this.json = json;
  }

  /** One step: {@code ACTION NAME NODE [TO] [DETAIL]}; {@code to} and {@code detail} optional. */
  void line(String action, String name, String node, String to, String detail) {
    String text;
    if (json) {
      Map<String, Object> record = new LinkedHashMap<>();
      record.put("action", action);
      record.put("metric", name);
      record.put(to != null ? "from" : "node", node);
      if (to != null) {
        record.put("to", to);
      }
      if (detail != null) {
        record.put(action.equals("failed") ? "error" : "detail", detail);
      }
      text = PyJson.dumps(record);
    } else {
      text = action + "\t" + name + "\t" + node + (to != null ? "\t" + to : "")
          + (detail != null ? "\t" + detail : "");
    }
    synchronized (out) {
      out.println(text);
    }
  }

  /** A copy shipped to {@code to}: created there, or filled in (the node's counts say). */
  void shipped(String name, String from, String to, Map<String, Long> counts) {
    boolean created = counts.getOrDefault("created", 0L) > 0;
    line(created ? "created" : "filled", name, from, to,
        created ? null : counts.getOrDefault("filled", 0L) + " slots");
  }

  /**
   * Ends a run that shipped: names each node that failed (on stderr), prints the summary and
   * returns the exit status: errors if a node failed, findings if anything else failed.
   */
  int finish(String plan, Outcome outcome, long startedNanos, SessionPool pool,
      java.util.List<Node> nodes, boolean findings) {
    boolean nodeFailed = false;
    for (int i = 0; i < nodes.size(); i++) {
      String reason = pool.failure(i);
      if (reason != null) {
        nodeFailed = true;
        synchronized (err) {
          err.println("whisper cluster: " + nodes.get(i).label() + ": " + reason);
          err.flush();
        }
      }
    }
    double seconds = Math.max(1e-9, (System.nanoTime() - startedNanos) / 1e9);
    summary(plan + "; " + outcome.done() + " done, " + outcome.failed() + " failed", outcome,
        seconds);
    if (nodeFailed) {
      return ExitCodes.NODE_FAILED;
    }
    return outcome.failed() > 0 || findings ? ExitCodes.FAILED : ExitCodes.OK;
  }

  /** The summary: {@code text}, and the rates when something ran ({@code outcome} not null). */
  void summary(String text, Outcome outcome, double seconds) {
    String rates = outcome == null ? "" : String.format(Locale.ROOT,
        " in %.1f s: %.1f metrics/s, %.1f MB/s", seconds, outcome.done() / seconds,
        outcome.bytes() / seconds / 1e6);
    out.flush();
    if (json) {
      Map<String, Object> record = new LinkedHashMap<>();
      record.put("summary", text);
      if (outcome != null) {
        record.put("done", outcome.done());
        record.put("failed", outcome.failed());
        record.put("bytes", outcome.bytes());
        record.put("seconds", seconds);
      }
      out.println(PyJson.dumps(record));
      out.flush();
    } else {
      err.println("whisper cluster " + verb + ": " + text + rates);
      err.flush();
    }
  }
}
