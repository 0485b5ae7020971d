package io.whisper.cli.names;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.whisper.cli.CliRun;
import io.whisper.core.AggregationMethod;
import io.whisper.core.Allocation;
import io.whisper.core.Retention;
import io.whisper.core.Whisper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A FIFO named {@code .wsp} is refused, "not a regular file", by every command that opens a
 * whisper file, instead of waiting forever for a writer (before: fill, info, dump, fetch,
 * merge and diff hung). Each run has a deadline, so a hang fails the test.
 */
class FifoTest {
  private static final Duration DEADLINE = Duration.ofSeconds(20);

  @TempDir Path dir;
  private String fifo;
  private String file;

  @BeforeEach
  void files() throws Exception {
    Path path = dir.resolve("fifo.wsp");
    assertEquals(0, new ProcessBuilder("mkfifo", path.toString()).inheritIO().start().waitFor());
    fifo = path.toString();
    Path real = dir.resolve("a.wsp");
    Whisper.create(real, List.of(Retention.parse("1m:10m")), 0.5, AggregationMethod.AVERAGE,
        Allocation.ZERO_FILL, false);
    file = real.toString();
  }

  @Test
  void everyCommandThatOpensAFileRefusesAFifo() {
    for (String[] args : new String[][] {
        {"info", fifo}, {"dump", fifo}, {"fetch", fifo}, {"update", fifo, "1:1"},
        {"merge", fifo, file}, {"merge", file, fifo}, {"diff", file, fifo}, {"diff", fifo, file},
        {"fill", fifo, file}, {"fill", file, fifo}, {"fill", "-n", file, fifo},
        {"resize", fifo, "1m:1h"}}) {
      CliRun run = assertTimeoutPreemptively(DEADLINE, () -> CliRun.of(args), String.join(" ", args));

      assertNotEquals(0, run.status(), String.join(" ", args));
      assertTrue(run.err().contains(fifo + ": not a regular file"),
          String.join(" ", args) + ": " + run.err());
    }
  }

  /**
   * In a tree, a FIFO named {@code .wsp} (or a link to one) is named as an error and the walk
   * goes on (before: a link to one hung fill; a FIFO itself was skipped without a word).
   */
  @Test
  void fillFsckAndMoveOverATreeNameAFifoAndGoOn() throws Exception {
    Path src = Files.createDirectories(dir.resolve("src"));
    Path dst = Files.createDirectories(dir.resolve("dst"));
    Files.createSymbolicLink(src.resolve("x.wsp"), Path.of(fifo));
    Files.copy(Path.of(file), src.resolve("y.wsp"));
    assertEquals(0, new ProcessBuilder("mkfifo", src.resolve("z.wsp").toString()).start().waitFor());
    Files.copy(Path.of(file), dst.resolve("x.wsp"));
    Files.createSymbolicLink(dst.resolve("y.wsp"), Path.of(fifo));

    CliRun fill = assertTimeoutPreemptively(DEADLINE,
        () -> CliRun.of("fill", src.toString(), dst.toString()));
    CliRun fsck = assertTimeoutPreemptively(DEADLINE, () -> CliRun.of("fsck", src.toString()));
    CliRun move = assertTimeoutPreemptively(DEADLINE,
        () -> CliRun.of("move", "-n", src.toString(), dir.resolve("to").toString()));

    assertEquals(1, fill.status(), fill.err());
    assertEquals(List.of( // the walk names z.wsp when it meets it, maybe before x.wsp's fill
        "whisper fill: " + dst.resolve("y.wsp") + ": not a regular file",
        "whisper fill: " + src.resolve("x.wsp") + ": not a regular file",
        "whisper fill: " + src.resolve("z.wsp") + ": not a regular file"),
        fill.err().lines().limit(3).sorted().toList());
    assertEquals(8, fsck.status(), fsck.err());
    assertEquals(src.resolve("x.wsp") + ": cannot read: not a regular file\n", fsck.out());
    assertEquals("whisper fsck: " + src.resolve("z.wsp") + ": not a regular file",
        fsck.err().lines().findFirst().orElseThrow());
    assertEquals(1, move.status(), move.err());
    assertTrue(move.err().contains("whisper move: " + src.resolve("z.wsp")
        + ": not a regular file\n"), move.err());
  }
}
