package io.whisper.cli.cluster;

import static io.whisper.cli.support.Specs.positionals;

import io.whisper.cli.serve.Frames;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code whisper cluster list}: the metrics on every node, {@code NAME<TAB>NODE} a line,
 * streamed as the nodes answer (a batch at a time: memory stays flat however many names).
 */
final class ListVerb extends Verb {
  private List<String> patterns = new ArrayList<>();

  ListVerb(ClusterContext context) {
    super(context, "list");
    spec.addPositional(positionals(String.class, v -> patterns = v).paramLabel("PATTERN")
        .description("graphite patterns (servers.*.cpu.{user,system}); none: every metric")
        .build());
    spec.usageMessage().description("The metrics on every node, NAME<TAB>NODE a line, in the"
        + " order the nodes answer. Names are escaped to stay on one line (\\n, \\t, \\\\, \\xHH"
        + " for control characters and bytes that are not UTF-8).");
    finish("  whisper cluster -c cluster.conf list",
        "  whisper cluster list 'servers.*.cpu.{user,system}' | sort");
  }

  @Override
  int run(ClusterContext.Loaded cluster) throws IOException {
    checkPatterns(patterns);
    return streamLines(cluster, Frames.ANY_ORDER, patterns,
        (entry, node, lines) -> lines.metric(entry.path()).ascii('\t').text(node.label())
            .ascii('\n'));
  }
}
