package io.whisper.cli.cluster;

import static io.whisper.cli.support.Specs.positionals;

import io.whisper.cli.py.PyJson;
import io.whisper.cli.support.ExitCodes;
import io.whisper.cli.support.SharedOptions;
import io.whisper.cli.support.StandardOut;
import io.whisper.ring.Member;
import io.whisper.ring.Ring;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code whisper cluster check}: where the metrics are against where the ring puts them:
 * metrics on a node that does not own them, owners that lack them, and metrics on more nodes
 * than the replication, per node and in total.
 */
final class CheckVerb extends Verb {
  private static final int BATCH = 1 << 16; // bytes of findings per write
  private List<String> patterns = new ArrayList<>();
  private boolean json;

  CheckVerb(ClusterContext context) {
    super(context, "check");
    spec.addPositional(positionals(String.class, v -> patterns = v).paramLabel("PATTERN")
        .description("graphite patterns; none: every metric").build());
    spec.addOption(SharedOptions.json(v -> json = v, "finding, then one per node and the total"));
    spec.usageMessage().description(
        "Compares what each node holds with the ring: misplaced, missing and duplicated"
            + " metrics. Findings, one a line:",
        "  misplaced NAME NODE OWNERS   NODE holds NAME but does not own it",
        "  missing   NAME NODE          NODE owns NAME (which some node holds) but lacks it",
        "  duplicate NAME NODES         NAME is on more nodes than the replication",
        "Counts per node and in total go to stderr (with --json: to stdout, after the findings).",
        "An owner that did not answer is not counted as lacking anything.");
    finish("  whisper cluster -c cluster.conf check",
        "  whisper cluster check --json 'servers.*.cpu.*' | jq 'select(.finding==\"missing\")'");
  }

  @Override
  String[] exitCodes() {
    return new String[] {
        ExitCodes.OK + ":every metric on its owners and nowhere else",
        ExitCodes.FINDINGS + ":findings",
        ExitCodes.NODE_FAILED + ":errors: a node failed (its part unknown), or bad usage"};
  }

  @Override
  int run(ClusterContext.Loaded cluster) throws IOException {
    checkPatterns(patterns);
    List<Node> nodes = cluster.nodes();
    Ring ring = cluster.ring();
    // Owners to nodes by identity first: the ring hands out its own member objects, and a
    // record's equals and hashCode for every metric cost more than its placement
    Map<Member, Integer> nodeOf = new HashMap<>();
    Map<Member, Integer> nodeOfSame = new IdentityHashMap<>();
    for (int i = 0; i < nodes.size(); i++) {
      int index = i;
      nodes.get(i).member().ifPresent(m -> {
        nodeOf.put(m, index);
        nodeOfSame.put(m, index);
      });
    }
    long[][] perNode = new long[nodes.size()][3]; // held, misplaced, missing
    long[] totals = new long[4]; // metrics, misplaced, missing, duplicates
    boolean[] answered = new boolean[nodes.size()];
    // findings as bytes, a batch per write: a line each would be a write each (picocli's
    // writer flushes every line), and a wrong ring makes millions of them
    OutputStream out = StandardOut.bytes(out());
    TextLines lines = new TextLines();
    MergedWalk.Result result = MergedWalk.run(cluster, 0, patterns, err(), holding -> {
      byte[] name = MetricNames.dotted(holding.path());
      List<Member> owners = ring.owners(name, 0, name.length);
      int[] ownerNodes = new int[owners.size()]; // each owner's node, or -1
      for (int k = 0; k < ownerNodes.length; k++) {
        Integer index = nodeOfSame.get(owners.get(k));
        index = index != null ? index : nodeOf.get(owners.get(k));
        ownerNodes[k] = index != null ? index : -1;
      }
      boolean[] holds = new boolean[nodes.size()];
      totals[0]++;
      for (MergedWalk.Copy copy : holding.copies()) {
        holds[copy.node()] = true;
        perNode[copy.node()][0]++;
      }
      String text = null;
      for (MergedWalk.Copy copy : holding.copies()) {
        if (!contains(ownerNodes, copy.node())) { // a drained node is no one's node
          text = text != null ? text : MetricNames.text(name);
          perNode[copy.node()][1]++;
          totals[1]++;
          finding(lines, "misplaced", text, nodes.get(copy.node()).label(),
              labels(owners, ownerNodes, nodes));
        }
      }
      for (int k = 0; k < ownerNodes.length; k++) {
        int index = ownerNodes[k];
        if (index >= 0 && !holds[index] && !holding.broken()[index]) {
          text = text != null ? text : MetricNames.text(name);
          perNode[index][2]++;
          totals[2]++;
          finding(lines, "missing", text, nodes.get(index).label(), null);
        }
      }
      if (holding.copies().size() > ring.replication()) {
        text = text != null ? text : MetricNames.text(name);
        totals[3]++;
        List<String> holders = new ArrayList<>();
        for (MergedWalk.Copy copy : holding.copies()) {
          holders.add(nodes.get(copy.node()).label());
        }
        finding(lines, "duplicate", text, String.join(",", holders), null);
      }
      if (lines.length() >= BATCH) {
        lines.writeTo(out);
      }
    });
    lines.writeTo(out);
    for (NodeOutcome outcome : result.outcomes()) {
      answered[nodes.indexOf(outcome.node())] = outcome instanceof NodeOutcome.Answered;
    }
    summary(nodes, perNode, totals, answered, result.partial());
    if (result.partial()) {
      return ExitCodes.NODE_FAILED;
    }
    return totals[1] + totals[2] + totals[3] > 0 ? ExitCodes.FINDINGS : ExitCodes.OK;
  }

