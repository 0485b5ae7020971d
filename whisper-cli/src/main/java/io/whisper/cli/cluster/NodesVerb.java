package io.whisper.cli.cluster;

import io.whisper.cli.py.PyJson;
import io.whisper.cli.serve.Frames;
import io.whisper.cli.support.ExitCodes;
import io.whisper.cli.support.SharedOptions;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code whisper cluster nodes}: each node reachable or not, its tool, root, metrics, space. */
final class NodesVerb extends Verb {
  private boolean json;

  NodesVerb(ClusterContext context) {
    super(context, "nodes");
    spec.addOption(SharedOptions.json(v -> json = v, "node"));
    spec.usageMessage().description("Each node: reachable or not (and why), its whisper version,"
        + " storage root, metric count, bytes, and the free space of its file system.");
    finish("  whisper cluster -c /etc/whisper/cluster.conf nodes",
        "  whisper cluster nodes --json | jq 'select(.reachable|not)'");
  }

  @Override
  String[] exitCodes() {
    return new String[] {
        ExitCodes.OK + ":every node reachable",
        ExitCodes.NODE_FAILED + ":a node unreachable (named), or bad usage"};
  }

  @Override
  int run(ClusterContext.Loaded cluster) {
    Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
    List<NodeOutcome> outcomes = Fanout.run(cluster.nodes(), cluster.transport(), err(),
        session -> {
          Map<String, Long> space = Requests.space(session);
          Map<String, Long> counts = Requests.walk(session, Frames.COUNT_ONLY, List.of(),
              new Requests.Answers() {});
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("version", session.toolVersion());
          row.put("metrics", counts.get("files"));
          row.put("bytes", counts.get("bytes"));
          row.put("allocated", counts.get("allocated"));
          row.put("free", space.get("free"));
          row.put("total", space.get("total"));
          row.put("problems", counts.get("problems"));
          synchronized (rows) {
            rows.put(session.node().label(), row);
          }
        });
    PrintWriter out = out();
    List<String[]> table = new ArrayList<>();
    table.add(new String[] {"NODE", "STATE", "VERSION", "STORAGE", "METRICS", "BYTES", "FREE"});
    for (NodeOutcome outcome : outcomes) {
      Node node = outcome.node();
      Map<String, Object> record = new LinkedHashMap<>();
      record.put("node", node.label());
      record.put("ssh", node.destination());
      record.put("storage", node.storage());
      record.put("in_ring", node.member().isPresent());
      switch (outcome) {
        case NodeOutcome.Answered answered -> {
          Map<String, Object> row = rows.get(node.label());
          record.put("reachable", true);
          record.putAll(row);
          table.add(new String[] {node.label(), node.member().isPresent() ? "ok" : "ok (drained)",
              (String) row.get("version"), node.storage(), String.valueOf(row.get("metrics")),
              String.valueOf(row.get("bytes")), String.valueOf(row.get("free"))});
        }
        case NodeOutcome.Failed failed -> {
          record.put("reachable", false);
          record.put("error", failed.reason());
          table.add(new String[] {node.label(), "down", "-", node.storage(), "-", "-", "-"});
        }
      }
      if (json) {
        out.println(PyJson.dumps(record));
      }
    }
    if (!json) {
      Table.print(out, table);
    }
    out.flush();
    return Fanout.anyFailed(outcomes) ? ExitCodes.NODE_FAILED : ExitCodes.OK;
  }
}
