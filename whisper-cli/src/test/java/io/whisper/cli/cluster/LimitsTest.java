package io.whisper.cli.cluster;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link Limits} paces each node on its own: one node's files wait for that node's rate, and
 * two nodes at the same time each get the whole rate.
 */
class LimitsTest {
  @Test
  void eachNodeKeepsItsOwnRate() throws Exception {
    Limits limits = new Limits(2, 20, 0);
    long started = System.nanoTime();
    Thread other = Thread.ofPlatform().start(() -> {
      try {
        for (int i = 0; i < 11; i++) {
          limits.file(1);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    for (int i = 0; i < 11; i++) {
      limits.file(0);
    }
    other.join();
    double seconds = (System.nanoTime() - started) / 1e9;
    // 11 files each: 10 waits of 50 ms per node; one shared limit would need a whole second
    assertTrue(seconds >= 0.45, "the rate held: " + seconds);
    assertTrue(seconds < 0.9, "the nodes did not wait for each other: " + seconds);
  }

  @Test
  void bytesArePacedPerNode() throws Exception {
    Limits limits = new Limits(3, 0, 100_000);
    long started = System.nanoTime();
    for (int i = 0; i < 4; i++) {
      limits.bytes(2, 10_000);
    }
    limits.bytes(0, 10_000); // another node: no wait for node 2's bytes
    double seconds = (System.nanoTime() - started) / 1e9;
    assertTrue(seconds >= 0.28 && seconds < 0.6, "30 KB waited at 100 KB/s: " + seconds);
  }
}
