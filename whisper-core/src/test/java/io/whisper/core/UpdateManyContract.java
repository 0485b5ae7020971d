package io.whisper.core;

import static io.whisper.core.UpdateContract.nonEmpty;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link WhisperFile#updateMany}: conformance M-01 to M-23: deduplication, retention edges,
 * future points, wrap-around, propagation with every method, the xFilesFactor thresholds and
 * CPython's set order.
 */
abstract class UpdateManyContract extends OnEveryBackend {
  private static final long T0 = 1699999860; // aligned to 60

  UpdateManyContract(Backend backend) {
    super(backend);
  }

  private void updateMany(Path path, long now, Point... points) throws IOException {
    try (WhisperFile file = openForUpdate(path)) {
      file.updateMany(List.of(points), now);
    }
  }

  private static Point p(long timestamp, double value) {
    return new Point(timestamp, value);
  }

  @Test
  void updateMany_identicalTimestamps_firstGivenWins() throws IOException {
    Path path = create("a.wsp", r(60, 10));
    updateMany(path, NOW, p(NOW - 100, 1), p(NOW - 100, 2), p(NOW - 100, 3));
    try (WhisperFile file = open(path)) {
      assertEquals(List.of("0:1699999860=1.0"), nonEmpty(file.readSlots(0)));
    }
  }

  @Test
  void updateMany_duplicateIntervals_greatestRawTimestampWinsThenFirstGiven() throws IOException {
    Path path = create("a.wsp", r(60, 10));
    // t0+70.9 reaches the file as int(t0+70.9) == t0+70, colliding with the t0+70 before it.
    updateMany(path, NOW, p(T0 + 10, 1), p(T0 + 10, 2), p(T0 + 50, 3), p(T0 + 50, 4),
        p(T0 + 70, 5), p((long) (T0 + 70.9), 6));
    try (WhisperFile file = open(path)) {
      assertSeries(1699999440, 1700000040, 60, concat(nones(7), values(3.0, 5.0, null)),
          file.fetch(NOW - 600, NOW, NOW));
    }
    byte[] bytes = Files.readAllBytes(path);
    assertEquals("6553f07440080000000000006553f0b04014000000000000",
        Bytes.hex(Arrays.copyOfRange(bytes, 28, 52)));
    assertTrue(Bytes.zeroFrom(bytes, 52));
  }

  @Test
  void updateMany_duplicateIntervals_latestRawTimestampWinsWhateverTheOrder() throws IOException {
    Path path = create("a.wsp", r(60, 10));
    updateMany(path, NOW, p(T0 + 50, 1), p(T0 + 10, 2), p(T0 + 30, 3));
    try (WhisperFile file = open(path)) {
      assertEquals(List.of("0:1699999860=1.0"), nonEmpty(file.readSlots(0)));
    }
  }

  @Test
  void updateMany_shuffledInput_writesTheSameBytesAsSortedInput() throws IOException {
    List<Point> sorted = new ArrayList<>();
    for (long t = NOW - 3000; t <= NOW; t += 47) {
      sorted.add(p(t, t % 1000 / 10.0));
    }
    List<Point> shuffled = new ArrayList<>(sorted);
    Collections.shuffle(shuffled, new Random(42));
    Path a = create("sorted.wsp", r(60, 10), r(300, 12));
    Path b = create("shuffled.wsp", r(60, 10), r(300, 12));
    updateMany(a, NOW, sorted.toArray(Point[]::new));
    updateMany(b, NOW, shuffled.toArray(Point[]::new));
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
  }

