package io.whisper.cli.fsck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.whisper.cli.WhisperCli;
import io.whisper.cli.support.ExitCodes;
import io.whisper.core.AggregationMethod;
import io.whisper.core.Allocation;
import io.whisper.core.Retention;
import io.whisper.core.Whisper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An interrupted scan (SIGTERM, as SIGINT) prints its summary and exits with bit 32. */
class FsckInterruptTest {
  @TempDir Path dir;

  @Test
  void aSignalStopsTheScanWithItsSummaryAndExit32() throws IOException, InterruptedException {
    // Big sparse files and --deep -j 1: reading their slots keeps the scan busy for seconds.
    for (int i = 0; i < 60; i++) {
      Whisper.create(dir.resolve(String.format("m%02d.wsp", i)), List.of(Retention.parse("1s:60d")),
          0.5, AggregationMethod.AVERAGE, Allocation.SPARSE, false);
    }
    Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
    // The missing first PATH makes the scan say on stderr (flushed per line) that it has begun.
    Path missing = dir.resolve("missing");
    Process child = new ProcessBuilder(javaBin.toString(), "--enable-native-access=ALL-UNNAMED",
        "-cp", System.getProperty("java.class.path"), WhisperCli.class.getName(),
        "fsck", "--deep", "-j", "1", missing.toString(), dir.toString()).start();
    List<String> err = new ArrayList<>();
    try (BufferedReader lines = new BufferedReader(
        new InputStreamReader(child.getErrorStream(), StandardCharsets.UTF_8))) {
      String first = lines.readLine();
      assertEquals("whisper fsck: " + missing + ": no such file or directory", first);
      // SIGTERM, the shutdown path a Ctrl-C takes too; through the handle, which unlike
      // Process.destroy() leaves the pipes open for the summary.
      assertTrue(child.toHandle().destroy());
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        err.add(line);
      }
    }
    assertTrue(child.waitFor(60, TimeUnit.SECONDS));
    assertEquals(ExitCodes.Fsck.INTERRUPTED | ExitCodes.Fsck.OPERATIONAL_ERROR, child.exitValue(),
        err.toString());
    assertEquals(1, err.size(), err.toString());
    assertTrue(err.getFirst().matches("whisper fsck: interrupted; \\d+ files .*, 1 errors"),
        err.toString());
  }
}
