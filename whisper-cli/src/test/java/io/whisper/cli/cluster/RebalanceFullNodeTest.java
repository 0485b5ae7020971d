package io.whisper.cli.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.whisper.cli.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node that fills up in the middle of {@code rebalance --delete}: the new third node's storage
 * is a small tmpfs (mounted as root; skipped elsewhere), nearly full. The metrics that no longer
 * fit fail, each named with the node; their sources stay where they were, nothing half written
 * is left on the full node, and the run exits 1 with its journal kept. Once space is freed, the
 * same command finishes the run: every point on every owner, nothing on a non-owner.
 */
@Tag("slow")
class RebalanceFullNodeTest {
  private static final int METRICS = 60;
  private static final long LEFT_FREE = 96 << 10;

  @TempDir
  Path dir;

  @Test
  void aNodeFullMidRunFailsThoseMetricsAndTheRerunFinishes() throws Exception {
    assumeTrue(((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0,
        "RebalanceFullNodeTest mounts a tmpfs: it runs as root");
    SshCluster cluster = SshCluster.start(dir);
    try {
      // node 2's folder (its root and the trash beside it) on a 1 MiB tmpfs
      Path small = cluster.roots.get(2).getParent();
      assumeTrue(command("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", small.toString()) == 0,
          "cannot mount a tmpfs here");
      try {
        Files.createDirectories(cluster.roots.get(2));
        RebalanceCluster nodes = new RebalanceCluster(cluster);
        Path oldRing = nodes.ring("old", 1, 0, 1);
        Path newRing = nodes.ring("new", 1, 0, 1, 2);
        nodes.place(oldRing, "full", METRICS);
        Path file = nodes.clusterFile("new", newRing);
        Path filler = small.resolve("filler");
        byte[] fill = new byte[(int) (Files.getFileStore(small).getUsableSpace() - LEFT_FREE)];
        Arrays.fill(fill, (byte) 1);
        Files.write(filler, fill);

        CliRun full = RebalanceTest.run(file, "rebalance", "--delete");
        assertEquals(1, full.status(), full.out() + full.err());
        List<String> failed = full.out().lines().filter(l -> l.startsWith("failed\t")).toList();
        long created = full.out().lines().filter(l -> l.startsWith("created\t")).count();
        System.out.println("RebalanceFullNodeTest: " + created + " created, " + failed.size()
            + " failed on the full node: " + failed.getFirst());
        assertTrue(!failed.isEmpty() && created > 0, "some fit, some fail: " + full.out());
        for (String line : failed) {
          String[] fields = line.split("\t");
          assertEquals(SshCluster.member(2), fields[2], "named with the full node: " + line);
          String metric = fields[1];
          for (int holder : nodes.copies.get(metric).keySet()) {
            assertTrue(Files.exists(nodes.path(holder, metric)), metric + ": source kept");
          }
          assertFalse(Files.exists(nodes.path(2, metric)), metric + ": not on the full node");
        }
        assertEquals(List.of(), leftovers(cluster.roots.get(2)), "temporary files left");
        assertTrue(Files.exists(file.resolveSibling(file.getFileName() + ".rebalance-journal")),
            "the journal is kept for the rerun");

        Files.delete(filler);
        CliRun rerun = RebalanceTest.run(file, "rebalance", "--delete");
        assertEquals(0, rerun.status(), rerun.out() + rerun.err());
        assertEquals(failed.size(), rerun.out().lines().filter(l -> l.startsWith("created\t"))
            .count(), "the rerun moves what failed, and only that: " + rerun.out());
        nodes.assertPlaced(newRing, true);
        CliRun check = RebalanceTest.run(file, "check");
        assertEquals(0, check.status(), check.out() + check.err());
      } finally {
        cluster.close(); // the node sessions end before the unmount
        if (command("umount", small.toString()) != 0) {
          command("umount", "-l", small.toString());
        }
      }
    } finally {
      cluster.close();
    }
  }

  private static List<Path> leftovers(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> p.getFileName().toString().endsWith(".rebalance.tmp")).toList();
    }
  }

  private static int command(String... command) throws IOException, InterruptedException {
    return new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
  }
}
