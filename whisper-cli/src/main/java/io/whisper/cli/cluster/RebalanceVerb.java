package io.whisper.cli.cluster;

import static io.whisper.cli.support.Specs.flag;
import static io.whisper.cli.support.Specs.option;
import static io.whisper.cli.support.Specs.positionals;

import io.whisper.cli.support.ExitCodes;
import io.whisper.cli.support.Progress;
import io.whisper.cli.support.SharedOptions;
import io.whisper.ring.Member;
import io.whisper.ring.Ring;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code whisper cluster rebalance}: every metric to the nodes the ring now says own it. The
 * plan comes from what {@code check} finds; each owner that lacks a metric, or holds it while
 * a non-owner holds it too, gets every copy that could have points it lacks (created there, or
 * filled into its own file, its points winning); with {@code --delete} the non-owners' copies
 * go to their trash once every owner has verified its copy. A journal lets a killed run be
 * finished by the same command.
 */
final class RebalanceVerb extends Verb {
  private List<String> patterns = new ArrayList<>();
  private boolean dryRun;
  private boolean delete;
  private boolean json;
  private boolean force;
  private boolean fillReplicas;
  private Path journalFile;
  private final MoveOptions moving = new MoveOptions();

  RebalanceVerb(ClusterContext context) {
    super(context, "rebalance");
    spec.addPositional(positionals(String.class, v -> patterns = v).paramLabel("PATTERN")
        .description("graphite patterns; none: every metric").build());
    spec.addOption(SharedOptions.dryRun(v -> dryRun = v,
        "Only print the plan: create/fill NAME FROM TO, delete NAME NODE"));
    spec.addOption(flag(v -> delete = v, "--delete")
        .description("Move the copies on nodes that do not own them to those nodes' trash,"
            + " once every owner's copy is verified (points written meanwhile carried over)")
        .build());
    spec.addOption(SharedOptions.json(v -> json = v, "step, then the summary"));
    spec.addOption(flag(v -> force = v, "--force")
        .description("Go on even when the ring places most metrics away from every node that"
            + " holds them (by default that is taken for a wrong ring file)").build());
    spec.addOption(flag(v -> fillReplicas = v, "--fill-replicas")
        .description("Also fill each owner from the other owners that hold the metric: after"
            + " the replication was raised while carbon writes, the replica carbon has just"
            + " made holds only the points since the relay's reload (reads every replicated"
            + " metric)").build());
    spec.addOption(option(Path.class, v -> journalFile = v, "--journal").paramLabel("FILE")
        .description("The run's journal (default: the cluster file's name + .rebalance-journal)")
        .build());
    moving.declare(spec);
    spec.usageMessage().description(
        "Moves every metric to the nodes the ring says own it. Each owner that lacks a metric"
            + " gets it from every node that holds it (created through a temporary file and a"
            + " link that never replaces, or filled into the file it has: its own points win);"
            + " each file is read under its flock on the source and written under its flock on"
            + " the owner, over the controller's ssh sessions (compressed).",
        "With --delete, a copy on a node that no longer owns it goes to that node's trash only"
            + " after every owner verified its copy, and only if nothing was written to it since"
            + " it was read (else the new points are shipped first).",
        "A run killed at any moment is finished by running the same command again (--journal).");
    finish("  whisper cluster -c cluster.conf rebalance -n               # the plan",
        "  whisper cluster -c cluster.conf rebalance --json -n | jq .",
        "  whisper cluster -c cluster.conf rebalance --delete --rate 200 # move, then delete");
  }

  @Override
  String[] exitCodes() {
    return new String[] {
        ExitCodes.OK + ":every metric on its owners (with -n: the plan printed)",
        ExitCodes.FAILED + ":some metrics failed (each named; their sources are kept): run again",
        ExitCodes.NODE_FAILED
            + ":errors: a node failed, a wrong-looking ring refused, or bad usage"};
  }

  @Override
  int run(ClusterContext.Loaded loaded) throws IOException {
    checkPatterns(patterns);
    List<Node> nodes = MoveOptions.compressed(loaded.nodes());
    Limits limits = moving.limits(nodes.size());
    // the listing's sessions carry the transfers after it: no second ssh and JVM per node
    try (SessionPool pool = new SessionPool(nodes, loaded.transport(), moving.parallel)) {
      return run(new ClusterContext.Loaded(loaded.ring(), nodes, loaded.transport()), limits,
          pool);
    }
  }

