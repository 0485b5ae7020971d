package io.whisper.cli.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.whisper.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The controller of {@code rebalance --delete} killed with SIGKILL at 20 random moments, each
 * run resuming the one before, then run to its end: the end state is the one a run that was
 * never killed reaches (every point on every owner, nothing on a non-owner, each stray copy
 * in its node's trash exactly once, no temporary file left), and the journal is gone.
 */
@Tag("slow")
class RebalanceKillTest {
  private static final int KILLS = 20;

  @TempDir
  Path dir;

  private static long lines(Path journal) throws java.io.IOException {
    try {
      return Files.exists(journal) ? Files.readAllLines(journal).size() : 0;
    } catch (java.nio.charset.MalformedInputException e) {
      return 0; // a line being written
    }
  }

  @Test
  void killedAtRandomMomentsThenFinishedBySameCommand() throws Exception {
    long seed = Long.getLong("rebalance.seed", System.nanoTime());
    System.out.println("RebalanceKillTest seed " + seed + " (-Drebalance.seed=" + seed
        + " to repeat)");
    Random random = new Random(seed);
    try (SshCluster cluster = SshCluster.start(dir)) {
      RebalanceCluster nodes = new RebalanceCluster(cluster);
      Path oldRing = nodes.ring("old", 1, 0, 1);
      Path newRing = nodes.ring("new", 2, 0, 1, 2);
      nodes.place(oldRing, "kill", 240);
      for (int m = 0; m < 240; m += 20) { // failover copies: their points must end on the owners
        String metric = "kill.m" + m + ".value";
        nodes.copy(RebalanceCluster.owners(oldRing, metric).getFirst() == 0 ? 1 : 0, metric);
      }
      Path file = nodes.clusterFile("new", newRing);
      Path journal = file.resolveSibling(file.getFileName() + ".rebalance-journal");
      int finishedEarly = 0;
      long firstStepMillis = 0;
      int killedMidWay = 0; // killed after some step was journaled and before the end
      long steps = 0;
      for (int kill = 0; kill < KILLS; kill++) {
        Process controller = new ProcessBuilder(cluster.tool.toString(), "cluster", "-c",
            file.toString(), "rebalance", "--delete", "-j", "2",
            "--rate", "8") // slow enough that 20 kills land all along the run
            .redirectErrorStream(true).redirectOutput(dir.resolve("run" + kill + ".log").toFile())
            .start();
        long delay;
        if (kill == 0) {
          // the first run is killed at its first journaled step: how long a run takes to get
          // going on this machine (JVMs, ssh, the listing), the floor of the later delays
          long started = System.nanoTime();
          while (controller.isAlive() && lines(journal) < 2) {
            Thread.sleep(20);
          }
          firstStepMillis = (System.nanoTime() - started) / 1_000_000;
          delay = 0;
        } else {
          delay = firstStepMillis * 3 / 4 + random.nextInt(2500);
        }
        if (controller.waitFor(delay, TimeUnit.MILLISECONDS)) {
          finishedEarly++;
          assertTrue(controller.exitValue() <= 1, "run " + kill + ": "
              + Files.readString(dir.resolve("run" + kill + ".log")));
        } else {
          controller.destroyForcibly(); // SIGKILL: no shutdown hook, nothing flushed
          controller.waitFor();
          long now = lines(journal);
          if (now > steps) {
            killedMidWay++;
          }
          steps = now;
        }
      }
      System.out.println("RebalanceKillTest: " + (KILLS - finishedEarly) + " runs killed, "
          + finishedEarly + " ended before their kill, " + killedMidWay
          + " killed after journaling steps; " + steps + " journal lines; first step after "
          + firstStepMillis + " ms");
      assertTrue(killedMidWay >= 10, "most runs must be killed mid-way: " + killedMidWay);
      CliRun last = RebalanceTest.run(file, "rebalance", "--delete");
      assertEquals(0, last.status(), last.out() + last.err());
      nodes.assertPlaced(newRing, true);
      assertFalse(Files.exists(journal), "a finished run removes its journal");
      CliRun check = RebalanceTest.run(file, "check");
      assertEquals(0, check.status(), check.out() + check.err());
      List<Path> temps = new ArrayList<>();
      for (Path root : cluster.roots) {
        try (Stream<Path> walk = Files.walk(root)) {
          walk.filter(p -> p.getFileName().toString().endsWith(".rebalance.tmp"))
              .forEach(temps::add);
        }
      }
      assertEquals(List.of(), temps, "temporary files left");
    }
  }
}
