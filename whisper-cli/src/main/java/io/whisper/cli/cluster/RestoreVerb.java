package io.whisper.cli.cluster;

import static io.whisper.cli.support.Specs.positional;

import io.whisper.cli.support.ExitCodes;
import io.whisper.cli.support.Progress;
import io.whisper.cli.support.SharedOptions;
import io.whisper.ring.Member;
import io.whisper.ring.Ring;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code whisper cluster restore FILE.tar}: every metric of a tar archive (made by
 * {@code whisper cluster tar}, with {@code --all-replicas} too, or by GNU tar from a storage
 * tree) to the nodes the ring says own it, as rebalance ships a copy: created through a
 * temporary file and a link that never replaces, or filled into the owner's file, its points
 * winning; a metric the archive holds several times is filled from each copy. A member that
 * is not a whisper file inside the tree is refused, named, and nothing is written for it.
 */
final class RestoreVerb extends Verb {
  private Path archive;
  private boolean dryRun;
  private boolean json;
  private final MoveOptions moving = new MoveOptions();

  RestoreVerb(ClusterContext context) {
    super(context, "restore");
    spec.addPositional(positional(Path.class, v -> archive = v).paramLabel("FILE.tar")
        .description("a tar archive: from 'whisper cluster tar' (--all-replicas too: the"
            + " HOST:PORT/ folders are the copies), or GNU tar of a storage tree").build());
    spec.addOption(SharedOptions.dryRun(v -> dryRun = v,
        "Only print the plan: create/fill NAME MEMBER TO (lists the nodes)"));
    spec.addOption(SharedOptions.json(v -> json = v, "step, then the summary"));
    moving.declare(spec);
    spec.usageMessage().description(
        "Restores every metric of a tar archive to the nodes the ring says own it. Each owner"
            + " gets every copy the archive holds of the metric: the first is created there"
            + " (through a temporary file and a link that never replaces) unless the owner has"
            + " the metric, the others, and every copy when it has, are filled into its file"
            + " under its flock (its own points win), over the controller's ssh sessions"
            + " (compressed).",
        "Member names are paths below the storage root (a/b/c.wsp; ./a/b/c.wsp as GNU tar -C"
            + " ROOT . writes them); a first folder named as a node (HOST:PORT, as tar"
            + " --all-replicas writes) is that node's copy. Members outside the tree (.., /),"
            + " links, and files that are not .wsp are refused, each named; nothing is written"
            + " for them. A damaged archive is refused before anything is written.",
        "Running it again is harmless: a create never replaces, a fill only fills gaps.");
    finish("  whisper cluster -c cluster.conf restore -n backup.tar     # the plan",
        "  whisper cluster -c cluster.conf restore --rate 100 backup.tar",
        "  tar -C /var/lib/graphite/whisper -cSf node.tar . && whisper cluster restore node.tar");
  }

  @Override
  String[] exitCodes() {
    return new String[] {
        ExitCodes.OK + ":every metric of the archive on its owners (with -n: the plan)",
        ExitCodes.FAILED + ":some members refused or some metrics failed (each named): nothing"
            + " written for them",
        ExitCodes.NODE_FAILED + ":errors: a damaged archive, a node failed, or bad usage"};
  }

