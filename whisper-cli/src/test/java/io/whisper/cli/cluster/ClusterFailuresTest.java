package io.whisper.cli.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.whisper.cli.CliRun;
import io.whisper.core.Retention;
import io.whisper.core.Whisper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node that is down, one without the tool, one that is slow: each is reported by name, the
 * other nodes' answers still come, and the exit status says the answer is partial.
 */
@Tag("slow")
class ClusterFailuresTest {
  @TempDir
  static Path dir;
  static SshCluster cluster;

  @BeforeAll
  static void start() throws Exception {
    cluster = SshCluster.start(dir);
    for (int i = 0; i < 3; i++) {
      Path file = cluster.roots.get(i).resolve("node" + i + "/metric.wsp");
      Files.createDirectories(file.getParent());
      Whisper.create(file, List.of(Retention.parse("60:10")));
    }
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  // Node 0 healthy, node 1 with the given tool, node 2 on a port where nothing listens.
  static Path clusterFile(String nodeOneCommand) throws IOException {
    Path file = cluster.writeClusterFile(1, Arrays.asList(null, nodeOneCommand, null));
    int dead;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.4"))) {
      dead = socket.getLocalPort();
    }
    Files.writeString(file, Files.readString(file)
        .replace("-p " + cluster.ports.get(2) + " ", "-p " + dead + " "));
    return file;
  }

  static CliRun run(Path file, String... args) {
    List<String> all = new ArrayList<>(List.of("cluster", "-c", file.toString()));
    all.addAll(List.of(args));
    return CliRun.of(all.toArray(String[]::new));
  }

  @Test
  void downAndToolMissingAreNamedAndTheOthersAnswer() throws IOException {
    Path file = clusterFile("/nonexistent/whisper");
    CliRun run = run(file, "list");
    assertEquals(2, run.status(), run.err());
    assertEquals("node0.metric\t127.0.0.2:2003\n", run.out());
    assertTrue(run.err().contains("whisper cluster: 127.0.0.3:2003: no whisper tool there"
        + " ('/nonexistent/whisper' not found"), run.err());
    assertTrue(run.err().contains("whisper cluster: 127.0.0.4:2003: ssh failed: ")
        && run.err().contains("Connection refused"), run.err());

    CliRun nodes = run(file, "nodes", "--json");
    assertEquals(2, nodes.status());
    assertTrue(nodes.out().contains("\"node\": \"127.0.0.2:2003\"") && nodes.out()
        .contains("\"reachable\": true, \"version\": \"(development build)\", \"metrics\": 1"),
        nodes.out());
    assertTrue(nodes.out().contains("\"reachable\": false, \"error\": \"ssh failed: "),
        nodes.out());

    CliRun check = run(file, "check");
    assertEquals(2, check.status(), check.err());
    assertTrue(check.err().contains("127.0.0.4:2003: did not answer; 0 metrics"), check.err());
    assertFalse(check.out().contains("missing"), "an owner that did not answer lacks nothing: "
        + check.out());
  }

  @Test
  void aSlowNodeTimesOutAndTheOthersAnswer() throws IOException {
    Path slow = dir.resolve("slow-whisper");
    Files.writeString(slow, "#!/bin/sh\nexec sleep 60\n");
    Files.setPosixFilePermissions(slow, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path file = clusterFile(slow.toString());
    long start = System.nanoTime();
    CliRun run = run(file, "--timeout", "3", "list");
    long seconds = (System.nanoTime() - start) / 1_000_000_000L;
    assertEquals(2, run.status(), run.err());
    assertEquals("node0.metric\t127.0.0.2:2003\n", run.out());
    assertTrue(run.err().contains("whisper cluster: 127.0.0.3:2003: slow: no answer for 3 s"),
        run.err());
    assertTrue(seconds < 20, "took " + seconds + " s");
  }

  @Test
  void aDrainedNodeIsListedAndOwnsNothing() throws IOException {
    Path drained = Files.createDirectories(dir.resolve("drained/whisper"));
    Whisper.create(Files.createDirectories(drained.resolve("old")).resolve("metric.wsp"),
        List.of(Retention.parse("60:10")));
    Path file = cluster.writeClusterFile(1, null);
    Files.writeString(file, Files.readString(file) + "\n[node 127.0.0.9:2003]   # not in the ring\n"
        + "ssh = " + System.getProperty("user.name") + "@127.0.0.2\nssh-options = "
        + cluster.sshOptions(0) + "\nstorage = " + drained + "\n");
    CliRun list = run(file, "list", "old.*");
    assertEquals(0, list.status(), list.err());
    assertEquals("old.metric\t127.0.0.9:2003\n", list.out());
    CliRun check = run(file, "check", "old.*");
    assertEquals(1, check.status(), check.err());
    assertTrue(check.out().startsWith("misplaced\told.metric\t127.0.0.9:2003\t"), check.out());
    CliRun nodes = run(file, "nodes");
    assertTrue(nodes.out().contains("127.0.0.9:2003  ok (drained)"), nodes.out());
  }

  @Test
  void badClusterFileIsOneLine() throws IOException {
    Path file = dir.resolve("bad.conf");
    Files.writeString(file, "[cluster]\nring = relay.conf\nsshh = x\n");
    CliRun run = run(file, "list");
    assertEquals(2, run.status());
    assertEquals(1, run.err().strip().split("\n").length, run.err());
    assertTrue(run.err().contains("bad.conf:3: unknown setting 'sshh'"), run.err());
    CliRun pattern = run(clusterFile(null), "list", "a.{b");
    assertEquals(2, pattern.status());
    assertTrue(pattern.err().contains("is not a glob"), pattern.err());
  }
}
