package io.whisper.cli.cluster;

import static io.whisper.cli.support.Specs.option;

import io.whisper.cli.py.PyJson;
import io.whisper.cli.support.ExitCodes;
import io.whisper.cli.support.SharedOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code whisper cluster purge}: empties each node's trash of deletes older than an age. */
final class PurgeVerb extends Verb {
  private String olderThan;
  private boolean json;

  PurgeVerb(ClusterContext context) {
    super(context, "purge");
    spec.addOption(option(String.class, v -> olderThan = v, "--older-than").paramLabel("AGE")
        .required(true).description("Remove the deletes made more than AGE ago: 30d, 12h, 2w")
        .build());
    spec.addOption(SharedOptions.json(v -> json = v, "node"));
    spec.usageMessage().description("Removes for good the files 'delete' moved to each node's"
        + " trash more than AGE ago (by the time of the delete, in the batch folder's name).");
    finish("  whisper cluster purge --older-than 7d");
  }

  @Override
  int run(ClusterContext.Loaded cluster) throws IOException {
    long age = ageSeconds(olderThan);
    PrintWriter out = out();
    List<NodeOutcome> outcomes = Fanout.run(cluster.nodes(), cluster.transport(), err(),
        session -> {
          Map<String, Long> done = Requests.purge(session, age);
          Map<String, Object> record = new LinkedHashMap<>();
          record.put("node", session.node().label());
          record.put("removed", done.get("removed"));
          record.put("kept", done.get("kept"));
          String line = json ? PyJson.dumps(record) : session.node().label() + ": removed "
              + done.get("removed") + " trash batches, kept " + done.get("kept");
          synchronized (out) {
            out.println(line);
          }
        });
    out.flush();
    return Fanout.anyFailed(outcomes) ? ExitCodes.NODE_FAILED : ExitCodes.OK;
  }
}