  @Override
  int run(ClusterContext.Loaded cluster) throws IOException {
    List<Node> nodes = MoveOptions.compressed(cluster.nodes());
    Limits limits = moving.limits(nodes.size());
    StepOutput output = new StepOutput("restore", out(), err(), json);
    try (FileChannel channel = open(archive)) {
      List<TarReader.Member> members = TarReader.members(channel);
      Map<String, List<TarReader.Member>> byPath = new LinkedHashMap<>();
      long refused = 0;
      for (TarReader.Member member : members) {
        if (member.type() == '5') {
          continue; // a folder: made as its metrics need it
        }
        try {
          byte[] path = metricPath(member, nodes);
          byPath.computeIfAbsent(new String(path, StandardCharsets.ISO_8859_1),
              k -> new ArrayList<>()).add(member);
        } catch (IOException e) {
          refused++;
          output.line("failed", MetricNames.text(member.name()), "-", null, e.getMessage());
        }
      }
      List<Restorer.Metric> metrics = plan(byPath, cluster.ring(), nodes);
      long transfers = 0;
      for (Restorer.Metric metric : metrics) {
        transfers += (long) metric.copies().size() * metric.owners().size();
      }
      String plan = members.size() + " members, " + metrics.size() + " metrics to restore: "
          + transfers + " transfers" + (refused > 0 ? ", " + refused + " members refused" : "");
      if (dryRun) {
        return printPlan(cluster, output, metrics, nodes, plan, refused);
      }
      if (metrics.isEmpty()) {
        output.summary(plan, null, 0);
        return refused > 0 ? ExitCodes.FAILED : ExitCodes.OK;
      }
      long started = System.nanoTime();
      SessionPool pool = new SessionPool(nodes, cluster.transport(), moving.parallel);
      StepOutput.Outcome outcome;
      try (pool; Progress progress = Progress.onTerminal("metrics", metrics.size())) {
        Restorer restorer = new Restorer(channel, pool, limits,
            () -> System.currentTimeMillis() / 1000, new Lines(output, nodes));
        outcome = restorer.run(metrics, moving.workers(nodes.size()), progress::step);
      }
      return output.finish(plan, outcome, started, pool, nodes, refused > 0);
    }
  }

