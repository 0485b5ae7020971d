package io.whisper.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fsck, fill and move take -j/--jobs the same way: one range, one message, a usage error. */
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
      for (CliRun run : new CliRun[] {fsck, fill, move}) {
        assertTrue(run.err().contains("--jobs must be between 1 and 64"), run.err());
        assertEquals(1, run.err().lines().filter(l -> l.contains("--jobs")).count(), run.err());
      }
    }
  }

  @Test
  void theHelpSaysTheRange() {
    for (String command : new String[] {"fsck", "fill", "move"}) {
      assertTrue(CliRun.of(command, "--help").out().contains("1 to 64"), command);
    }
  }
}
