package io.whisper.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link WhisperFile#fetch}: every row of the spec 5.1 table (F-01 to F-19), clamping, archive
 * selection, forced archives with whisper.py's truncated lists, and wrap-around reads.
 */
abstract class FetchContract extends OnEveryBackend {

  FetchContract(Backend backend) {
    super(backend);
  }

  @Test
  void spec51File_isByteIdenticalToWhisperPy() throws IOException {
    assertEquals("4f2cb5c9abf1ced1f5b7f21932c57fccedf739b1be2953c8f0bb987e36e64b93",
        Bytes.sha256(Files.readAllBytes(spec51("a.wsp"))));
  }

  /**
   * The spec 5.1 table. {@code spp} forces an archive (whisper.py's archiveToSelect); values are
   * space separated, {@code None*9} repeats, and a start of {@code None} means fetch returned
   * None.
   */
  @ParameterizedTest(name = "{0}: fetch({1}, {2}, archive {3})")
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "F-01 last 5 minutes|-300|0|-|1699999740|1700000040|60|329 330 331 332 None",
      "F-03 diff == retention uses archive 0|-600|0|-|1699999440|1700000040|60|324 325 326 327 328 329 330 331 332 None",
      "F-04 diff > retention uses archive 1|-601|0|-|1699999500|1700000100|300|327 331",
      "F-05 zero-length range gives the next step|0|0|-|1700000040|1700000100|60|None",
      "F-06 zero-length unaligned|-20|-20|-|1700000040|1700000100|60|None",
      "F-07 inside one minute|-80|-30|-|1699999980|1700000040|60|None",
      "F-08 entirely in the future|1|100|-|None|-|-|-",
      "F-09 older than maxRetention|-100000|-3601|-|None|-|-|-",
      "F-10 until at the oldest edge|-100000|-3600|-|1699996500|1699996800|300|None",
      "F-11 from clamped to maxRetention|-100000|0|-|1699996500|1700000100|300|None*10 327 331",
      "F-12 until clamped to now|-60|10000|-|1699999980|1700000040|60|None",
      "F-14 archive forced by step|-300|0|300|1699999800|1700000100|300|331",
      "F-15 forcing the automatic archive|-300|0|60|1699999740|1700000040|60|329 330 331 332 None",
      "forced finer archive, two laps: truncated list|-1200|0|60|1699998840|1700000040|60|None*9 323",
      "forced finer archive, five laps: truncated list|-3000|0|60|1699997040|1700000040|60|None*10",
      "forced coarser archive|-600|0|300|1699999500|1700000100|300|327 331"})
  void fetch_spec51Table(String row, long from, long until, Long spp, String start, Long end,
      Long step, String values) throws IOException {
    Path path = spec51("a.wsp");
    try (WhisperFile file = open(path)) {
      Optional<TimeSeries> result = file.fetch(NOW + from, NOW + until, NOW,
          spp == null ? OptionalLong.empty() : OptionalLong.of(spp));
      if (start.equals("None")) {
        assertEquals(Optional.empty(), result);
      } else {
        assertSeries(Long.parseLong(start), end, step, parse(values), result);
      }
    }
  }

  @Test
  void fetch_alignedFrom_excludesItsOwnInterval() throws IOException {
    try (WhisperFile file = open(spec51("a.wsp"))) {
      assertSeries(1699999740, 1699999860, 60, values(329.0, 330.0),
          file.fetch(1699999680, 1699999800, NOW));
      assertSeries(1699999740, 1699999860, 60, values(329.0, 330.0),
          file.fetch(1699999681, 1699999801, NOW));
    }
  }

  @Test
  void fetch_fromAfterUntil_throwsInvalidTimeInterval() throws IOException {
    try (WhisperFile file = open(spec51("a.wsp"))) {
      InvalidTimeIntervalException e = assertThrows(InvalidTimeIntervalException.class,
          () -> file.fetch(NOW, NOW - 1, NOW));
      assertEquals(
          "Invalid time interval: from time '1700000000' is after until time '1699999999'",
          e.getMessage());
    }
  }

  @Test
  void fetch_unknownGranularity_throwsWhisperPyMessage() throws IOException {
    try (WhisperFile file = open(spec51("a.wsp"))) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> file.fetch(NOW - 300, NOW, NOW, OptionalLong.of(Retention.parsePrecision("2m"))));
      assertEquals("Invalid granularity: 120", e.getMessage());
    }
  }

  @Test
  void fetch_emptyArchive_returnsNonesWithoutReadingSlots() throws IOException {
    try (WhisperFile file = open(create("a.wsp", r(60, 10), r(300, 12)))) {
      assertSeries(1699999740, 1700000040, 60, nones(5), file.fetch(NOW - 300, NOW, NOW));
      assertSeries(1699996500, 1700000100, 300, nones(12), file.fetch(0, NOW, NOW));
    }
  }

  @Test
  void fetch_doesNotWriteTheFile() throws IOException {
    Path path = spec51("a.wsp");
    byte[] before = Files.readAllBytes(path);
    try (WhisperFile file = open(path)) {
      file.fetch(0, NOW, NOW);
      file.fetch(NOW - 300, NOW, NOW);
    }
    assertArrayEquals(before, Files.readAllBytes(path));
  }

  @Test
  void fetch_wrappedRing_readsAcrossTheArchiveEnd() throws IOException {
    Path path = wrapExample();
    try (WhisperFile file = open(path)) {
      assertSeries(780, 1080, 60, values(13.0, 14.0, 15.0, 16.0, 17.0), file.fetch(750, 1050, 1050));
      assertSeries(840, 1080, 60, values(14.0, 15.0, 16.0, 17.0), file.fetch(800, 1040, 1050));
    }
  }

  @Test
  void fetchArchive_doesNotClampToRetentionOrNow() throws IOException {
    try (WhisperFile file = open(spec51("a.wsp"))) {
      TimeSeries series = file.fetchArchive(1, NOW - 900, NOW + 600);
      assertSeries(1699999200, 1700000700, 300, values(null, 327.0, 331.0, null, null), series);
    }
  }

  @Test
  void open_truncatedFile_isRefusedWhereWhisperPyReadsShortLists() throws IOException {
    Path path = spec51("a.wsp");
    truncate(path, 100);
    CorruptWhisperFileException e = assertThrows(CorruptWhisperFileException.class,
        () -> open(path));
    assertEquals(Problem.FILE_TRUNCATED, e.problem());
    assertFalse(e.refusedByPython());
  }

  @Test
  void open_maxRetentionBelowLongestArchive_isRefusedWhereWhisperPyClamps() throws IOException {
    Path path = create("a.wsp", r(60, 10));
    try (WhisperFile file = openForUpdate(path)) {
      file.update(1.0, NOW - 500, NOW);
    }
    patch(path, 4, ByteBuffer.allocate(4).putInt(100).array());
    CorruptWhisperFileException e = assertThrows(CorruptWhisperFileException.class,
        () -> open(path));
    assertEquals(Problem.MAX_RETENTION_MISMATCH, e.problem());
  }

  @Test
  void open_noArchives_isRefusedWhereWhisperPyCrashesLater() throws IOException {
    Path path = create("a.wsp", r(60, 10));
    patch(path, 12, new byte[4]);
    CorruptWhisperFileException e = assertThrows(CorruptWhisperFileException.class,
        () -> openForUpdate(path));
    assertEquals(Problem.NO_ARCHIVES, e.problem());
    // Nothing stays locked or mapped after the refusal: the file can be opened again.
    patch(path, 12, new byte[] {0, 0, 0, 1});
    try (WhisperFile file = openForUpdate(path)) {
      file.update(2.0, NOW - 30, NOW);
    }
  }

  @Test
  void open_missingFile_throwsNoSuchFile() {
    assertThrows(java.nio.file.NoSuchFileException.class, () -> open(dir.resolve("none.wsp")));
  }

  /** The spec 1.3 wrap example: (60,5), one update a minute from 600 to 1020. */
  Path wrapExample() throws IOException {
    Path path = create("wrap.wsp", r(60, 5));
    try (WhisperFile file = openForUpdate(path)) {
      for (long t = 600; t <= 1020; t += 60) {
        file.update((double) (t / 60), t + 7, t + 30);
      }
    }
    return path;
  }

  static void truncate(Path path, int length) throws IOException {
    byte[] bytes = Files.readAllBytes(path);
    Files.write(path, java.util.Arrays.copyOf(bytes, length));
  }

  static void patch(Path path, int offset, byte[] replacement) throws IOException {
    byte[] bytes = Files.readAllBytes(path);
    System.arraycopy(replacement, 0, bytes, offset, replacement.length);
    Files.write(path, bytes);
  }

  // "329 None*3 331" -> [329.0, null, null, null, 331.0]
  private static List<Double> parse(String values) {
    List<Double> list = new ArrayList<>();
    for (String token : values.split(" ")) {
      String[] repeat = token.split("\\*");
      Double value = repeat[0].equals("None") ? null : Double.valueOf(repeat[0]);
      int n = repeat.length > 1 ? Integer.parseInt(repeat[1]) : 1;
      for (int i = 0; i < n; i++) {
        list.add(value);
      }
    }
    return list;
  }
}
