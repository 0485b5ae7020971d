package io.whisper.cli.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.whisper.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code whisper sieve}: keeps what a node owns, or with --invert what it does not. */
class SieveCommandTest {
  @TempDir Path dir;

  // foo.bar.baz and collectd.db-07.memory.used live on .3, sys.web01.cpu.user on .2.
  private static final String NAMES = "foo/bar/baz.wsp\nsys.web01.cpu.user\n\n"
      + "collectd.db-07.memory.used 1 1700000000\n";

  @Test
  void keepsTheNamesANodeOwnsUnchanged() throws Exception {
    String conf = Files.writeString(dir.resolve("r.conf"), LocateCommandTest.FNV_RING).toString();
    CliRun run = CliRun.streaming(NAMES, "sieve", "-r", conf, "--node", "127.0.0.3:2003");
    assertEquals(0, run.status(), run.err());
    assertEquals("foo/bar/baz.wsp\ncollectd.db-07.memory.used 1 1700000000\n", run.out());
  }

  @Test
  void invertKeepsTheOthers() throws Exception {
    String conf = Files.writeString(dir.resolve("r.conf"), LocateCommandTest.FNV_RING).toString();
    CliRun run = CliRun.streaming(NAMES, "sieve", "-r", conf, "--node", "127.0.0.3", "--invert");
    assertEquals(0, run.status(), run.err());
    assertEquals("sys.web01.cpu.user\n", run.out());
  }

  @Test
  void anyReplicaCounts() throws Exception {
    Path conf = Files.writeString(dir.resolve("carbon.conf"), """
        [relay]
        REPLICATION_FACTOR = 2
        DESTINATIONS = 127.0.0.1:2004:a, 127.0.0.2:2004:b, 127.0.0.3:2104:c
        """);
    // foo.bar.baz: a then b; sys.web01.cpu.user: b then a.
    CliRun run = CliRun.streaming("foo.bar.baz\nsys.web01.cpu.user\n", "sieve", "-r",
        conf.toString(), "--node", "127.0.0.1:2004=a");
    assertEquals("foo.bar.baz\nsys.web01.cpu.user\n", run.out());
    CliRun none = CliRun.streaming("foo.bar.baz\nsys.web01.cpu.user\n", "sieve", "-r",
        conf.toString(), "--node", "127.0.0.3:2104");
    assertEquals("", none.out());
  }

  @Test
  void aNodeNotInTheRingIsBadInput() throws Exception {
    Path conf = Files.writeString(dir.resolve("r.conf"), LocateCommandTest.FNV_RING);
    CliRun run = CliRun.streaming(NAMES, "sieve", "-r", conf.toString(), "--node", "10.0.0.9");
    assertEquals(2, run.status());
    assertEquals("whisper sieve: node 10.0.0.9 is not in the ring (members: 127.0.0.1:2003"
        + " 127.0.0.2:2003 127.0.0.3:2003)\n", run.err());
    assertEquals("", run.out());
  }
}
