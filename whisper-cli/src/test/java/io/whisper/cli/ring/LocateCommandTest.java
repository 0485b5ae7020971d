package io.whisper.cli.ring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.whisper.cli.CliRun;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code whisper locate}: the cluster.md samples of the relay's fnv1a_ch, names from arguments
 * and from standard input (raw bytes passed through), .wsp paths, JSON, and bad input.
 */
class LocateCommandTest {
  static final String FNV_RING = """
      # cluster.md's sample: fnv1a_ch over 127.0.0.1/2/3:2003
      cluster sample
          fnv1a_ch
              127.0.0.1:2003 127.0.0.2:2003 127.0.0.3:2003
          ;
      match * send to sample stop;
      """;

  @TempDir Path dir;

  private Path ring(String text) throws Exception {
    return Files.writeString(dir.resolve("relay.conf"), text);
  }

  @Test
  void locatesTheRelaysSampleNames() throws Exception {
    CliRun run = CliRun.streaming("", "locate", "-r", ring(FNV_RING).toString(), "foo.bar.baz",
        "sys.web01.cpu.user", "collectd.db-07.memory.used");
    assertEquals(0, run.status(), run.err());
    assertEquals("""
        foo.bar.baz\t127.0.0.3:2003
        sys.web01.cpu.user\t127.0.0.2:2003
        collectd.db-07.memory.used\t127.0.0.3:2003
        """, run.out());
  }

  @Test
  void streamsStandardInputAndTakesPathsAndPlaintextLines() throws Exception {
    String conf = ring(FNV_RING).toString();
    CliRun run = CliRun.streaming("foo/bar/baz.wsp\n\n   \nsys.web01.cpu.user 0.5 1700000000\n"
        + "collectd.db-07.memory.used", "locate", "-r", conf);
    assertEquals(0, run.status(), run.err());
    assertEquals("""
        foo.bar.baz\t127.0.0.3:2003
        sys.web01.cpu.user\t127.0.0.2:2003
        collectd.db-07.memory.used\t127.0.0.3:2003
        """, run.out());
  }

  @Test
  void passesRawBytesThrough() throws Exception {
    byte[] name = {'a', '.', (byte) 0xe9, (byte) 0xff, '.', 'b'};
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    in.writeBytes(name);
    in.write('\n');
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    CliRun run = CliRun.streaming(in.toByteArray(), stdout, "locate", "-r", ring(FNV_RING).toString());
    assertEquals(0, run.status(), run.err());
    byte[] out = stdout.toByteArray();
    byte[] start = java.util.Arrays.copyOf(out, name.length + 1);
    byte[] expected = java.util.Arrays.copyOf(name, name.length + 1);
    expected[name.length] = '\t';
    assertArrayEquals(expected, start);
  }

  @Test
  void replicasInOrderWithInstancesAndJson() throws Exception {
    Path conf = Files.writeString(dir.resolve("carbon.conf"), """
        [relay]
        RELAY_METHOD = consistent-hashing
        REPLICATION_FACTOR = 2
        DESTINATIONS = 127.0.0.1:2004:a, 127.0.0.2:2004:b, 127.0.0.3:2104:c
        """);
    // The owners carbon's own router gives these names (carbon_router.py).
    CliRun run = CliRun.streaming("", "locate", "-r", conf.toString(), "foo.bar.baz",
        "sys.web01.cpu.user");
    assertEquals(0, run.status(), run.err());
    assertEquals("""
        foo.bar.baz\t127.0.0.1:2004=a 127.0.0.2:2004=b
        sys.web01.cpu.user\t127.0.0.2:2004=b 127.0.0.1:2004=a
        """, run.out());
    CliRun json = CliRun.streaming("", "locate", "--json", "-r", conf.toString(), "foo.bar.baz");
    assertEquals("{\"name\": \"foo.bar.baz\", \"owners\": [{\"host\": \"127.0.0.1\", \"port\":"
        + " 2004, \"instance\": \"a\"}, {\"host\": \"127.0.0.2\", \"port\": 2004, \"instance\":"
        + " \"b\"}]}\n", json.out());
  }

