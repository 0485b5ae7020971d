package io.whisper.cli.cluster;

import io.whisper.ring.Ring;
import io.whisper.ring.RingException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** What every verb shares: the cluster file, the ring, the nodes, and how to reach them. */
final class ClusterContext {
  Path clusterFile;
  long timeoutSeconds = 60;
  long connectTimeoutSeconds = 10;

  /** The cluster as loaded for one run. */
  record Loaded(Ring ring, List<Node> nodes, Transport transport) {}

  /** Reads the cluster file and its ring; an IOException says what is wrong, in one line. */
  Loaded load() throws IOException {
    Path file = clusterFile;
    if (file == null) {
      String fromEnv = System.getenv("WHISPER_CLUSTER");
      if (fromEnv == null || fromEnv.isEmpty()) {
        throw new IOException("no cluster file: give -c FILE or set WHISPER_CLUSTER");
      }
      file = Path.of(fromEnv);
    }
    if (timeoutSeconds < 1 || connectTimeoutSeconds < 1) {
      throw new IOException("--timeout and --connect-timeout must be at least 1 second");
    }
    ClusterFile cluster = ClusterFile.read(file);
    Ring ring;
    try {
      ring = Ring.load(cluster.ring(), cluster.relayCluster());
    } catch (RingException e) {
      throw new IOException(e.getMessage(), e);
    }
    List<Node> nodes = cluster.resolve(ring.members());
    String runtime = Optional.ofNullable(System.getenv("XDG_RUNTIME_DIR"))
        .filter(s -> !s.isEmpty()).orElse(System.getProperty("java.io.tmpdir"));
    Path control = Path.of(runtime, "whisper-ssh-" + System.getProperty("user.name"));
    return new Loaded(ring, nodes, new Transport("ssh", Duration.ofSeconds(connectTimeoutSeconds),
        Duration.ofSeconds(timeoutSeconds), control));
  }
}