  private int run(ClusterContext.Loaded cluster, Limits limits, SessionPool pool)
      throws IOException {
    List<Node> nodes = cluster.nodes();
    StepOutput output = new StepOutput("rebalance", out(), err(), json);
    Ring ring = cluster.ring();
    Map<Member, Integer> nodeOf = new HashMap<>();
    for (int i = 0; i < nodes.size(); i++) {
      int index = i;
      nodes.get(i).member().ifPresent(m -> nodeOf.put(m, index));
    }
    Path journalPath = journalFile != null ? journalFile
        : context.file().resolveSibling(context.file().getFileName() + ".rebalance-journal");
    Set<String> received = Journal.receivers(journalPath, runName(ring, nodes));
    List<MetricMove> moves = new ArrayList<>();
    long[] counts = new long[2]; // metrics, away from every holder
    MergedWalk.Result listing = MergedWalk.run(cluster, 0, patterns, err(), holding -> {
      byte[] name = MetricNames.dotted(holding.path());
      List<Integer> holders = new ArrayList<>();
      for (MergedWalk.Copy copy : holding.copies()) {
        holders.add(copy.node());
      }
      counts[0]++;
      MetricMove move = MetricMove.plan(holding.path(), holders,
          ring.owners(name, 0, name.length), nodeOf, delete, owner -> fillReplicas
              || !received.isEmpty() && received.contains(Journal.receiverKey(
                  nodes.get(owner).label(), holding.path())));
      if (move != null) {
        moves.add(move);
        if (move.away()) {
          counts[1]++;
        }
      }
    }, dryRun ? (index, session) -> false : pool::adopt);
    if (dryRun) {
      for (MetricMove move : moves) {
        printPlan(output, move, nodes);
      }
    }
    long transfers = 0;
    long deletes = 0;
    for (MetricMove move : moves) {
      transfers += move.transfers().size();
      deletes += move.retire().size();
    }
    String plan = counts[0] + " metrics listed, " + moves.size() + " to move: " + transfers
        + " transfers, " + deletes + " deletes";
    if (listing.partial()) {
      output.summary(plan + "; a node did not list (named above): nothing moved", null, 0);
      return ExitCodes.NODE_FAILED;
    }
    if (counts[1] * 2 > counts[0] && !force) {
      output.summary(plan + "; refused: the ring places " + counts[1] + " of " + counts[0]
          + " metrics away from every node that holds them (a wrong ring file?);"
          + " --force to go on", null, 0);
      return ExitCodes.NODE_FAILED;
    }
    if (dryRun || moves.isEmpty()) {
      output.summary(plan, null, 0);
      return ExitCodes.OK;
    }
    long started = System.nanoTime();
    StepOutput.Outcome outcome;
    try (Journal journal = Journal.open(journalPath, runName(ring, nodes));
        Progress progress = Progress.onTerminal("metrics", moves.size())) {
      if (journal.resumedSteps() > 0) {
        err().println("whisper cluster rebalance: resuming the run in " + journalPath + " ("
            + journal.resumedSteps() + " steps done)");
      }
      Rebalancer rebalancer = new Rebalancer(nodes, pool, journal, new Rebalancer.Settings(
          moving.workers(nodes.size()), limits, DeleteVerb.newTrashBatch(),
          () -> System.currentTimeMillis() / 1000), new Lines(output, nodes));
      outcome = rebalancer.run(moves, progress::step);
      if (outcome.failed() == 0) {
        journal.finish();
      }
    }
    return output.finish(plan, outcome, started, pool, nodes, false);
  }

  // What names the run in its journal: the ring's members and replication, and what was asked.
  private String runName(Ring ring, List<Node> nodes) {
    List<String> labels = new ArrayList<>();
    for (Node node : nodes) {
      labels.add(node.label() + (node.member().isPresent() ? "" : "(drained)"));
    }
    return "nodes=" + String.join(",", labels) + " replication=" + ring.replication()
        + " delete=" + delete + (fillReplicas ? " fill-replicas=true" : "") + " patterns="
        + String.join(" ", patterns);
  }

  private static void printPlan(StepOutput out, MetricMove move, List<Node> nodes) {
    String name = MetricNames.textOfPath(move.path());
    for (MetricMove.Transfer transfer : move.transfers()) {
      String action = transfer.create() ? "create" : "fill";
      out.line(action, name, nodes.get(transfer.source()).label(),
          nodes.get(transfer.owner()).label(), null);
    }
    for (int stray : move.retire()) {
      out.line("delete", name, nodes.get(stray).label(), null, null);
    }
  }

  /** Prints each step as it ends. */
  private static final class Lines implements Rebalancer.Report {
    private final StepOutput out;
    private final List<Node> nodes;

    Lines(StepOutput out, List<Node> nodes) {
      this.out = out;
      this.nodes = nodes;
    }

    @Override
    public void shipped(MetricMove move, int source, int owner, Map<String, Long> counts) {
      out.shipped(MetricNames.textOfPath(move.path()), nodes.get(source).label(),
          nodes.get(owner).label(), counts);
    }

    @Override
    public void skipped(MetricMove move, int source, int owner) {
      out.line("verified-before", MetricNames.textOfPath(move.path()),
          nodes.get(source).label(), nodes.get(owner).label(), null);
    }

    @Override
    public void retired(MetricMove move, int node) {
      out.line("deleted", MetricNames.textOfPath(move.path()), nodes.get(node).label(), null,
          null);
    }

    @Override
    public void failed(MetricMove move, int node, String reason) {
      out.line("failed", MetricNames.textOfPath(move.path()),
          node >= 0 ? nodes.get(node).label() : "-", null, reason);
    }
  }
}
