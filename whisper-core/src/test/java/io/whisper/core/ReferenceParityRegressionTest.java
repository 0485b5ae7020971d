package io.whisper.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regressions found by {@link DifferentialTest}, pinned without needing the reference installed.
 * Every expected value here was produced by whisper.py 1.1.4 on CPython 3.11 (x86-64).
 */
class ReferenceParityRegressionTest {

  private static double bits(long bits) {
    return Double.longBitsToDouble(bits);
  }

  private static String hex(double value) {
    return Long.toHexString(Double.doubleToRawLongBits(value));
  }

  // whisper.aggregate(m, [1.0, -nan, nan(0xabc), 2.0]) is fff8000000000000 for the three
  // summing methods: the first NaN added stays (HotSpot's plain + gave the later one's bits).
  // Repeated so the JIT-compiled code is checked too, not only the interpreter.
  @Test
  void sumsKeepTheFirstNanLikeCpython() {
    double[] values = {1.0, bits(0xfff8000000000000L), bits(0x7ff8000000000abcL), 2.0};
    boolean[] known = {true, true, true, true};
    for (int round = 0; round < 50_000; round++) {
      for (AggregationMethod m : new AggregationMethod[] {
        AggregationMethod.SUM, AggregationMethod.AVERAGE, AggregationMethod.AVG_ZERO}) {
        assertEquals("fff8000000000000", hex(m.aggregate(values, known, 4)), m + " round " + round);
      }
    }
  }

  // A signalling NaN is quieted by the addition but returned untouched by max and last.
  @Test
  void signallingNanIsQuietedOnlyByArithmetic() {
    double[] values = {bits(0x7ff0000000000001L), Double.NaN};
    boolean[] known = {true, true};
    assertEquals("7ff8000000000001", hex(AggregationMethod.SUM.aggregate(values, known, 2)));
    assertEquals("7ff8000000000001", hex(AggregationMethod.AVERAGE.aggregate(values, known, 2)));
    assertEquals("7ff0000000000001", hex(AggregationMethod.MAX.aggregate(values, known, 2)));
    assertEquals("7ff8000000000000", hex(AggregationMethod.LAST.aggregate(values, known, 2)));
  }

  // parseRetentionDef('1m\n:1d') == (60, 1440): Python's $ matches before a final newline.
  @Test
  void precisionMayEndWithOneNewlineAsInPython() {
    assertEquals(new Retention(60, 1440), Retention.parse("1m\n:1d"));
    assertEquals(300, Retention.parsePrecision("5m\n"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Retention.parse("1m\n\n:1d"));
    assertEquals("Invalid precision specification '1m\n\n'", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Retention.parse("1m\r:1d"));
  }

  // whisper.update(p, 1.0, 2**32 + 5, now=2**32 + 6) on 1:10 raises struct.error and writes
  // nothing; we used to store the timestamp wrapped to 5. On 60:10 the aligned interval
  // 4294967280 fits, and the reference writes fffffff0 3ff0000000000000 into slot 0.
  @Test
  void updateRefusesAnIntervalBeyond32BitsAndWritesNothing(@TempDir Path dir) throws IOException {
    long t = (1L << 32) + 5;
    Path oneSecond = dir.resolve("1s.wsp");
    Whisper.create(oneSecond, List.of(new Retention(1, 10)));
    byte[] before = Files.readAllBytes(oneSecond);
    try (WhisperFile f = WhisperFile.openForUpdate(oneSecond)) {
      assertThrows(IllegalArgumentException.class, () -> f.update(1.0, t, t + 1));
      assertThrows(IllegalArgumentException.class, () -> f.update(1.0, -3, 5));
    }
    assertArrayEquals(before, Files.readAllBytes(oneSecond));

    Path oneMinute = dir.resolve("60s.wsp");
    Whisper.create(oneMinute, List.of(new Retention(60, 10)));
    try (WhisperFile f = WhisperFile.openForUpdate(oneMinute)) {
      f.update(1.0, t, t + 1);
    }
    assertEquals("fffffff03ff0000000000000",
        HexFormat.of().formatHex(Files.readAllBytes(oneMinute), 28, 40));
  }

  // whisper.update_many(p, [(-5, 9.0), (0, 8.0), (now - 5, 1.0)], now) writes now - 5 and drops
  // the two bogus points as older than every archive; we used to refuse the whole batch. A point
  // that would be written past 2106 is still refused, with nothing written.
  @Test
  void updateManyDropsBogusOldTimestampsAsWhisperPyDoes(@TempDir Path dir) throws IOException {
    long now = 1_700_000_000L;
    Path withBogus = dir.resolve("bogus.wsp");
    Path clean = dir.resolve("clean.wsp");
    for (Path p : List.of(withBogus, clean)) {
      Whisper.create(p, List.of(new Retention(60, 10), new Retention(300, 12)));
    }
    try (WhisperFile f = WhisperFile.openForUpdate(withBogus)) {
      f.updateMany(List.of(new Point(-5, 9.0), new Point(0, 8.0), new Point(now - 5, 1.0)), now);
    }
    try (WhisperFile f = WhisperFile.openForUpdate(clean)) {
      f.updateMany(List.of(new Point(now - 5, 1.0)), now);
    }
    byte[] written = Files.readAllBytes(clean);
    assertArrayEquals(written, Files.readAllBytes(withBogus));

    try (WhisperFile f = WhisperFile.openForUpdate(clean)) {
      assertThrows(IllegalArgumentException.class,
          () -> f.updateMany(List.of(new Point(now - 65, 2.0), new Point(1L << 33, 3.0)), now));
    }
    assertArrayEquals(written, Files.readAllBytes(clean));
  }

  // updateArchive (merge's write) stored (int) timestamps too: 2**32 + 60 became 60.
  @Test
  void updateArchiveRefusesIntervalsBeyond32Bits(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("merge-target.wsp");
    Whisper.create(file, List.of(new Retention(60, 10)));
    byte[] before = Files.readAllBytes(file);
    try (WhisperFile f = WhisperFile.openForUpdate(file)) {
      assertThrows(IllegalArgumentException.class, () -> f.updateArchive(0,
          List.of(new Point((1L << 32) - 60, 1.0), new Point((1L << 32) + 60, 2.0))));
    }
    assertArrayEquals(before, Files.readAllBytes(file));
  }
}
