package io.whisper.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code whisper --version} names the version and the commit the build was made from. */
class VersionProviderTest {

  @Test
  void namesTheCommit() {
    assertArrayEquals(new String[] {"whisper 0.1.0 (commit 5b1ec8c1a2b3)", "Java 25 (VM)"},
        VersionProvider.lines("0.1.0", "5b1ec8c1a2b3", "25 (VM)"));
    assertEquals("whisper 0.1.0 (commit 5b1ec8c1a2b3-dirty)",
        VersionProvider.lines("0.1.0", "5b1ec8c1a2b3-dirty", "25")[0]);
  }

  @Test
  void saysWhenThereIsNoCommitToName() {
    assertEquals("whisper 0.1.0 (not built from a git checkout)",
        VersionProvider.lines("0.1.0", "", "25")[0]);
    assertEquals("whisper (development build) (commit not recorded)",
        VersionProvider.lines(null, null, "25")[0]);
  }

  // The build recorded the checkout's HEAD: the same commit `git rev-parse` names now (the
  // test runs from the build that recorded it).
  @Test
  void theBuildRecordedTheCheckoutsHead() throws IOException, InterruptedException {
    Path project = Path.of(System.getProperty("whisper.testdata")).getParent();
    assumeTrue(Files.exists(project.resolve(".git")), "not a git checkout");
    Process git = new ProcessBuilder("git", "-C", project.toString(), "rev-parse", "HEAD")
        .redirectErrorStream(true).start();
    String head = new String(git.getInputStream().readAllBytes()).strip();
    assumeTrue(git.waitFor() == 0, "git is not usable here: " + head);
    CliRun run = CliRun.of("--version");
    assertEquals(0, run.status());
    String first = run.out().lines().findFirst().orElseThrow();
    assertTrue(first.matches("whisper .* \\(commit [0-9a-f]{12}(-dirty)?\\)"), first);
    String recorded = first.replaceAll(".*\\(commit ([0-9a-f]{12}).*", "$1");
    assertTrue(head.startsWith(recorded), first + " but HEAD is " + head);
  }
}
