package io.whisper.cli.cluster;

import static io.whisper.cli.support.Specs.option;
import static io.whisper.cli.support.Specs.positionals;

import io.whisper.cli.py.PyJson;
import io.whisper.cli.serve.Frames;
import io.whisper.cli.support.SharedOptions;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code whisper cluster stale}: the metrics whose newest point is older than an age. The
 * newest point is read from each file (its finest archive), not taken from the mtime, which a
 * copy, a fill or a touch renews without any new point.
 */
final class StaleVerb extends Verb {
  private List<String> patterns = new ArrayList<>();
  private String olderThan;
  private boolean json;

  StaleVerb(ClusterContext context) {
    super(context, "stale");
    spec.addOption(option(String.class, v -> olderThan = v, "--older-than").paramLabel("AGE")
        .required(true).description("30d, 12h, 90m, 45s or 2w").build());
    spec.addOption(SharedOptions.json(v -> json = v, "metric"));
    spec.addPositional(positionals(String.class, v -> patterns = v).paramLabel("PATTERN")
        .description("graphite patterns; none: every metric").build());
    spec.usageMessage().description("The metrics whose newest point is older than AGE (or that"
        + " have no point at all): NAME<TAB>NODE<TAB>NEWEST a line (NEWEST in UTC, or 'never').");
    finish("  whisper cluster stale --older-than 30d",
        "  whisper cluster stale --older-than 2w 'servers.*.disk.*' --json");
  }

  @Override
  int run(ClusterContext.Loaded cluster) throws IOException {
    checkPatterns(patterns);
    long cutoff = System.currentTimeMillis() / 1000 - ageSeconds(olderThan);
    return streamLines(cluster, Frames.WANT_STAT | Frames.WANT_NEWEST, patterns,
        (entry, node, lines) -> {
          if (entry.newest() < cutoff) {
            lines.text(line(entry, node)).ascii('\n');
          }
        });
  }

  private String line(Entry entry, Node node) {
    String newest = entry.newest() == 0 ? "never" : Instant.ofEpochSecond(entry.newest()).toString();
    if (!json) {
      return MetricNames.textOfPath(entry.path()) + "\t" + node.label() + "\t" + newest;
    }
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("metric", MetricNames.textOfPath(entry.path()));
    record.put("node", node.label());
    record.put("newest", entry.newest() == 0 ? null : entry.newest());
    record.put("mtime", entry.mtime());
    record.put("bytes", entry.size());
    return PyJson.dumps(record);
  }
}
