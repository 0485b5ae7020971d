package io.whisper.cli.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.whisper.core.AggregationMethod;
import io.whisper.core.Allocation;
import io.whisper.core.Retention;
import io.whisper.core.TimeSeries;
import io.whisper.core.Whisper;
import io.whisper.core.WhisperFile;
import io.whisper.ring.Member;
import io.whisper.ring.Ring;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Rebalance scenarios on the loopback sshd cluster: rings over some of its nodes, metrics
 * placed by an old ring with points that differ per copy (so a lost copy shows), and the end
 * state checked against the new ring: every point of every copy on every owner, nothing on a
 * non-owner, each retired copy in its node's trash exactly once.
 */
final class RebalanceCluster {
  static final long NOW = System.currentTimeMillis() / 1000 / 60 * 60;
  static final List<Retention> SCHEMA = List.of(Retention.parse("60:1440"),
      Retention.parse("3600:48"));

  final SshCluster cluster;
  /** Every copy written: by metric, the nodes that got one (in order) and its points. */
  final Map<String, Map<Integer, Map<Long, Double>>> copies = new TreeMap<>();

  RebalanceCluster(SshCluster cluster) {
    this.cluster = cluster;
  }

  /** Writes a relay config {@code name} of {@code nodes}, fnv1a_ch with {@code replication}. */
  Path ring(String name, int replication, int... nodes) throws IOException {
    StringBuilder text = new StringBuilder("cluster graphite\n  fnv1a_ch replication "
        + replication + "\n");
    for (int node : nodes) {
      text.append("    ").append(SshCluster.member(node)).append('\n');
    }
    text.append("  ;\nmatch * send to graphite stop;\n");
    Path ring = cluster.dir.resolve(name + ".relay.conf");
    Files.writeString(ring, text);
    return ring;
  }

  /** Writes a cluster file {@code name} with the ring and a section for every node. */
  Path clusterFile(String name, Path ring) throws IOException {
    List<String> members = new ArrayList<>();
    for (int i = 0; i < cluster.size(); i++) {
      members.add(SshCluster.member(i));
    }
    return clusterFile(name, ring, members);
  }

  /**
   * Writes a cluster file {@code name} with the ring and a section for every node, node
   * {@code i} being ring member {@code members.get(i)} (a node its ring does not name is
   * drained).
   */
  Path clusterFile(String name, Path ring, List<String> members) throws IOException {
    StringBuilder text = new StringBuilder("[cluster]\nring = " + ring + "\n"
        + "relay-cluster = graphite\nssh = " + System.getProperty("user.name") + "@{host}\n"
        + "command = " + cluster.tool + "\n");
    for (int i = 0; i < cluster.size(); i++) {
      text.append("\n[node ").append(members.get(i)).append("]\nssh-options = ")
          .append(cluster.sshOptions(i)).append("\nstorage = ").append(cluster.roots.get(i))
          .append('\n');
    }
    Path file = cluster.dir.resolve(name + ".cluster.conf");
    Files.writeString(file, text);
    return file;
  }

  /** The owners of {@code metric} in {@code ring}, as node indices. */
  static List<Integer> owners(Path ring, String metric) throws Exception {
    List<Integer> owners = new ArrayList<>();
    for (Member member : Ring.load(ring, Optional.of("graphite")).owners(metric)) {
      owners.add(SshCluster.HOSTS.indexOf(member.host()));
    }
    return owners;
  }

  /** Places {@code count} metrics on their owners in {@code ring}, each copy its own points. */
  void place(Path ring, String prefix, int count) throws Exception {
    for (int m = 0; m < count; m++) {
      String metric = prefix + ".m" + m + ".value";
      for (int node : owners(ring, metric)) {
        copy(node, metric);
      }
    }
  }

  /**
   * Writes a copy of {@code metric} on {@code node}: 40 points a minute apart, at minutes that
   * no other copy uses (the copy's number picks them), so the union of copies is exact.
   */
  void copy(int node, String metric) throws IOException {
    Path file = path(node, metric);
    Files.createDirectories(file.getParent());
    Whisper.create(file, SCHEMA, 0.5, AggregationMethod.AVERAGE, Allocation.SPARSE, false);
    Map<Integer, Map<Long, Double>> holders =
        copies.computeIfAbsent(metric, k -> new java.util.LinkedHashMap<>());
    int copyNumber = holders.size();
    Map<Long, Double> written = new TreeMap<>();
    holders.put(node, written);
    try (WhisperFile whisper = WhisperFile.openForUpdate(file)) {
      for (int k = 0; k < 40; k++) {
        long t = NOW - (k * 4 + copyNumber) * 60L;
        double value = node * 1000 + k + copyNumber * 0.25;
        whisper.update(value, t, NOW);
        written.put(t, value);
      }
    }
  }

  Path path(int node, String metric) {
    return cluster.roots.get(node).resolve(metric.replace('.', '/') + ".wsp");
  }

  /**
   * Checks the end state against {@code ring}: each owner holds every point it held and every
   * point of the copies on non-owners, and an owner that had no copy holds every point of every
   * copy; no non-owner holds the metric, and (when {@code deleted}) each copy that was on a
   * non-owner is in that node's trash exactly once.
   */
  void assertPlaced(Path ring, boolean deleted) throws Exception {
    for (Map.Entry<String, Map<Integer, Map<Long, Double>>> entry : copies.entrySet()) {
      String metric = entry.getKey();
      List<Integer> owners = owners(ring, metric);
      for (int node = 0; node < cluster.size(); node++) {
        Path file = path(node, metric);
        if (owners.contains(node)) {
          assertTrue(Files.exists(file), metric + " missing on its owner " + node);
          Map<Long, Double> expected = new TreeMap<>();
          boolean held = entry.getValue().containsKey(node);
          for (Map.Entry<Integer, Map<Long, Double>> copy : entry.getValue().entrySet()) {
            int holder = copy.getKey();
            if (!held || holder == node || !owners.contains(holder)) {
              expected.putAll(copy.getValue());
            }
          }
          Map<Long, Double> found = pointsOf(file);
          for (Map.Entry<Long, Double> point : expected.entrySet()) {
            assertEquals(point.getValue(), found.get(point.getKey()),
                metric + " on " + node + " lost the point at " + point.getKey());
          }
        } else if (deleted) {
          assertFalse(Files.exists(file), metric + " left on non-owner " + node);
          boolean wasThere = entry.getValue().containsKey(node);
          assertEquals(wasThere ? 1 : 0, trashed(node, metric), metric + " in node " + node
              + "'s trash");
        }
      }
    }
  }

  /** How many copies of {@code metric} are in {@code node}'s trash, over all batches. */
  long trashed(int node, String metric) throws IOException {
    Path trash = cluster.roots.get(node).resolveSibling("whisper.trash");
    if (!Files.isDirectory(trash)) {
      return 0;
    }
    String relative = metric.replace('.', '/') + ".wsp";
    try (Stream<Path> batches = Files.list(trash)) {
      return batches.filter(b -> Files.exists(b.resolve(relative))).count();
    }
  }

  static Map<Long, Double> pointsOf(Path file) throws IOException {
    Map<Long, Double> held = new HashMap<>();
    try (WhisperFile whisper = WhisperFile.open(file)) {
      TimeSeries series = whisper.fetchArchive(0, NOW - 86_000, NOW + 60);
      for (int i = 0; i < series.values().size(); i++) {
        Double value = series.values().get(i);
        if (value != null) {
          held.put(series.timestampAt(i), value);
        }
      }
    }
    return held;
  }
}
