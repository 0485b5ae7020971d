package io.whisper.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.whisper.core.TestFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A whisper.py writer in another process holds flock(2) on the source while it writes (as
 * carbon with WHISPER_LOCK_WRITES does): the mover waits, and the point it writes is in the
 * destination.
 */
class MovePythonLockTest {
  private static final Path PYTHON = Path.of("/usr/bin/python3");

  // Creates the file, takes its lock, says "locked", writes a point after a pause, releases.
  private static final String WRITER = String.join("\n",
      "import fcntl, sys, time, whisper",
      "path, dst, now = sys.argv[1], sys.argv[2], int(time.time())",
      "whisper.create(path, [(1, 600)])",
      "whisper.update_many(path, [(now - i, i) for i in range(10, 60)])",
      "if dst != '-':",
      "    whisper.create(dst, [(1, 600)])",
      "    whisper.update_many(dst, [(now - i, 1000 + i) for i in range(40, 200)])",
      "with open(path, 'r+b') as fh:",
      "    fcntl.flock(fh.fileno(), fcntl.LOCK_EX)",
      "    print(now, flush=True)",
      "    time.sleep(0.5)",
      "    whisper.update(path, 4242.0, now - 2)   # whisper.LOCK is off: we hold the lock",
      "");

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"renamed", "copied", "merged"})
  void waitsForAWhisperPyWriterHoldingTheLock(String action) throws Exception {
    assumeTrue(canImportWhisper(), "/usr/bin/python3 cannot import whisper (apt-get install"
        + " python3-whisper; .ci/run does)");
    Path src = dir.resolve("a.wsp");
    Path dst = dir.resolve("n/a.wsp");
    if (action.equals("merged")) {
      Files.createDirectories(dst.getParent());
    }
    Process writer = new ProcessBuilder(PYTHON.toString(), "-c", WRITER, src.toString(),
        action.equals("merged") ? dst.toString() : "-")
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    long now;
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
      now = Long.parseLong(out.readLine().strip()); // the lock is held from here

      long start = System.nanoTime();
      CliRun run = CliRun.of(action.equals("copied")
          ? new String[] {"move", "--json", "--copy", src.toString(), dst.toString()}
          : new String[] {"move", "--json", src.toString(), dst.toString()});

      long waitedMillis = (System.nanoTime() - start) / 1_000_000;
      String text = run.out() + run.err();
      assertEquals(0, run.status(), text);
      assertTrue(waitedMillis >= 300, "did not wait for the lock: " + waitedMillis + " ms");
      assertTrue(text.contains("\"action\": \"" + action + "\""), text);
    }
    assertTrue(writer.waitFor(10, TimeUnit.SECONDS));
    assertEquals(0, writer.exitValue());
    assertFalse(Files.exists(src));
    assertEquals(4242.0, TestFiles.points(dst).get(now - 2));
  }

  private static boolean canImportWhisper() throws IOException, InterruptedException {
    if (!Files.isExecutable(PYTHON)) {
      return false;
    }
    Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import whisper")
        .redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor() == 0;
  }
}
