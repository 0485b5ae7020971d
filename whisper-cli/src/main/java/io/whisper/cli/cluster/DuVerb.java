package io.whisper.cli.cluster;

import static io.whisper.cli.support.Specs.positionals;

import io.whisper.cli.py.PyJson;
import io.whisper.cli.serve.Frames;
import io.whisper.cli.support.ExitCodes;
import io.whisper.cli.support.SharedOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code whisper cluster du}: the metrics matching patterns, and their bytes, per node and in total. */
final class DuVerb extends Verb {
  private List<String> patterns = new ArrayList<>();
  private boolean json;

  DuVerb(ClusterContext context) {
    super(context, "du");
    spec.addPositional(positionals(String.class, v -> patterns = v).paramLabel("PATTERN")
        .description("graphite patterns; none: every metric").build());
    spec.addOption(SharedOptions.json(v -> json = v, "node, then the total"));
    spec.usageMessage().description("Disk use of the metrics matching PATTERNs on each node:"
        + " METRICS, BYTES (their lengths) and ON-DISK (blocks allocated: less for sparse"
        + " files), per node and in total.");
    finish("  whisper cluster du 'servers.web*.cpu.*'", "  whisper cluster du --json 'collectd.*.*'");
  }

  @Override
  int run(ClusterContext.Loaded cluster) throws IOException {
    checkPatterns(patterns);
    Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
    List<NodeOutcome> outcomes = Fanout.run(cluster.nodes(), cluster.transport(), err(),
        session -> {
          Map<String, Long> done = Requests.walk(session, Frames.COUNT_ONLY, patterns,
              new Requests.Answers() {
                @Override
                public void warning(String message) {
                  warn(session.node(), message);
                }
              });
          synchronized (counts) {
            counts.put(session.node().label(), done);
          }
        });
    PrintWriter out = out();
    List<String[]> table = new ArrayList<>();
    table.add(new String[] {"NODE", "METRICS", "BYTES", "ON-DISK"});
    long[] total = new long[3];
    boolean problems = false;
    for (NodeOutcome outcome : outcomes) {
      Map<String, Long> done = counts.get(outcome.node().label());
      Map<String, Object> record = new LinkedHashMap<>();
      record.put("node", outcome.node().label());
      if (done == null) {
        record.put("error", ((NodeOutcome.Failed) outcome).reason());
        table.add(new String[] {outcome.node().label(), "-", "-", "-"});
      } else {
        problems |= done.get("problems") > 0;
        long[] row = {done.get("files"), done.get("bytes"), done.get("allocated")};
        record.put("metrics", row[0]);
        record.put("bytes", row[1]);
        record.put("allocated", row[2]);
        for (int i = 0; i < 3; i++) {
          total[i] += row[i];
        }
        table.add(new String[] {outcome.node().label(), String.valueOf(row[0]),
            String.valueOf(row[1]), String.valueOf(row[2])});
      }
      if (json) {
        out.println(PyJson.dumps(record));
      }
    }
    boolean partial = Fanout.anyFailed(outcomes) || problems;
    if (json) {
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("total", true);
      summary.put("metrics", total[0]);
      summary.put("bytes", total[1]);
      summary.put("allocated", total[2]);
      summary.put("partial", partial);
      out.println(PyJson.dumps(summary));
    } else {
      table.add(new String[] {partial ? "total (partial)" : "total", String.valueOf(total[0]),
          String.valueOf(total[1]), String.valueOf(total[2])});
      Table.print(out, table);
    }
    out.flush();
    return partial ? ExitCodes.NODE_FAILED : ExitCodes.OK;
  }
}
