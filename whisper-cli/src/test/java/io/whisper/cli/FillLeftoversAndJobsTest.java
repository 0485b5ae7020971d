package io.whisper.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.whisper.core.os.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a killed {@code --copy-missing} leaves is removed by the next run, and only that; and
 * {@code -j} has a bound that holds in a small heap.
 */
class FillLeftoversAndJobsTest {
  @TempDir Path dir;

  @Test
  void aRerunRemovesTheTemporaryFilesOfKilledCopiesAndNothingElse() throws Exception {
    List<Path> names = FillTrees.names(20); // f0/m0.wsp and f0/m10.wsp in f0
    Path src = dir.resolve("src");
    Path dst = dir.resolve("dst");
    FillTrees.generate(src, dst, names, new Random(7), null);
    Path missing = dst.resolve("f0/m10.wsp");
    Files.delete(missing);
    Instant hourAgo = Instant.now().minus(Duration.ofHours(1));
    // What SIGKILL leaves: copyNew's temporary file, nobody holding its lock.
    Path killed = Files.write(dst.resolve("f0/.m10.wsp.3k9x2a.copy.tmp"), new byte[4096]);
    Files.setLastModifiedTime(killed, FileTime.from(hourAgo));
    // A copy another process is making right now: its lock is held.
    Path copying = Files.write(dst.resolve("f0/.m0.wsp.7yq1c0.copy.tmp"), new byte[4096]);
    Files.setLastModifiedTime(copying, FileTime.from(hourAgo));
    // Someone else's temporary files, and one younger than the run.
    Path other = Files.write(dst.resolve("f0/.m0.wsp.5bb2.tmp"), new byte[1]);
    Files.setLastModifiedTime(other, FileTime.from(hourAgo));
    Path young = Files.write(dst.resolve("f0/.m20.wsp.1a.copy.tmp"), new byte[1]);
    Files.setLastModifiedTime(young, FileTime.from(Instant.now().plus(Duration.ofHours(1))));

    CliRun run;
    try (FileLock held = FileLock.exclusive(copying)) {
      run = CliRun.of("fill", "--copy-missing", "--now=" + FillTrees.NOW, src.toString(),
          dst.toString());
      assertTrue(held.path().equals(copying));
    }
    assertEquals(0, run.status(), run.err());
    assertTrue(run.out().contains("copied " + missing), run.out());
    assertFalse(Files.exists(killed), "the killed copy's temporary file is still there");
    assertTrue(Files.exists(copying) && Files.exists(other) && Files.exists(young));
  }

  @Test
  void jobsHaveAnUpperBoundWithAOneLineError() {
    for (String jobs : List.of("65", "256", "5000")) {
      CliRun run = CliRun.of("fill", "-j", jobs, dir.toString(), dir.toString());
      assertEquals(2, run.status(), run.err());
      assertEquals(List.of("whisper fill: --jobs must be between 1 and 64 (see 'whisper help"
          + " fill')"), run.err().lines().toList());
      assertFalse(run.err().contains("Self-suppression"), run.err());
    }
  }

  @Test
  @Tag("slow")
  void theMostJobsFitInASmallHeap() throws Exception {
    List<Path> names = FillTrees.names(200);
    Path src = dir.resolve("src");
    Path dst = dir.resolve("dst");
    FillTrees.generate(src, dst, names, new Random(8), null);
    List<String> command = ChildJvm.whisper("fill", "--now=" + FillTrees.NOW, "-j", "64",
        src.toString(), dst.toString());
    command.add(1, "-Xmx32m");
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(child.getInputStream().readAllBytes());
    assertTrue(child.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, child.exitValue(), output);
    assertTrue(output.matches("(?s)whisper fill: 200 files: .* 0 failed.*"), output);
  }
}
