package io.whisper.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.whisper.core.AggregationMethod;
import io.whisper.core.Allocation;
import io.whisper.core.Retention;
import io.whisper.core.TestFiles;
import io.whisper.core.Whisper;
import io.whisper.core.WhisperFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code whisper fill} against the live reference: /usr/bin/whisper-fill's own fill_archives,
 * run in one /usr/bin/python3 with time.time() fixed (testdata/reference_fill.py).
 *
 * <p>On generated replica trees where the reference's bugs cannot show (testdata/replicas.py
 * says how) the two must leave byte-identical files. Then one test per reference bug we fix
 * (docs/format.md 6.1), each showing our result differs exactly there.
 */
@Tag("slow")
class FillReferenceTest {
  private static final Path PYTHON = Path.of("/usr/bin/python3");
  private static final Path TESTDATA = Path.of(System.getProperty("whisper.testdata", "testdata"));
  private static final long NOW = 1_700_000_217L; // not a multiple of 300: see replicas.py
  private static final long T = NOW - NOW % 60;

  @TempDir Path dir;

  @BeforeAll
  static void referenceIsInstalled() throws Exception {
    boolean ok = false;
    if (Files.isExecutable(PYTHON) && Files.exists(Path.of("/usr/bin/whisper-fill"))) {
      Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import whisper")
          .redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      ok = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    }
    assumeTrue(ok, "the reference is not installed: /usr/bin/python3 cannot import whisper or"
        + " /usr/bin/whisper-fill is missing (apt-get install python3-whisper)");
  }

