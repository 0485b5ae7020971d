package io.whisper.cli.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.whisper.cli.CliRun;
import io.whisper.core.CorruptWhisperFileException;
import io.whisper.core.FileLock;
import io.whisper.core.TimeSeries;
import io.whisper.core.WhisperFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code whisper cluster rebalance --delete} on a live cluster: four sshd nodes on loopback,
 * one Debian carbon-cache per node writing into the node's storage root under its flock, and
 * carbon-c-relay in front, fed by a writer that sends a known set of points for the whole run.
 * Each scenario changes the relay's ring and reloads it (as an operator does), waits until
 * carbon has written what the old ring routed, then rebalances while the writer goes on: a node
 * added, a node drained, the replication raised, and a node added at replication 2, one after
 * the other on the same cluster. After
 * the run and after carbon has flushed: every point the writer sent is on every owner of its
 * metric, {@code check} reports nothing, and no metric is on a non-owner.
 */
@Tag("slow")
class RebalanceLiveTest {
  private static final int METRICS = 60;
  private static final long FLUSH_SECONDS = 60;

  @TempDir
  Path dir;
  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private SshCluster cluster;
  private RebalanceCluster nodes;
  private CarbonNodes carbon;
  private PointWriter writer;

  @AfterEach
  void stop() throws Exception {
    while (!started.isEmpty()) {
      started.pop().close(); // the writer, then carbon and the relay, then the sshds
    }
  }

  private void start(int replication, int... ring) throws Exception {
    cluster = SshCluster.start(dir, 4);
    started.push(cluster);
    nodes = new RebalanceCluster(cluster);
    carbon = CarbonNodes.start(cluster, replication, ring);
    started.push(carbon);
    long now = System.currentTimeMillis() / 1000 / CarbonNodes.STEP * CarbonNodes.STEP;
    int margin = 900; // seconds between the first point and the end of the retention
    writer = new PointWriter(carbon.relayPort(), "live", METRICS, CarbonNodes.STEP,
        (CarbonNodes.RETENTION - margin - 300) / CarbonNodes.STEP,
        now - CarbonNodes.RETENTION + margin);
    started.push(writer);
    writer.await(5);
    Map<String, List<Integer>> owners = owners();
    int sent = writer.ticks();
    awaitPoints("carbon writes the first points", sent, owners, owners);
  }

  @Test
  void addDrainRaiseTheReplicationAndAddAtReplicationTwoWhileCarbonWrites() throws Exception {
    start(1, 0, 1, 2);
    scenario("add a node (3 to 4)", List.of(), 1, 0, 1, 2, 3);
    scenario("drain a node (4 to 3)", List.of(), 1, 0, 1, 2);
    // the new replica carbon makes after the reload holds only the points since: filled from
    // the other owner with --fill-replicas
    scenario("raise the replication (1 to 2)", List.of("--fill-replicas"), 2, 0, 1, 2);
    scenario("replication 2: add a node (3 to 4)", List.of(), 2, 0, 1, 2, 3);
  }

  /** The owners of every metric the writer sends, by the relay's ring file as it is now. */
  private Map<String, List<Integer>> owners() throws Exception {
    Map<String, List<Integer>> owners = new HashMap<>();
    for (String metric : writer.metrics) {
      owners.put(metric, RebalanceCluster.owners(carbon.ringFile(), metric));
    }
    return owners;
  }

  private void scenario(String name, List<String> options, int replication, int... ring)
      throws Exception {
    Map<String, List<Integer>> before = owners();
    carbon.ring(replication, ring);
    Map<String, List<Integer>> after = owners();
    carbon.reload();
    // the operator's step before rebalancing: the relay routes by the new ring, the new owners
    // have made their files, and the old owners have written what they got
    int routed = awaitNewRing(name, after);
    awaitPoints(name + ": carbon writes what either ring routed", routed, before, after);
    Path file = nodes.clusterFile("live", carbon.ringFile(), carbon.members());

    long started = System.nanoTime();
    // two sessions per node (8 node JVMs, not 16): CI's machine has two cores
    List<String> args = new ArrayList<>(List.of("rebalance", "--delete", "-j", "2"));
    args.addAll(options);
    CliRun run = RebalanceTest.run(file, args.toArray(String[]::new));
    double seconds = (System.nanoTime() - started) / 1e9;
    assertEquals(0, run.status(), name + ": " + run.out() + run.err());
    writer.await(5); // the writer goes on after the run
    int sent = writer.ticks();
    long found = awaitPoints(name + ": every point on every owner", sent, after, after);
    assertEquals((long) sent * METRICS * replication, found, name + ": points on the owners");

    CliRun check = RebalanceTest.run(file, "check");
    assertEquals(0, check.status(), name + ": check: " + check.out() + check.err());
    assertOnlyOnOwners(name, after);
    long moved = run.out().lines().filter(l -> l.startsWith("deleted\t")).count();
    long shipped = run.out().lines().filter(l -> l.startsWith("created\t")
        || l.startsWith("filled\t")).count();
    System.out.printf(Locale.ROOT, "RebalanceLiveTest: %s: %d metrics, %d points sent (%d"
        + " ticks), %d points found on owners (%d expected: each on %d owners), %d copies"
        + " shipped, %d retired, rebalance %.1f s (%s)%n", name, METRICS,
        (long) sent * METRICS, sent, found, (long) sent * METRICS * replication, replication,
        shipped, moved, seconds, run.err().strip().lines().reduce((a, b) -> b).orElse(""));
  }

