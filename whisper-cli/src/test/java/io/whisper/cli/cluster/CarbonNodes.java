package io.whisper.cli.cluster;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A live Graphite cluster on the loopback sshd nodes: one Debian {@code carbon-cache} per node
 * (its own ports on the node's address, {@code WHISPER_LOCK_WRITES = True}, the node's storage
 * root as its data folder, no metrics of its own) and one Debian {@code carbon-c-relay} in
 * front (submission mode: no statistics of its own) whose config is the cluster's ring. A new
 * ring is written to the relay's config and loaded with SIGHUP, as an operator does. Stops
 * everything it started on close.
 */
final class CarbonNodes implements AutoCloseable {
  static final Path CARBON_CACHE = Path.of("/usr/bin/carbon-cache");
  /** One archive, ten-second points for six hours: every point the writer sends is kept. */
  static final int STEP = 10;
  static final int RETENTION = 6 * 3600;

  private final SshCluster cluster;
  private final List<Integer> linePorts = new ArrayList<>();
  private final List<Process> caches = new ArrayList<>();
  private final Path relayConfig;
  private final int relayPort;
  private Process relay;

  private CarbonNodes(SshCluster cluster) throws IOException {
    this.cluster = cluster;
    this.relayConfig = cluster.dir.resolve("carbon-c-relay.conf");
    this.relayPort = SshCluster.freePort("127.0.0.1");
  }

  /**
   * Starts a carbon-cache on every node and the relay with the ring of {@code nodes} at
   * {@code replication}; skips the test where carbon or the relay is not installed.
   */
  static CarbonNodes start(SshCluster cluster, int replication, int... nodes)
      throws IOException, InterruptedException {
    assumeTrue(Files.isExecutable(CARBON_CACHE), "graphite-carbon is not installed");
    assumeTrue(RelayOracle.installed(), "carbon-c-relay is not installed");
    CarbonNodes carbon = new CarbonNodes(cluster);
    try {
      for (int i = 0; i < cluster.size(); i++) {
        carbon.startCache(i);
      }
      carbon.ring(replication, nodes);
      carbon.relay = new ProcessBuilder(RelayOracle.RELAY.toString(), "-s", "-w", "1",
          "-f", carbon.relayConfig.toString())
          .redirectErrorStream(true)
          .redirectOutput(cluster.dir.resolve("carbon-c-relay.log").toFile()).start();
      for (int i = 0; i < cluster.size(); i++) {
        SshCluster.awaitPort(SshCluster.HOSTS.get(i), carbon.linePorts.get(i), carbon.caches.get(i),
            cluster.dir.resolve("carbon" + i + ".log"));
      }
      SshCluster.awaitPort("127.0.0.1", carbon.relayPort, carbon.relay,
          cluster.dir.resolve("carbon-c-relay.log"));
    } catch (IOException | InterruptedException | RuntimeException e) {
      carbon.close();
      throw e;
    }
    return carbon;
  }

  private void startCache(int i) throws IOException {
    String host = SshCluster.HOSTS.get(i);
    Path home = Files.createDirectories(cluster.dir.resolve("carbon" + i));
    Files.writeString(home.resolve("storage-schemas.conf"), "[all]\npattern = .*\nretentions = "
        + STEP + "s:" + RETENTION / 3600 + "h\n");
    int line = SshCluster.freePort(host);
    linePorts.add(line);
    Files.writeString(home.resolve("carbon.conf"), String.join("\n",
        "[cache]",
        "STORAGE_DIR = " + home,
        "LOCAL_DATA_DIR = " + cluster.roots.get(i),
        "WHITELISTS_DIR = " + home,
        "CONF_DIR = " + home,
        "LOG_DIR = " + home,
        "PID_DIR = " + home,
        "ENABLE_LOGROTATION = False",
        "USER =",
        "MAX_CACHE_SIZE = inf",
        "MAX_UPDATES_PER_SECOND = inf",
        "MAX_CREATES_PER_MINUTE = inf",
        "WHISPER_LOCK_WRITES = True",
        "CARBON_METRIC_INTERVAL = 0",
        "ENABLE_UDP_LISTENER = False",
        "LINE_RECEIVER_INTERFACE = " + host,
        "LINE_RECEIVER_PORT = " + line,
        "PICKLE_RECEIVER_INTERFACE = " + host,
        "PICKLE_RECEIVER_PORT = " + SshCluster.freePort(host),
        "CACHE_QUERY_INTERFACE = " + host,
        "CACHE_QUERY_PORT = " + SshCluster.freePort(host),
        ""));
    caches.add(new ProcessBuilder(CARBON_CACHE.toString(), "--config="
        + home.resolve("carbon.conf"), "--nodaemon", "start")
        .redirectErrorStream(true).redirectOutput(cluster.dir.resolve("carbon" + i + ".log")
            .toFile()).start());
  }

  /** The ring member of node {@code i}: its address and its carbon-cache's line port. */
  String member(int i) {
    return SshCluster.HOSTS.get(i) + ":" + linePorts.get(i);
  }

  /** Every node's ring member, in node order. */
  List<String> members() {
    List<String> members = new ArrayList<>();
    for (int i = 0; i < cluster.size(); i++) {
      members.add(member(i));
    }
    return members;
  }

  /** The relay's config: the cluster's ring. */
  Path ringFile() {
    return relayConfig;
  }

  /** The relay's line port on 127.0.0.1. */
  int relayPort() {
    return relayPort;
  }

  /**
   * Writes the relay's config: {@code nodes} in an fnv1a_ch cluster of {@code replication}
   * that gets every metric. The running relay goes on with the ring it has until
   * {@link #reload()}.
   */
  void ring(int replication, int... nodes) throws IOException {
    StringBuilder text = new StringBuilder("listen type linemode 127.0.0.1:" + relayPort
        + " proto tcp;\ncluster graphite\n  fnv1a_ch replication " + replication + "\n");
    for (int node : nodes) {
      text.append("    ").append(member(node)).append('\n');
    }
    text.append("  ;\nmatch * send to graphite stop;\n");
    Path temp = relayConfig.resolveSibling(relayConfig.getFileName() + ".tmp");
    Files.writeString(temp, text);
    Files.move(temp, relayConfig, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /** Makes the relay read its config again (SIGHUP), as an operator does after a ring change. */
  void reload() throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(relay.pid())).start();
    if (kill.waitFor() != 0) {
      throw new IOException("kill -HUP of the relay failed");
    }
  }

  @Override
  public void close() {
    List<Process> all = new ArrayList<>(caches);
    if (relay != null) {
      all.addFirst(relay);
    }
    for (Process process : all) {
      process.destroy(); // SIGTERM: carbon writes out its cache and stops
    }
    for (Process process : all) {
      try {
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          process.waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
