package io.whisper.cli.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.whisper.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code whisper cluster rebalance} on three sshd nodes on loopback: a node added (2 to 3), a
 * node drained (3 to 2, the third in the cluster file only), replication 2 with copies that
 * hold different points, and a wrong ring refused; on four (127.0.0.2 to .5): 3 to 4, 4 to 3,
 * and 3 to 4 at replication 2, with failover copies. After {@code rebalance --delete}, every
 * point of every copy is on every owner, nothing is left on a non-owner, and {@code check} is
 * clean.
 */
@Tag("slow")
class RebalanceTest {
  @TempDir
  Path dir;
  SshCluster cluster;
  RebalanceCluster nodes;

  @AfterEach
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private void start() throws Exception {
    start(3);
  }

  private void start(int size) throws Exception {
    cluster = SshCluster.start(dir, size);
    nodes = new RebalanceCluster(cluster);
  }

  static CliRun run(Path clusterFile, String... args) {
    List<String> all = new ArrayList<>(List.of("cluster", "-c", clusterFile.toString()));
    all.addAll(List.of(args));
    return CliRun.of(all.toArray(String[]::new));
  }

  @Test
  void addNodeMovesAQuarterAndDeletesOnlyAfterVerifying() throws Exception {
    start();
    Path oldRing = nodes.ring("old", 1, 0, 1);
    Path newRing = nodes.ring("new", 1, 0, 1, 2);
    nodes.place(oldRing, "add", 60);
    // a failover copy: one metric also on the node the old ring did not give it to
    String failover = "add.m7.value";
    nodes.copy(RebalanceCluster.owners(oldRing, failover).getFirst() == 0 ? 1 : 0, failover);
    Path file = nodes.clusterFile("new", newRing);

    CliRun plan = run(file, "rebalance", "-n", "--delete");
    assertEquals(0, plan.status(), plan.err());
    long creates = plan.out().lines().filter(l -> l.startsWith("create\t")).count();
    long deletes = plan.out().lines().filter(l -> l.startsWith("delete\t")).count();
    assertTrue(creates > 0 && deletes >= creates, plan.out());
    assertTrue(Files.exists(nodes.path(RebalanceCluster.owners(oldRing, failover).getFirst(),
        failover)), "-n moved nothing");
    CliRun json = run(file, "rebalance", "-n", "--json");
    assertEquals(creates, json.out().lines().filter(l -> l.contains("\"action\": \"create\""))
        .count(), json.out());

    CliRun done = run(file, "rebalance", "--delete");
    assertEquals(0, done.status(), done.out() + done.err());
    nodes.assertPlaced(newRing, true);
    CliRun check = run(file, "check");
    assertEquals(0, check.status(), check.out() + check.err());
    CliRun again = run(file, "rebalance", "--delete");
    assertEquals(0, again.status(), again.err());
    assertTrue(again.err().contains("0 to move"), again.err());
  }

  @Test
  void drainedNodeEndsEmptyAndReplicationTwoKeepsTheUnion() throws Exception {
    start();
    Path oldRing = nodes.ring("old", 2, 0, 1, 2);
    Path newRing = nodes.ring("new", 2, 0, 1);
    nodes.place(oldRing, "drain", 40);
    Path file = nodes.clusterFile("new", newRing);

    CliRun done = run(file, "rebalance", "--delete");
    assertEquals(0, done.status(), done.out() + done.err());
    nodes.assertPlaced(newRing, true);
    try (var left = Files.walk(cluster.roots.get(2))) {
      assertEquals(0, left.filter(p -> p.toString().endsWith(".wsp")).count(),
          "the drained node still holds metrics");
    }
    CliRun check = run(file, "check");
    assertEquals(0, check.status(), check.out() + check.err());
  }

  @Test
  void replicationTwoAddNodeWithoutDeleteKeepsStrays() throws Exception {
    start();
    Path oldRing = nodes.ring("old", 2, 0, 1);
    Path newRing = nodes.ring("new", 2, 0, 1, 2);
    nodes.place(oldRing, "rep", 40);
    Path file = nodes.clusterFile("new", newRing);

    CliRun done = run(file, "rebalance");
    assertEquals(0, done.status(), done.out() + done.err());
    nodes.assertPlaced(newRing, false);
    CliRun check = run(file, "check");
    assertEquals(1, check.status(), "strays are kept without --delete: " + check.out());
    assertTrue(check.out().lines().allMatch(l -> l.startsWith("misplaced\t")
        || l.startsWith("duplicate\t")), check.out());
    CliRun delete = run(file, "rebalance", "--delete");
    assertEquals(0, delete.status(), delete.out() + delete.err());
    nodes.assertPlaced(newRing, true);
    assertEquals(0, run(file, "check").status());
  }

  @Test
  void aRingThatMovesMostMetricsAwayIsRefusedUnlessForced() throws Exception {
    start();
    Path oldRing = nodes.ring("old", 1, 0);
    Path wrongRing = nodes.ring("wrong", 1, 1, 2);
    nodes.place(oldRing, "wrong", 20);
    Path file = nodes.clusterFile("wrong", wrongRing);
    CliRun refused = run(file, "rebalance", "--delete");
    assertEquals(2, refused.status(), refused.err());
    assertTrue(refused.err().contains("refused"), refused.err());
    assertEquals(1, refused.err().lines().count(), "one line: " + refused.err());
    try (var held = Files.walk(cluster.roots.get(0))) {
      assertEquals(20, held.filter(p -> p.toString().endsWith(".wsp")).count(),
          "nothing moved");
    }
    CliRun forced = run(file, "rebalance", "--delete", "--force");
    assertEquals(0, forced.status(), forced.err());
    nodes.assertPlaced(wrongRing, true);
  }

  // Places 80 metrics by the old ring (a failover copy on a non-owner for every tenth),
  // rebalances to the new one with --delete, and checks the end state.
  private void scenario(Path oldRing, Path newRing) throws Exception {
    nodes.place(oldRing, "four", 80);
    for (int m = 0; m < 80; m += 10) {
      String metric = "four.m" + m + ".value";
      int failover = 0;
      while (RebalanceCluster.owners(oldRing, metric).contains(failover)) {
        failover++;
      }
      nodes.copy(failover, metric);
    }
    Path file = nodes.clusterFile("new", newRing);
    CliRun done = run(file, "rebalance", "--delete");
    assertEquals(0, done.status(), done.out() + done.err());
    nodes.assertPlaced(newRing, true);
    CliRun check = run(file, "check");
    assertEquals(0, check.status(), check.out() + check.err());
  }

  @Test
  void addAFourthNode() throws Exception {
    start(4);
    scenario(nodes.ring("old", 1, 0, 1, 2), nodes.ring("new", 1, 0, 1, 2, 3));
  }

  @Test
  void drainTheFourthNode() throws Exception {
    start(4);
    scenario(nodes.ring("old", 1, 0, 1, 2, 3), nodes.ring("new", 1, 0, 1, 2));
    try (Stream<Path> left = Files.walk(cluster.roots.get(3))) {
      assertEquals(0, left.filter(p -> p.toString().endsWith(".wsp")).count(),
          "the drained node still holds metrics");
    }
  }

  @Test
  void addAFourthNodeAtReplicationTwo() throws Exception {
    start(4);
    scenario(nodes.ring("old", 2, 0, 1, 2), nodes.ring("new", 2, 0, 1, 2, 3));
  }
}
