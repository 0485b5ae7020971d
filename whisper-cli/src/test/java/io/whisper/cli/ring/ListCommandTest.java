package io.whisper.cli.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.whisper.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code whisper list}: dotted names in the walk's sorted order, other files ignored. */
class ListCommandTest {
  @TempDir Path dir;

  @Test
  void listsEveryMetricAsADottedName() throws Exception {
    Path root = dir.resolve("whisper");
    for (String f : new String[] {"web01/cpu/user.wsp", "web01/cpu/idle.wsp", "web01/load.wsp",
        "db.wsp", "web01/notes.txt", "web01/cpu/user.wsp.corrupt.20260101-000000"}) {
      Files.createDirectories(root.resolve(f).getParent());
      Files.writeString(root.resolve(f), "x");
    }
    Path other = Files.createDirectories(dir.resolve("other/a"));
    Files.writeString(other.resolve("b.wsp"), "x");
    CliRun run = CliRun.streaming("", "list", root.toString(), dir.resolve("other").toString());
    assertEquals(0, run.status(), run.err());
    assertEquals("db\nweb01.cpu.idle\nweb01.cpu.user\nweb01.load\na.b\n", run.out());
  }

  @Test
  void aMissingFolderIsBadInput() {
    CliRun run = CliRun.streaming("", "list", dir.resolve("nope").toString());
    assertEquals(2, run.status());
    assertEquals("whisper list: " + dir.resolve("nope") + ": no such folder\n", run.err());
  }
}