  @Test
  void unknownAlgorithmIsOneLineAndStatus2() throws Exception {
    Path conf = ring("cluster x\n    md5_ch 10.0.0.1:2003;\n");
    assertBadInput(CliRun.streaming("", "locate", "-r", conf.toString(), "a"),
        conf + ":2: unknown cluster type 'md5_ch'");
  }

  @Test
  void unknownCarbonHashTypeIsOneLineAndStatus2() throws Exception {
    Path conf = Files.writeString(dir.resolve("carbon.conf"),
        "[relay]\nROUTER_HASH_TYPE = mmh3_ch\nDESTINATIONS = 10.0.0.1:2004\n");
    assertBadInput(CliRun.streaming("", "locate", "-r", conf.toString(), "a"),
        conf + ":2: unknown ROUTER_HASH_TYPE 'mmh3_ch'");
  }

  @Test
  void missingClusterIsOneLineAndStatus2() throws Exception {
    Path conf = ring(FNV_RING);
    assertBadInput(CliRun.streaming("", "locate", "-r", conf.toString(), "--cluster", "main", "a"),
        conf + ": no cluster 'main' (clusters: sample)");
  }

  @Test
  void replicationAboveTheMembersIsOneLineAndStatus2() throws Exception {
    Path conf = ring("cluster x\n  carbon_ch replication 3\n    10.0.0.1:2003 10.0.0.2:2003\n;\n");
    assertBadInput(CliRun.streaming("", "locate", "-r", conf.toString(), "a"),
        conf + ":1: cluster 'x': replication 3 is larger than the number of members (2)");
    Path carbon = Files.writeString(dir.resolve("carbon.conf"),
        "[relay]\nREPLICATION_FACTOR = 4\nDESTINATIONS = 10.0.0.1:2004, 10.0.0.2:2004\n");
    assertBadInput(CliRun.streaming("", "locate", "-r", carbon.toString(), "a"),
        carbon + ":2: REPLICATION_FACTOR 4 is larger than the number of DESTINATIONS (2)");
  }

  @Test
  void unreadableRingFileIsOneLineAndStatus2() throws Exception {
    assertBadInput(CliRun.streaming("", "locate", "-r", dir.resolve("nope.conf").toString(), "a"),
        dir.resolve("nope.conf") + ": cannot read: no such file");
    Path conf = ring(FNV_RING);
    if (!"root".equals(System.getProperty("user.name"))) { // root reads anything
      Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("---------"));
      assertBadInput(CliRun.streaming("", "locate", "-r", conf.toString(), "a"),
          conf + ": cannot read: permission denied");
    }
    assertBadInput(CliRun.streaming("", "locate", "-r", dir.toString(), "a"), dir + ": cannot read");
  }

  @Test
  void syntaxErrorNamesTheLine() throws Exception {
    Path conf = ring("listen type linemode 2003 proto tcp;\n\ncluster x\n  fnv1a_ch\n"
        + "    10.0.0.1:2003\n    10.0.0.2:99999\n  ;\n");
    assertBadInput(CliRun.streaming("", "locate", "-r", conf.toString(), "a"),
        conf + ":6: invalid port number '99999' in '10.0.0.2:99999'");
    Path missing = ring("cluster x fnv1a_ch 10.0.0.1:2003\n");
    assertBadInput(CliRun.streaming("", "locate", "-r", missing.toString(), "a"),
        missing + ":1: expected ';' to end cluster 'x', found the end of the file");
  }

  @Test
  void missingRingOptionIsAUsageError() {
    CliRun run = CliRun.streaming("", "locate", "a.b");
    assertEquals(2, run.status());
    assertTrue(run.err().startsWith("whisper locate: Missing required option: '--ring=RINGFILE'"),
        run.err());
  }

  static void assertBadInput(CliRun run, String message) {
    assertEquals(2, run.status(), run.err());
    assertEquals("", run.out());
    String line = run.err();
    assertTrue(line.endsWith("\n") && line.indexOf('\n') == line.length() - 1,
        "one line: " + line);
    assertTrue(line.startsWith("whisper locate: " + message),
        "expected " + message + ", got " + line);
  }
}