  private void finding(TextLines out, String kind, String name, String node, String owners) {
    if (json) {
      Map<String, Object> record = new LinkedHashMap<>();
      record.put("finding", kind);
      record.put("metric", name);
      record.put(kind.equals("duplicate") ? "nodes" : "node", kind.equals("duplicate")
          ? List.of(node.split(",")) : node);
      if (owners != null) {
        record.put("owners", List.of(owners.split(",")));
      }
      out.text(PyJson.dumps(record)).ascii('\n');
    } else {
      out.text(kind).ascii('\t').text(name).ascii('\t').text(node);
      if (owners != null) {
        out.ascii('\t').text(owners);
      }
      out.ascii('\n');
    }
  }

  private static boolean contains(int[] values, int value) {
    for (int v : values) {
      if (v == value) {
        return true;
      }
    }
    return false;
  }

  // The owners' labels, joined: a node's label is its member's, made once.
  private static String labels(List<Member> owners, int[] ownerNodes, List<Node> nodes) {
    StringBuilder labels = new StringBuilder();
    for (int k = 0; k < ownerNodes.length; k++) {
      labels.append(k > 0 ? "," : "").append(ownerNodes[k] >= 0
          ? nodes.get(ownerNodes[k]).label() : owners.get(k).label());
    }
    return labels.toString();
  }

  private void summary(List<Node> nodes, long[][] perNode, long[] totals, boolean[] answered,
      boolean partial) {
    PrintWriter to = json ? out() : err();
    for (int i = 0; i < nodes.size(); i++) {
      if (json) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("node", nodes.get(i).label());
        record.put("answered", answered[i]);
        record.put("metrics", perNode[i][0]);
        record.put("misplaced", perNode[i][1]);
        record.put("missing", perNode[i][2]);
        to.println(PyJson.dumps(record));
      } else {
        to.println("whisper cluster check: " + nodes.get(i).label() + ": "
            + (answered[i] ? "" : "did not answer; ") + perNode[i][0] + " metrics, "
            + perNode[i][1] + " misplaced, " + perNode[i][2] + " missing");
      }
    }
    if (json) {
      Map<String, Object> record = new LinkedHashMap<>();
      record.put("total", true);
      record.put("metrics", totals[0]);
      record.put("misplaced", totals[1]);
      record.put("missing", totals[2]);
      record.put("duplicates", totals[3]);
      record.put("partial", partial);
      to.println(PyJson.dumps(record));
    } else {
      to.println("whisper cluster check: " + totals[0] + " metrics, " + totals[1] + " misplaced, "
          + totals[2] + " missing, " + totals[3] + " duplicated" + (partial ? " (partial)" : ""));
    }
    to.flush();
  }
}
