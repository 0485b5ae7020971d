package io.whisper.cli.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.whisper.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code whisper cluster rebalance --delete} on four sshd nodes on loopback (127.0.0.2 to .5):
 * a node added (3 to 4), a node drained (4 to 3, the fourth left in the cluster file only), and
 * a node added at replication 2. Every copy holds its own points, and some metrics have a
 * failover copy besides: after the run every point of every copy is on every owner, nothing is
 * on a non-owner, each retired copy is in its node's trash once, and {@code check} is clean.
 */
@Tag("slow")
class RebalanceFourNodesTest {
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
    CliRun done = RebalanceTest.run(file, "rebalance", "--delete");
    assertEquals(0, done.status(), done.out() + done.err());
    nodes.assertPlaced(newRing, true);
    CliRun check = RebalanceTest.run(file, "check");
    assertEquals(0, check.status(), check.out() + check.err());
  }

  @Test
  void addAFourthNode() throws Exception {
    cluster = SshCluster.start(dir, 4);
    nodes = new RebalanceCluster(cluster);
    scenario(nodes.ring("old", 1, 0, 1, 2), nodes.ring("new", 1, 0, 1, 2, 3));
  }

  @Test
  void drainTheFourthNode() throws Exception {
    cluster = SshCluster.start(dir, 4);
    nodes = new RebalanceCluster(cluster);
    scenario(nodes.ring("old", 1, 0, 1, 2, 3), nodes.ring("new", 1, 0, 1, 2));
    try (Stream<Path> left = Files.walk(cluster.roots.get(3))) {
      assertEquals(0, left.filter(p -> p.toString().endsWith(".wsp")).count(),
          "the drained node still holds metrics");
    }
  }

  @Test
  void addAFourthNodeAtReplicationTwo() throws Exception {
    cluster = SshCluster.start(dir, 4);
    nodes = new RebalanceCluster(cluster);
    scenario(nodes.ring("old", 2, 0, 1, 2), nodes.ring("new", 2, 0, 1, 2, 3));
  }
}
