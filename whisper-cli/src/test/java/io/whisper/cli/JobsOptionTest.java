package io.whisper.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every -j/--jobs is the same: one range, one message, a usage error. */
class JobsOptionTest {
  @TempDir Path dir;

  @Test
  void outOfRangeJobsAreTheSameUsageErrorEverywhere() {
    String a = dir.resolve("a.wsp").toString();
    String b = dir.resolve("b.wsp").toString();
    for (String jobs : new String[] {"0", "-1", "65", "5000"}) {
      CliRun fsck = CliRun.of("fsck", "-j", jobs, a);
      CliRun fill = CliRun.of("fill", "-j", jobs, a, b);
      CliRun move = CliRun.of("move", "-j", jobs, a, b);
      assertEquals(16, fsck.status(), fsck.err()); // fsck(8)'s usage bit
      assertEquals(2, fill.status(), fill.err());
      assertEquals(2, move.status(), move.err());
      CliRun backup = CliRun.of("backup", "-r", dir.resolve("repo").toString(), "-j", jobs,
          dir.toString());
      CliRun restore = CliRun.of("restore", "-r", dir.resolve("repo").toString(), "-j", jobs,
          "latest", "--to", dir.toString());
      assertEquals(2, backup.status(), backup.err());
      assertEquals(2, restore.status(), restore.err());
      for (CliRun run : new CliRun[] {fsck, fill, move, backup, restore}) {
        assertTrue(run.err().contains("--jobs must be between 1 and 64"), run.err());
        assertEquals(1, run.err().lines().filter(l -> l.contains("--jobs")).count(), run.err());
      }
    }
  }

  @Test
  void theHelpSaysTheRange() {
    for (String command : new String[] {"fsck", "fill", "move", "backup", "restore"}) {
      assertTrue(CliRun.of(command, "--help").out().contains("1 to 64"), command);
    }
  }
}