  /**
   * Waits until the point of some tick sent after the reload is on every new owner of every
   * metric, and returns the tick after it.
   */
  private int awaitNewRing(String name, Map<String, List<Integer>> after) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(FLUSH_SECONDS);
    List<Integer> candidates = new ArrayList<>();
    Scan scan;
    do {
      candidates.add(writer.ticks());
      writer.await(3);
      scan = null;
      for (int tick : candidates) {
        scan = scan(tick, tick + 1, after, after);
        if (scan.missing() == null) {
          return tick + 1;
        }
      }
    } while (System.nanoTime() < deadline);
    fail(name + ": the relay routes by the new ring within " + FLUSH_SECONDS + " s: "
        + scan.missing());
    return 0;
  }

  /**
   * Waits until carbon has written every point of the ticks before {@code ticks} on every
   * node of {@code either} or on every node of {@code or} (the owners before and after a ring
   * change, as the relay routed it), and returns how many of those points the nodes of
   * {@code or} hold in all.
   */
  private long awaitPoints(String what, int ticks, Map<String, List<Integer>> either,
      Map<String, List<Integer>> or) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(FLUSH_SECONDS);
    Scan scan;
    do {
      scan = scan(0, ticks, either, or);
      if (scan.missing() == null) {
        return scan.found();
      }
      Thread.sleep(250);
    } while (System.nanoTime() < deadline);
    fail(what + " within " + FLUSH_SECONDS + " s: " + scan.missing());
    return 0;
  }

  /** The first point missing (null: none), and how many points the nodes of {@code or} hold. */
  private record Scan(String missing, long found) {}

  // Reads every node's copy of every metric once: is each point of the ticks from `from` to
  // `to` on every node of `either` or on every node of `or`?
  private Scan scan(int from, int to, Map<String, List<Integer>> either,
      Map<String, List<Integer>> or) throws IOException {
    String missing = null;
    long found = 0;
    for (int m = 0; m < METRICS && missing == null; m++) {
      String metric = writer.metrics.get(m);
      Map<Integer, Map<Long, Double>> held = new HashMap<>();
      for (int node = 0; node < cluster.size(); node++) {
        held.put(node, points(node, metric));
      }
      for (int tick = from; tick < to && missing == null; tick++) {
        long t = writer.timestamp(tick);
        double value = PointWriter.value(tick, m);
        int onOr = count(held, or.get(metric), t, value);
        found += onOr;
        if (onOr < or.get(metric).size()
            && count(held, either.get(metric), t, value) < either.get(metric).size()) {
          missing = metric + " point " + tick + " (" + t + " = " + value + ") not on "
              + either.get(metric) + (either == or ? "" : " nor on " + or.get(metric))
              + "; held: " + describe(held, t);
        }
      }
    }
    return new Scan(missing, found);
  }

  // How many of `nodes` hold the point.
  private static int count(Map<Integer, Map<Long, Double>> held, List<Integer> nodes, long t,
      double value) {
    int count = 0;
    for (int node : nodes) {
      Double v = held.get(node).get(t);
      if (v != null && v == value) {
        count++;
      }
    }
    return count;
  }

  private static String describe(Map<Integer, Map<Long, Double>> held, long t) {
    StringBuilder text = new StringBuilder();
    for (Map.Entry<Integer, Map<Long, Double>> node : held.entrySet()) {
      text.append(" node ").append(node.getKey()).append(": ")
          .append(node.getValue().size()).append(" points, ").append(node.getValue().get(t));
    }
    return text.toString();
  }

  /** The points of {@code metric} on {@code node}; none when it has no file. */
  private Map<Long, Double> points(int node, String metric) throws IOException {
    Path file = nodes.path(node, metric);
    Map<Long, Double> held = new HashMap<>();
    if (!Files.exists(file)) {
      return held;
    }
    // under a shared flock, as the node's reads are: never a write half done
    try (FileLock lock = FileLock.shared(file);
        WhisperFile whisper = WhisperFile.open(lock.lockedFile())) {
      TimeSeries series = whisper.fetchArchive(0, writer.base - CarbonNodes.STEP,
          System.currentTimeMillis() / 1000);
      for (int i = 0; i < series.values().size(); i++) {
        Double value = series.values().get(i);
        if (value != null) {
          held.put(series.timestampAt(i), value);
        }
      }
    } catch (java.nio.file.NoSuchFileException e) {
      // retired in between: none here
    } catch (CorruptWhisperFileException e) {
      // carbon's whisper.create truncates, then locks and writes the header: not yet made
    }
    return held;
  }

  // Every whisper file on every node is one of the writer's metrics, on one of its owners,
  // and no temporary file of the rebalance is left.
  private void assertOnlyOnOwners(String name, Map<String, List<Integer>> owners)
      throws IOException {
    for (int node = 0; node < cluster.size(); node++) {
      Path root = cluster.roots.get(node);
      List<Path> files;
      try (Stream<Path> walk = Files.walk(root)) {
        files = walk.filter(Files::isRegularFile).toList();
      }
      List<String> wrong = new ArrayList<>();
      for (Path path : files) {
        String relative = root.relativize(path).toString();
        String metric = relative.endsWith(".wsp")
            ? relative.substring(0, relative.length() - 4).replace('/', '.') : relative;
        List<Integer> its = owners.get(metric);
        if (its == null || !its.contains(node)) {
          wrong.add(relative);
        }
      }
      assertTrue(wrong.isEmpty(), name + ": on node " + node + ", which does not own them: "
          + wrong);
    }
  }
}
