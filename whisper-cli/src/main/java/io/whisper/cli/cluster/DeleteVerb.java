package io.whisper.cli.cluster;

import static io.whisper.cli.support.Specs.flag;
import static io.whisper.cli.support.Specs.positionals;

import io.whisper.cli.py.PyJson;
import io.whisper.cli.support.ExitCodes;
import io.whisper.cli.support.SharedOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code whisper cluster delete}: the metrics matching patterns, on every node that holds
 * them, moved to that node's trash (outside the storage tree, kept until {@code purge}). Shows
 * what it would delete unless {@code --yes}.
 */
final class DeleteVerb extends Verb {
  private static final int PER_REQUEST = 5_000;
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

  private List<String> patterns = new ArrayList<>();
  private boolean yes;
  private boolean json;

  DeleteVerb(ClusterContext context) {
    super(context, "delete");
    spec.addPositional(positionals(String.class, v -> patterns = v).paramLabel("PATTERN")
        .arity("1").description("graphite patterns of the metrics to delete (at least one)")
        .build());
    spec.addOption(flag(v -> yes = v, "-y", "--yes")
        .description("Delete; without it, only show what would be deleted").build());
    spec.addOption(SharedOptions.json(v -> json = v, "file, then one per node"));
    spec.usageMessage().description("Deletes the metrics matching PATTERNs from every node"
        + " that holds them: each file is moved (renamed, never copied) to the node's trash,"
        + " ROOT.trash/UTC-TIME-ID/a/b/c.wsp (or the cluster file's 'trash'), kept there until"
        + " 'purge'. Without --yes it only lists them: 'would delete NAME NODE'.");
    finish("  whisper cluster delete 'servers.old-web*.*.*'          # the plan",
        "  whisper cluster delete --yes 'servers.old-web*.*.*'    # do it",
        "  whisper cluster purge --older-than 7d                 # later: empty the trash");
  }

  @Override
  String[] exitCodes() {
    return new String[] {
        ExitCodes.OK + ":every matching file deleted (or, without --yes, listed)",
        ExitCodes.FAILED + ":some files could not be deleted (named)",
        ExitCodes.NODE_FAILED + ":errors: a node failed (its files are left), or bad usage"};
  }

  @Override
  int run(ClusterContext.Loaded cluster) throws IOException {
    checkPatterns(patterns);
    if (patterns.isEmpty()) {
      throw new IOException("give at least one PATTERN");
    }
    byte[] batch = newTrashBatch();
    PrintWriter out = out();
    AtomicLong failed = new AtomicLong();
    AtomicLong problems = new AtomicLong();
    List<NodeOutcome> outcomes = Fanout.run(cluster.nodes(), cluster.transport(), err(),
        session -> {
          Node node = session.node();
          List<byte[]> paths = new ArrayList<>();
          Requests.walk(session, 0, patterns, new Requests.Answers() {
            @Override
            public void entries(List<Entry> entries) {
              for (Entry entry : entries) {
                paths.add(entry.path());
              }
            }

            @Override
            public void warning(String message) {
              problems.incrementAndGet();
              warn(node, message);
            }
          });
          if (!yes) {
            for (byte[] path : paths) {
              report(out, "would delete", path, node, null);
            }
            return;
          }
          for (int from = 0; from < paths.size(); from += PER_REQUEST) {
            Requests.trash(session, batch, paths.subList(from, Math.min(paths.size(),
                from + PER_REQUEST)), new Requests.Answers() {
                  @Override
                  public void result(byte[] path, String error) {
                    if (!error.isEmpty()) {
                      failed.incrementAndGet();
                    }
                    report(out, error.isEmpty() ? "deleted" : "failed", path, node, error);
                  }
                });
          }
        });
    out.flush();
    if (Fanout.anyFailed(outcomes) || problems.get() > 0) {
      return ExitCodes.NODE_FAILED;
    }
    return failed.get() > 0 ? ExitCodes.FAILED : ExitCodes.OK;
  }

  /** Returns a new trash batch name: the UTC second and a random suffix. */
  static byte[] newTrashBatch() {
    return (ZonedDateTime.now(ZoneOffset.UTC).format(STAMP) + "-"
        + HexFormat.of().formatHex(new SecureRandom().generateSeed(4)))
        .getBytes(StandardCharsets.US_ASCII);
  }

  private void report(PrintWriter out, String action, byte[] path, Node node, String error) {
    String line;
    if (json) {
      Map<String, Object> record = new LinkedHashMap<>();
      record.put("metric", MetricNames.textOfPath(path));
      record.put("node", node.label());
      record.put("action", action.replace(' ', '-'));
      if (error != null && !error.isEmpty()) {
        record.put("error", error);
      }
      line = PyJson.dumps(record);
    } else {
      line = action + "\t" + MetricNames.textOfPath(path) + "\t" + node.label()
          + (error != null && !error.isEmpty() ? "\t" + error : "");
    }
    synchronized (out) {
      out.println(line);
    }
  }
}