  @Test
  void updateMany_mixedAges_directWritesOverridePropagatedValues() throws IOException {
    Path path = create("a.wsp", 0, AggregationMethod.AVERAGE, r(60, 10), r(300, 12));
    long[] ages = {30, 590, 600, 610, 3000, 3600, 3601};
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < ages.length; i++) {
      points.add(p(NOW - ages[i], i + 1));
    }
    try (WhisperFile file = openForUpdate(path)) {
      file.updateMany(points, NOW);
      assertEquals(List.of("0:1699999380=2.0", "9:1699999920=1.0"), nonEmpty(file.readSlots(0)));
      assertEquals(List.of("0:1699999200=4.0", "2:1699996200=6.0", "4:1699996800=5.0"),
          nonEmpty(file.readSlots(1)));
      assertSeries(1699996500, 1700000100, 300,
          concat(values(null, 5.0), nones(7), values(4.0, null, null)), file.fetch(0, NOW, NOW));
    }
  }

  @Test
  void updateMany_ageEqualToRetention_isAcceptedAndOverwritesTheNewestSlot() throws IOException {
    Path path = create("a.wsp", r(60, 10));
    updateMany(path, 1000, p(960, 1));
    updateMany(path, 1000, p(400, 2));
    try (WhisperFile file = open(path)) {
      assertSeries(420, 1020, 60, nones(10), file.fetch(0, 1000, 1000));
      assertEquals(List.of("0:360=2.0"), nonEmpty(file.readSlots(0)));
    }
  }

  @Test
  void updateMany_olderThanEveryArchive_isDroppedSilently() throws IOException {
    Path path = create("a.wsp", r(60, 10));
    byte[] before = Files.readAllBytes(path);
    updateMany(path, 1000, p(399, 1), p(10, 2));
    assertArrayEquals(before, Files.readAllBytes(path));
    updateMany(path, 1000, p(399, 1), p(960, 2));
    try (WhisperFile file = open(path)) {
      assertEquals(List.of("0:960=2.0"), nonEmpty(file.readSlots(0)));
    }
  }

  @Test
  void updateMany_futurePoint_isWrittenAndHidesTheSlotItShares() throws IOException {
    Path path = create("a.wsp", r(60, 10));
    updateMany(path, 1000, p(840, 1));
    updateMany(path, 1000, p(1440, 5));
    try (WhisperFile file = open(path)) {
      assertSeries(420, 1020, 60, nones(10), file.fetch(0, 1000, 1000));
      assertSeries(960, 1560, 60, concat(nones(8), values(5.0, null)),
          file.fetch(0, 1500, 1500));
    }
  }

  @Test
  void updateMany_moreContiguousPointsThanSlots_wrapsSoSlot0HoldsTheNewest() throws IOException {
    long now = 1000020;
    Path path = create("a.wsp", r(60, 10), r(300, 12));
    List<Point> points = new ArrayList<>();
    List<Double> expected = new ArrayList<>();
    for (long t = 999420; t <= now; t += 60) {
      points.add(p(t, t));
      if (t >= 999480) {
        expected.add((double) t);
      }
    }
    try (WhisperFile file = openForUpdate(path)) {
      file.updateMany(points, now);
      long[] slots = file.readSlots(0).timestamps();
      assertEquals(1000020, slots[0]);
      for (int i = 1; i < 10; i++) {
        assertEquals(999420 + 60L * i, slots[i], "slot " + i);
      }
      assertSeries(999480, 1000080, 60, expected, file.fetch(now - 600, now, now));
    }
  }

  @Test
  void updateMany_futureRunLongerThanArchive_staysInArchive0() throws IOException {
    // whisper.py writes this run past archive 0 into archive 1 and grows the file to 400 bytes
    // (spec 4.6c); we wrap it within archive 0 (M-08).
    Path path = create("a.wsp", r(60, 10), r(300, 12));
    List<Point> points = new ArrayList<>();
    long first = NOW - 540 - 20; // 1699999440, aligned
    for (int k = 0; k < 39; k++) {
      points.add(p(first + 60L * k + 20, k));
    }
    updateMany(path, NOW, points.toArray(Point[]::new));
    assertEquals(304, Files.size(path));
    try (WhisperFile file = open(path)) {
      Slots slots = file.readSlots(0);
      for (int j = 0; j < 10; j++) {
        int k = j < 9 ? 30 + j : 29; // the newest ten intervals, k = 29..38
        assertEquals(first + 60L * k, slots.timestamps()[j], "slot " + j);
        assertEquals(k, slots.values()[j], "slot " + j);
      }
      // Archive 1 holds only 300-aligned aggregates of what archive 0 kept (5/5 and 3/5 known).
      for (long ts : file.readSlots(1).timestamps()) {
        assertEquals(0, ts % 300, "archive 1 timestamp " + ts);
      }
      assertSeries(1699999200, 1700001900, 300, concat(nones(7), values(33.0, 37.0)),
          file.fetchArchive(1, 1699999200 - 300, 1700001600));
    }
  }

  @Test
  void updateMany_emptyList_writesNothing() throws IOException {
    Path path = create("a.wsp", r(60, 10));
    byte[] before = Files.readAllBytes(path);
    updateMany(path, NOW);
    assertArrayEquals(before, Files.readAllBytes(path));
  }

  @Test
  void updateMany_timestampBeyond32Bits_isRefusedBeforeWriting() throws IOException {
    Path path = create("a.wsp", r(60, 10));
    byte[] before = Files.readAllBytes(path);
    try (WhisperFile file = openForUpdate(path)) {
      // 2**33: its 60 s interval does not fit either. (2**32 would: whisper.py packs the
      // aligned interval 4294967280 and writes it, and so do we.)
      assertThrows(IllegalArgumentException.class,
          () -> file.updateMany(List.of(p(NOW - 60, 1), p(1L << 33, 2)), NOW));
    }
    assertArrayEquals(before, Files.readAllBytes(path));
  }

  @Test
  void updateMany_emptyLowerArchive_getsItsBaseFromCPythonSetOrder() throws IOException {
    Path path = create("a.wsp", 0, AggregationMethod.AVERAGE, r(1, 100), r(8, 20));
    List<Point> points = new ArrayList<>();
    for (long t = NOW - 80; t <= NOW - 17; t++) {
      points.add(p(t, t - NOW));
    }
    try (WhisperFile file = openForUpdate(path)) {
      file.updateMany(points, NOW);
      Slots lower = file.readSlots(1);
      assertEquals(1699999936, lower.timestamps()[0]);
      assertEquals(-60.5, lower.values()[0]);
      assertEquals(1699999920, lower.timestamps()[18]);
      assertEquals(-76.5, lower.values()[18]);
      assertEquals(1699999928, lower.timestamps()[19]);
      assertEquals(-68.5, lower.values()[19]);
      assertSeries(1699999848, 1700000008, 8,
          concat(nones(9), values(-76.5, -68.5, -60.5, -52.5, -44.5, -36.5, -28.5, -20.5),
              nones(3)),
          file.fetch(NOW - 160, NOW, NOW, java.util.OptionalLong.of(8)));
    }
  }

  /**
   * Spec 1.5 and M-11: with ten 60-s slots per 600-s slot, the fewest known slots that
   * propagate. k points (value i+1) are written; the 600-s value is their average from then on.
   */
  @ParameterizedTest(name = "xff {0} (stored {1}) needs {2} of 10")
  @CsvSource({"0.0,0.0,1", "0.1,0.10000000149011612,2", "0.2999999,0.2999998927116394,3",
      "0.3,0.30000001192092896,4", "0.5,0.5,5", "0.7,0.699999988079071,7", "1.0,1.0,10"})
  void updateMany_xffThreshold_usesTheFloat32Value(double xff, double stored, int needed)
      throws IOException {
    long bucket = 1699998600;
    List<Double> actual = new ArrayList<>();
    List<Double> expected = new ArrayList<>();
    for (int k = 0; k <= 10; k++) {
      Path path = create("k" + k + ".wsp", xff, AggregationMethod.AVERAGE, r(60, 30), r(600, 5));
      List<Point> points = new ArrayList<>();
      for (int i = 0; i < k; i++) {
        points.add(p(bucket + 60L * i, i + 1));
      }
      try (WhisperFile file = openForUpdate(path)) {
        assertEquals(stored, file.header().xFilesFactorAsDouble());
        file.updateMany(points, NOW);
        actual.add(file.fetchArchive(1, bucket - 600, bucket).values().getFirst());
      }
      expected.add(k >= needed ? (k + 1) / 2.0 : null);
    }
    assertEquals(expected, actual);
  }

  /**
   * Spec 4.3: the five minutes of bucket 1699999500 in a 60:10 + 300:6 file, xff 0.5, written in
   * one call; the 300-s value for each method and pattern (M-12 to M-22).
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "average|-0.6666666666666666|None|NaN|0.0",
      "sum|-2.0|None|NaN|0.0",
      "last|2.0|None|5.0|-5.0",
      "max|3.0|None|NaN|5.0",
      "min|-7.0|None|NaN|-5.0",
      "avg_zero|-0.4|None|NaN|0.0",
      "absmax|-7.0|None|NaN|-5.0",
      "absmin|2.0|None|NaN|-5.0"})
  void updateMany_propagation_matchesWhisperPyForEveryMethod(String method, String threeOfFive,
      String twoOfFive, String nanFirst, String ties) throws IOException {
    Double[][] columns = {
        {3.0, null, -7.0, 2.0, null},
        {3.0, null, null, 2.0, null},
        {Double.NaN, 1.0, 5.0, null, null},
        {-5.0, 5.0, 5.0, -5.0, null}};
    List<Double> expected = List.of(threeOfFive, twoOfFive, nanFirst, ties).stream()
        .map(s -> s.equals("None") ? null : Double.valueOf(s))
        .toList();
    List<Double> actual = new ArrayList<>();
    long bucket = 1699999500;
    for (int c = 0; c < columns.length; c++) {
      Path path = create(method + c + ".wsp", 0.5, AggregationMethod.fromName(method),
          r(60, 10), r(300, 6));
      List<Point> points = new ArrayList<>();
      for (int k = 0; k < 5; k++) {
        if (columns[c][k] != null) {
          points.add(p(bucket + 60L * k, columns[c][k]));
        }
      }
      try (WhisperFile file = openForUpdate(path)) {
        file.updateMany(points, NOW);
        actual.add(file.fetchArchive(1, bucket - 1, bucket).values().getFirst());
      }
    }
    assertEquals(expected, actual);
  }

  /** Spec 4.4 (M-23): a three-level chain stops where a level does not reach the xff. */
  @ParameterizedTest(name = "minutes {0}")
  @CsvSource(delimiter = '|', value = {
      "0 1 2 3 4 5 6 7 8 9 10 11 12 13 14|1.0 1.0 1.0|1.0",
      "0 1 2 5 6 7 10 11|1.0 1.0 None|1.0",
      "0 1 5 6 10|None None None|None"})
  void updateMany_chain_propagatesLevelByLevel(String minutes, String fiveMinute,
      String fifteenMinute) throws IOException {
    long bucket = 1699998300;
    Path path = create("a.wsp", r(60, 30), r(300, 12), r(900, 8));
    List<Point> points = new ArrayList<>();
    for (String minute : minutes.split(" ")) {
      points.add(p(bucket + 60 * Long.parseLong(minute), 1.0));
    }
    try (WhisperFile file = openForUpdate(path)) {
      file.updateMany(points, NOW);
      assertEquals(fiveMinute, render(file.fetchArchive(1, bucket - 300, bucket + 600)));
      assertEquals(fifteenMinute, render(file.fetchArchive(2, bucket - 900, bucket)));
    }
  }

  @Test
  void updateMany_chainStopped_neverTouchesTheLowestArchive() throws IOException {
    long bucket = 1699998300;
    Path path = create("a.wsp", r(60, 30), r(300, 12), r(900, 8));
    updateMany(path, NOW, p(bucket, 1), p(bucket + 60, 1), p(bucket + 300, 1),
        p(bucket + 360, 1), p(bucket + 600, 1));
    try (WhisperFile file = open(path)) {
      assertEquals(List.of(), nonEmpty(file.readSlots(1)));
      assertEquals(List.of(), nonEmpty(file.readSlots(2)));
    }
  }

  @Test
  void updateMany_rewritesAnExistingRing_withTheWhisperPyBytes() throws IOException {
    Path path = create("a.wsp", r(60, 5));
    try (WhisperFile file = openForUpdate(path)) {
      for (long t = 600; t <= 1020; t += 60) {
        file.update((double) (t / 60), t + 7, t + 30);
      }
      List<Point> points = new ArrayList<>();
      for (long t = 840; t <= 1020; t += 60) {
        points.add(p(t, 100 + t / 60));
      }
      file.updateMany(points, 1050);
      assertEquals(List.of("0:900=115.0", "1:960=116.0", "2:1020=117.0", "3:780=13.0",
          "4:840=114.0"), nonEmpty(file.readSlots(0)));
    }
    assertEquals(Bytes.hex(Bytes.unhex("00000384405cc00000000000 000003c0405d000000000000"
        + " 000003fc405d400000000000 0000030c402a000000000000 00000348405c800000000000")),
        Bytes.hex(Bytes.slice(path, 28, 88)));
  }

  @Test
  void updateArchive_writesStraightIntoTheArchiveAndPropagates() throws IOException {
    Path path = create("a.wsp", 0, AggregationMethod.SUM, r(60, 10), r(300, 12));
    try (WhisperFile file = openForUpdate(path)) {
      file.updateArchive(1, List.of(p(1699996800, 7.0)));
      file.updateArchive(0, List.of(p(1699999500, 1.0), p(1699999560, 2.0)));
      assertEquals(List.of("0:1699996800=7.0", "9:1699999500=3.0"), nonEmpty(file.readSlots(1)));
    }
  }

  private static String render(TimeSeries series) {
    return String.join(" ", series.values().stream()
        .map(v -> v == null ? "None" : v.toString()).toList());
  }
}