  private static void python(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(PYTHON.toString()));
    command.addAll(Arrays.asList(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), "python timed out");
    assertEquals(0, p.exitValue(), String.join(" ", command) + ":\n" + output);
  }

  private static void reference(Path src, Path dst) throws Exception {
    python(TESTDATA.resolve("reference_fill.py").toString(), String.valueOf(NOW), src.toString(),
        dst.toString());
  }

  private static void ours(Path src, Path dst) {
    CliRun run = FillCommandTest.run(
        "fill", "--now=" + NOW, src.toString(), dst.toString());
    assertEquals(0, run.status(), run.err());
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : files.toList()) {
        Path target = to.resolve(from.relativize(p));
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  private static List<Path> wspFiles(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(p -> p.toString().endsWith(".wsp")).map(root::relativize).sorted()
          .toList();
    }
  }

  @ParameterizedTest(name = "{0} pairs of {1}")
  @CsvSource(delimiter = ';', value = {
      "40; 1m:1d,5m:30d,1h:1y; 11",
      "40; 10s:6h,1m:1d,10m:30d; 12",
      "25; 1s:1h,1m:1d,1h:30d,1d:5y; 13",
      "40; 1m:3h,15m:7d; 14",
  })
  void leavesTheSameBytesAsTheReferenceOnReplicaTrees(int pairs, String schema, int seed)
      throws Exception {
    Path tree = dir.resolve("tree");
    python(TESTDATA.resolve("replicas.py").toString(), tree.toString(), "--pairs",
        String.valueOf(pairs), "--seed", String.valueOf(seed), "--schema", schema, "--now",
        String.valueOf(NOW));
    copyTree(tree.resolve("dst"), tree.resolve("ref"));
    copyTree(tree.resolve("dst"), tree.resolve("ours"));

    reference(tree.resolve("src"), tree.resolve("ref"));
    ours(tree.resolve("src"), tree.resolve("ours"));

    List<Path> files = wspFiles(tree.resolve("dst"));
    assertEquals(pairs, files.size());
    int changed = 0;
    for (Path file : files) {
      byte[] reference = Files.readAllBytes(tree.resolve("ref").resolve(file));
      byte[] filled = Files.readAllBytes(tree.resolve("ours").resolve(file));
      assertEquals(-1, Arrays.mismatch(reference, filled),
          file + ": first differing byte (the reference's file vs ours)");
      if (Arrays.mismatch(filled, Files.readAllBytes(tree.resolve("dst").resolve(file))) >= 0) {
        changed++;
      }
    }
    assertTrue(changed >= pairs * 3 / 4, "only " + changed + " of " + pairs + " files had gaps");
  }

  // ---- one test per reference bug: the same pair filled by both, compared slot by slot ----

  private Path create(String name, double xff, AggregationMethod method, String... retentions)
      throws IOException {
    Path path = dir.resolve(name);
    Whisper.create(path, Arrays.stream(retentions).map(Retention::parse).toList(), xff, method,
        Allocation.ZERO_FILL, false);
    return path;
  }

  private static void put(Path path, int archive, long interval, double value) throws IOException {
    try (WhisperFile file = WhisperFile.openForUpdate(path)) {
      file.writeSlot(archive, interval, value);
    }
  }

  private static Double at(Path path, int archive, long interval) throws IOException {
    return TestFiles.valueAt(path, archive, interval);
  }

  /** dst filled by the reference and by us. */
  record Filled(Path reference, Path ours) {}

  private Filled fillBoth(Path src, Path dst) throws Exception {
    Path reference = dir.resolve("ref.wsp");
    Path ours = dir.resolve("ours.wsp");
    Files.copy(dst, reference);
    Files.copy(dst, ours);
    reference(src, reference);
    ours(src, ours);
    return new Filled(reference, ours);
  }

  // The slots (archive, interval) where the two results differ.
  private static List<String> differences(Filled filled) throws IOException {
    return TestFiles.differingSlots(filled.reference(), filled.ours());
  }

  private Path minutes(String name, int from, int to, double base) throws IOException {
    Path path = create(name, 0.5, AggregationMethod.AVERAGE, "1m:1h");
    try (WhisperFile file = WhisperFile.openForUpdate(path)) {
      for (int m = from; m <= to; m++) {
        file.writeSlot(0, T - 60L * m, base + m);
      }
    }
    return path;
  }

  @Test
  void bug1ZeroIsDataNotAGap() throws Exception {
    Path src = minutes("src.wsp", 0, 59, 100);
    Path dst = minutes("dst.wsp", 0, 59, 100);
    put(dst, 0, T - 300, 0.0);
    put(dst, 0, T - 240, 0.0);

    Filled filled = fillBoth(src, dst);

    assertEquals(105.0, at(filled.reference(), 0, T - 300)); // the reference overwrote the zeros
    assertEquals(104.0, at(filled.reference(), 0, T - 240));
    assertEquals(0.0, at(filled.ours(), 0, T - 300));
    assertEquals(0.0, at(filled.ours(), 0, T - 240));
    assertEquals(List.of("0@" + (T - 300), "0@" + (T - 240)).stream().sorted().toList(),
        differences(filled).stream().sorted().toList());
  }

  @Test
  void bug2TheSlotAfterAGapIsNeverOverwritten() throws Exception {
    Path src = minutes("src.wsp", 0, 59, 100);
    Path dst = minutes("dst.wsp", 0, 59, 100);
    try (WhisperFile file = WhisperFile.openForUpdate(dst)) {
      // a two-slot gap at minutes 6 and 5 (stale timestamps), then minute 4 holds its own value
      file.writeSlot(0, T - 360 - 3600, 1);
      file.writeSlot(0, T - 300 - 3600, 1);
      file.writeSlot(0, T - 240, 7.5);
    }

    Filled filled = fillBoth(src, dst);

    assertEquals(104.0, at(filled.reference(), 0, T - 240)); // real data replaced
    assertEquals(7.5, at(filled.ours(), 0, T - 240));
    assertEquals(106.0, at(filled.ours(), 0, T - 360));
    assertEquals(105.0, at(filled.ours(), 0, T - 300));
    assertEquals(List.of("0@" + (T - 240)), differences(filled));
  }

  @Test
  void bug3AOneSlotGapIsFilled() throws Exception {
    Path src = minutes("src.wsp", 0, 59, 100);
    Path dst = minutes("dst.wsp", 0, 59, 100);
    put(dst, 0, T - 300 - 3600, 1); // stale: a one-slot gap at minute 5

    Filled filled = fillBoth(src, dst);

    assertNull(at(filled.reference(), 0, T - 300));
    assertEquals(105.0, at(filled.ours(), 0, T - 300));
    assertEquals(List.of("0@" + (T - 300)), differences(filled));
  }

  @Test
  void bug5aACoarserSourceIsNeverSpreadIntoAFinerArchive() throws Exception {
    long bucket = NOW - NOW % 300 - 1200;
    Path src = create("src.wsp", 0.5, AggregationMethod.AVERAGE, "5m:1h");
    for (long t = NOW - NOW % 300 - 3300; t <= NOW; t += 300) {
      put(src, 0, t, t % 1000 + 1);
    }
    Path dst = minutes("dst.wsp", 0, 59, 100);
    for (long t = bucket; t < bucket + 300; t += 60) {
      put(dst, 0, t - 3600, 1); // a five-minute gap
    }
    put(dst, 0, bucket + 300, (bucket + 300) % 1000 + 1); // the reference rewrites it: same value

    Filled filled = fillBoth(src, dst);

    assertEquals(bucket % 1000 + 1.0, at(filled.reference(), 0, bucket)); // 5m value, 1m point
    assertNull(at(filled.ours(), 0, bucket));
    assertEquals(List.of("0@" + bucket), differences(filled));
  }

  @Test
  void bug5bAFinerSourceIsAggregatedNotItsLastRawPoint() throws Exception {
    long bucket = NOW - NOW % 300 - 1800;
    Path src = create("src.wsp", 0.5, AggregationMethod.AVERAGE, "1m:1d");
    Path dst = create("dst.wsp", 0.5, AggregationMethod.AVERAGE, "5m:1d");
    try (WhisperFile file = WhisperFile.openForUpdate(src)) {
      for (long t = bucket - 1800; t <= NOW; t += 60) {
        file.writeSlot(0, t, minute(t));
      }
    }
    try (WhisperFile file = WhisperFile.openForUpdate(dst)) {
      for (long t = bucket - 1800; t <= NOW; t += 300) {
        if (t != bucket && t != bucket + 300) { // a two-slot gap
          // What the reference writes over the slots around the gap, so that only the gap can
          // differ: the last minute it fetched of each interval.
          boolean cut = t == bucket + 600 || t == bucket - 1800;
          file.writeSlot(0, t, minute(cut ? t : t + 240));
        }
      }
    }

    Filled filled = fillBoth(src, dst);

    double average = 0;
    for (long t = bucket; t < bucket + 300; t += 60) {
      average += minute(t);
    }
    average /= 5;
    assertEquals(minute(bucket + 240), at(filled.reference(), 0, bucket)); // the last minute
    assertEquals(average, at(filled.ours(), 0, bucket));
    assertNotEquals(at(filled.reference(), 0, bucket), at(filled.ours(), 0, bucket));
    assertEquals(List.of("0@" + bucket, "0@" + (bucket + 300)), differences(filled));
  }

  private static double minute(long t) {
    return t % 997 + 1;
  }

  @Test
  void bug5cOnlyTheLowerIntervalsThatWereFilledArePropagated() throws Exception {
    long lower = NOW - NOW % 300 - 900;
    Path src = create("src.wsp", 0.0, AggregationMethod.SUM, "1m:1h", "5m:1d");
    Path dst = create("dst.wsp", 0.0, AggregationMethod.SUM, "1m:1h", "5m:1d");
    for (long t = T - 3540; t <= T; t += 60) {
      put(src, 0, t, 1);
      if (t != lower - 120 && t != lower - 60) { // a gap at the end of the previous interval
        put(dst, 0, t, 1);
      }
    }
    put(dst, 1, lower, -1); // not what archive 0 sums to; no slot of it is filled

    Filled filled = fillBoth(src, dst);

    assertEquals(5.0, at(filled.reference(), 1, lower)); // re-propagated from the boundary
    assertEquals(-1.0, at(filled.ours(), 1, lower));
    assertEquals(5.0, at(filled.ours(), 1, lower - 300)); // the interval that was filled
    assertEquals(List.of("1@" + lower), differences(filled));
  }

  @Test
  void bug7AGapExactlyOneRetentionOldStaysInItsOwnArchive() throws Exception {
    long now = 1_700_000_100L; // a multiple of 300: now - 3600 is a 5m interval
    assertEquals(0, now % 300);
    Path src = create("src.wsp", 0.5, AggregationMethod.AVERAGE, "1m:1h", "5m:1d");
    Path dst = create("dst.wsp", 0.5, AggregationMethod.AVERAGE, "1m:1h", "5m:1d");
    for (long t = now - 3540; t <= now; t += 60) {
      put(src, 0, t, 1);
      put(dst, 0, t, 1);
    }
    for (long t = now - 86100; t <= now; t += 300) {
      put(src, 1, t, 2);
      if (t != now - 3600 && t != now - 3900) { // a trailing two-slot gap in archive 1's window
        put(dst, 1, t, 2);
      }
    }
    Path reference = dir.resolve("ref.wsp");
    Path ours = dir.resolve("ours.wsp");
    Files.copy(dst, reference);
    Files.copy(dst, ours);
    python(TESTDATA.resolve("reference_fill.py").toString(), String.valueOf(now), src.toString(),
        reference.toString());
    CliRun run = FillCommandTest.run("fill", "--now=" + now, src.toString(),
        ours.toString());
    assertEquals(0, run.status(), run.err());

    // The reference sent the point aged exactly one retention into archive 0, over its newest,
    // and archive 1 got that point's propagation instead of the source's value.
    assertNull(at(reference, 0, now));
    assertEquals(2.0, at(reference, 0, now - 3600));
    assertNotEquals(2.0, at(reference, 1, now - 3600));
    assertEquals(1.0, at(ours, 0, now));
    assertEquals(2.0, at(ours, 1, now - 3600));
    assertEquals(2.0, at(ours, 1, now - 3900));
  }
}