  private static FileChannel open(Path archive) throws IOException {
    try {
      return FileChannel.open(archive, StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      throw new IOException(archive + ": no such file", e);
    } catch (IOException e) {
      throw new IOException(archive + ": " + e.getMessage(), e);
    }
  }

  // Each metric with its copies and its owners, in the archive's order.
  private static List<Restorer.Metric> plan(Map<String, List<TarReader.Member>> byPath,
      Ring ring, List<Node> nodes) {
    Map<Member, Integer> nodeOf = new HashMap<>();
    for (int i = 0; i < nodes.size(); i++) {
      int index = i;
      nodes.get(i).member().ifPresent(m -> nodeOf.put(m, index));
    }
    List<Restorer.Metric> metrics = new ArrayList<>();
    for (Map.Entry<String, List<TarReader.Member>> entry : byPath.entrySet()) {
      byte[] path = entry.getKey().getBytes(StandardCharsets.ISO_8859_1);
      byte[] name = MetricNames.dotted(path);
      List<Integer> owners = new ArrayList<>();
      for (Member owner : ring.owners(name, 0, name.length)) {
        Integer index = nodeOf.get(owner);
        if (index != null) {
          owners.add(index);
        }
      }
      metrics.add(new Restorer.Metric(path, List.copyOf(entry.getValue()), List.copyOf(owners)));
    }
    return metrics;
  }

  /**
   * Returns the metric path a member restores: its name below the root, less a leading
   * {@code ./} and a first folder named as a node; an IOException says why a member is not
   * restored.
   */
  static byte[] metricPath(TarReader.Member member, List<Node> nodes) throws IOException {
    byte[] name = member.name();
    if (member.type() == '1' || member.type() == '2') {
      throw new IOException("a " + (member.type() == '1' ? "hard" : "symbolic") + " link (to "
          + MetricNames.text(member.link()) + "): not restored");
    }
    if (!member.regular()) {
      throw new IOException("not a regular file (tar type '" + (char) member.type() + "')");
    }
    if (member.problem() != null) {
      throw new IOException(member.problem());
    }
    if (name.length > 0 && name[0] == '/') {
      throw new IOException("an absolute name: not below the storage root");
    }
    int start = 0;
    while (name.length - start >= 2 && name[start] == '.' && name[start + 1] == '/') {
      start += 2;
    }
    List<byte[]> components = new ArrayList<>();
    for (int i = start, from = start; i <= name.length; i++) {
      if (i == name.length || name[i] == '/') {
        byte[] component = Arrays.copyOfRange(name, from, i);
        if (component.length == 0 || Arrays.equals(component, new byte[] {'.'})
            || Arrays.equals(component, new byte[] {'.', '.'})) {
          throw new IOException("'.', '..' or empty components: not a path below the storage"
              + " root");
        }
        components.add(component);
        from = i + 1;
      }
    }
    Set<String> labels = new HashSet<>();
    for (Node node : nodes) {
      labels.add(node.label());
    }
    if (components.size() > 1
        && labels.contains(new String(components.getFirst(), StandardCharsets.ISO_8859_1))) {
      components.removeFirst(); // tar --all-replicas: HOST:PORT/a/b/c.wsp
    }
    byte[] last = components.getLast();
    boolean wsp = last.length > 4 && last[0] != '.'
        && new String(last, last.length - 4, 4, StandardCharsets.ISO_8859_1).equals(".wsp");
    if (!wsp) {
      throw new IOException("not a whisper file (NAME.wsp): not restored");
    }
    int length = components.size() - 1;
    for (byte[] component : components) {
      length += component.length;
    }
    byte[] path = new byte[length];
    int at = 0;
    for (byte[] component : components) {
      if (at > 0) {
        path[at++] = '/';
      }
      System.arraycopy(component, 0, path, at, component.length);
      at += component.length;
    }
    return path;
  }

  // -n: create for an owner's first copy when it lacks the metric, fill otherwise.
  private int printPlan(ClusterContext.Loaded cluster, StepOutput output,
      List<Restorer.Metric> metrics, List<Node> nodes, String plan, long refused)
      throws IOException {
    Map<String, Set<Integer>> held = new HashMap<>();
    for (Restorer.Metric metric : metrics) {
      held.put(new String(metric.path(), StandardCharsets.ISO_8859_1), new HashSet<>());
    }
    MergedWalk.Result listing = MergedWalk.run(cluster, 0, List.of(), err(), holding -> {
      Set<Integer> holders = held.get(new String(holding.path(), StandardCharsets.ISO_8859_1));
      if (holders != null) {
        for (MergedWalk.Copy copy : holding.copies()) {
          holders.add(copy.node());
        }
      }
    });
    if (listing.partial()) {
      output.summary(plan + "; a node did not list (named above): no plan", null, 0);
      return ExitCodes.NODE_FAILED;
    }
    for (Restorer.Metric metric : metrics) {
      String name = MetricNames.textOfPath(metric.path());
      Set<Integer> holders = held.get(new String(metric.path(), StandardCharsets.ISO_8859_1));
      for (int owner : metric.owners()) {
        boolean first = true;
        for (TarReader.Member copy : metric.copies()) {
          output.line(first && !holders.contains(owner) ? "create" : "fill", name,
              MetricNames.text(copy.name()), nodes.get(owner).label(), null);
          first = false;
        }
      }
    }
    output.summary(plan, null, 0);
    return refused > 0 ? ExitCodes.FAILED : ExitCodes.OK;
  }

  /** Prints each step as it ends. */
  private static final class Lines implements Restorer.Report {
    private final StepOutput out;
    private final List<Node> nodes;

    Lines(StepOutput out, List<Node> nodes) {
      this.out = out;
      this.nodes = nodes;
    }

    @Override
    public void shipped(Restorer.Metric metric, TarReader.Member copy, int owner,
        Map<String, Long> counts) {
      out.shipped(MetricNames.textOfPath(metric.path()), MetricNames.text(copy.name()),
          nodes.get(owner).label(), counts);
    }

    @Override
    public void failed(Restorer.Metric metric, int node, String reason) {
      out.line("failed", MetricNames.textOfPath(metric.path()),
          node >= 0 ? nodes.get(node).label() : "-", null, reason);
    }
  }
}
