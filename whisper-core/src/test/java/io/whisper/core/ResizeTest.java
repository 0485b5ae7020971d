package io.whisper.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResizeTest {
  // Aligned to 300 s, so 5-minute buckets start at NOW - 300k.
  static final long NOW = 1_700_000_100L;

  @TempDir Path dir;

  private static Resize.Request request(String... schema) {
    return new Resize.Request(NOW, Arrays.stream(schema).map(Retention::parse).toList(),
        Optional.empty(), Optional.empty(), false, Optional.empty(), false);
  }

  private static Resize.Request aggregating(AggregationMethod method, double xff,
      String... schema) {
    return new Resize.Request(NOW, Arrays.stream(schema).map(Retention::parse).toList(),
        Optional.of(xff), Optional.of(method), true, Optional.empty(), false);
  }

  // One point per minute, value = minutes before NOW, for the whole 10-minute window, except
  // the minutes in `gaps`.
  private Path fullMinutes(String name, long... gaps) throws IOException {
    Path path = dir.resolve(name);
    Whisper.create(path, List.of(new Retention(60, 10)), 0.5, AggregationMethod.AVERAGE,
        Allocation.ZERO_FILL, false);
    List<Point> points = new ArrayList<>();
    for (int k = 0; k < 10; k++) {
      long t = NOW - 60L * k;
      if (Arrays.stream(gaps).noneMatch(g -> g == t)) {
        points.add(new Point(t, k));
      }
    }
    try (WhisperFile file = WhisperFile.openForUpdate(path)) {
      file.updateMany(points, NOW);
    }
    return path;
  }

  private static List<Double> values(Path path, int archive, long from, long until)
      throws IOException {
    try (WhisperFile file = WhisperFile.open(path)) {
      return file.fetchArchive(archive, from, until).values();
    }
  }

  @Test
  void resize_keepsTheOldestLivePoint() throws IOException {
    Path path = fullMinutes("cpu.wsp");
    Resize.resize(path, request("60:20"));
    // whisper-resize 1.1.4 would lose 9.0, the point at NOW - 540.
    assertEquals(Arrays.asList(null, 9.0, 8.0, 7.0, 6.0, 5.0, 4.0, 3.0, 2.0, 1.0, 0.0),
        values(path, 0, NOW - 660, NOW));
  }

  @Test
  void resize_replacesThePathAndKeepsTheOriginalAsBak() throws IOException {
    Path path = fullMinutes("cpu.wsp");
    byte[] original = Files.readAllBytes(path);
    Resize.Result result = Resize.resize(path, request("60:20", "5m:1h"));
    assertEquals(dir.resolve("cpu.wsp.tmp"), result.created());
    assertEquals(Optional.of(dir.resolve("cpu.wsp.bak")), result.backup());
    assertArrayEquals(original, Files.readAllBytes(dir.resolve("cpu.wsp.bak")));
    assertEquals(Header.headerSize(2) + 12 * (20 + 12), Files.size(path));
    assertEquals(result.createdBytes(), Files.size(path));
    assertFalse(Files.exists(dir.resolve("cpu.wsp.tmp")));
  }

  @Test
  void resize_noBackup_removesTheBak() throws IOException {
    Path path = fullMinutes("cpu.wsp");
    Resize.Request request = new Resize.Request(NOW, List.of(Retention.parse("60:20")),
        Optional.empty(), Optional.empty(), false, Optional.empty(), true);
    Resize.Result result = Resize.resize(path, request);
    assertTrue(result.backupRemoved());
    assertFalse(Files.exists(dir.resolve("cpu.wsp.bak")));
  }

  @Test
  void resize_newFile_leavesTheOriginalUntouched() throws IOException {
    Path path = fullMinutes("cpu.wsp");
    byte[] original = Files.readAllBytes(path);
    Path target = dir.resolve("new.wsp");
    Resize.Request request = new Resize.Request(NOW, List.of(Retention.parse("60:20")),
        Optional.empty(), Optional.empty(), false, Optional.of(target), false);
    Resize.Result result = Resize.resize(path, request);
    assertEquals(Optional.empty(), result.backup());
    assertArrayEquals(original, Files.readAllBytes(path));
    assertEquals(9.0, values(target, 0, NOW - 600, NOW).getFirst());
  }

  @Test
  void resize_invalidSchema_changesNothing() throws IOException {
    Path path = fullMinutes("cpu.wsp");
    byte[] original = Files.readAllBytes(path);
    assertThrows(IllegalArgumentException.class,
        () -> Resize.resize(path, request("60:10", "60:20")));
    assertArrayEquals(original, Files.readAllBytes(path));
    try (var files = Files.list(dir)) {
      assertEquals(List.of(path), files.toList());
    }
  }

  @Test
  void resize_backupCannotBeWritten_leavesTheOriginalAndNoTemp() throws IOException {
    Path path = fullMinutes("cpu.wsp");
    byte[] original = Files.readAllBytes(path);
    // A directory where the backup goes: the replace step fails, and leaves it alone.
    Files.createDirectories(dir.resolve("cpu.wsp.bak"));
    assertThrows(IOException.class, () -> Resize.resize(path, request("60:20")));
    assertArrayEquals(original, Files.readAllBytes(path));
    assertFalse(Files.exists(dir.resolve("cpu.wsp.tmp")));
    assertTrue(Files.isDirectory(dir.resolve("cpu.wsp.bak")));
  }

  @Test
  void resize_existingNewFile_isRefusedAndKept() throws IOException {
    Path path = fullMinutes("cpu.wsp");
    Path target = Files.writeString(dir.resolve("new.wsp"), "keep me");
    Resize.Request request = new Resize.Request(NOW, List.of(Retention.parse("60:20")),
        Optional.empty(), Optional.empty(), false, Optional.of(target), false);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Resize.resize(path, request));
    assertEquals("File " + target + " already exists!", e.getMessage());
    assertEquals("keep me", Files.readString(target));
  }

  @Test
  void resize_aggregate_averagesTheOldPointsOfEachNewInterval() throws IOException {
    Path path = fullMinutes("cpu.wsp");
    Resize.resize(path, aggregating(AggregationMethod.AVERAGE, 0.5, "5m:1h"));
    // The old window starts at NOW-540, so [NOW-600, NOW-300) holds 9, 8, 7, 6;
    // [NOW-300, NOW) holds 5, 4, 3, 2, 1 and [NOW, NOW+300) holds 0.
    assertEquals(Arrays.asList(7.5, 3.0, 0.0), values(path, 0, NOW - 900, NOW));
  }

  @Test
  void resize_aggregate_usesTheMethodAndXFilesFactor() throws IOException {
    for (var method : List.of(AggregationMethod.SUM, AggregationMethod.MAX,
        AggregationMethod.MIN, AggregationMethod.LAST, AggregationMethod.AVG_ZERO,
        AggregationMethod.AVERAGE)) {
      Path path = fullMinutes("cpu-" + method.pythonName() + ".wsp", NOW - 120);
      Resize.resize(path, aggregating(method, 0.5, "5m:1h"));
      // [NOW-300, NOW) holds 5, 4, 3, a gap, 1: 4 of 5 known.
      double expected = switch (method) {
        case SUM -> 13.0;
        case MAX -> 5.0;
        case MIN, LAST -> 1.0;
        case AVG_ZERO -> 13.0 / 5;
        case AVERAGE -> 13.0 / 4;
        default -> throw new AssertionError(method);
      };
      assertEquals(expected, values(path, 0, NOW - 600, NOW - 300).getFirst(), method.name());
    }
    Path strict = fullMinutes("strict.wsp", NOW - 120);
    Resize.resize(strict, aggregating(AggregationMethod.AVERAGE, 0.9, "5m:1h"));
    assertEquals(Arrays.asList(7.5, null, 0.0), values(strict, 0, NOW - 900, NOW),
        "4 of 5 known is below xFilesFactor 0.9");
  }

  @Test
  void resize_aggregate_takesOlderTimeFromCoarserArchives() throws IOException {
    Path path = dir.resolve("two.wsp");
    Whisper.create(path, List.of(new Retention(60, 5), new Retention(300, 4)), 0.0,
        AggregationMethod.MAX, Allocation.ZERO_FILL, false);
    try (WhisperFile file = WhisperFile.openForUpdate(path)) {
      for (int k = 19; k >= 0; k--) {
        file.update(100 - k, NOW - 60L * k, NOW - 60L * k); // as carbon: one point a minute
      }
    }
    // Old 1-minute window: NOW-240..NOW = 96..100. Old 5-minute maxima (each bucket's newest
    // minute): NOW-900 -> 89, NOW-600 -> 94, NOW-300 -> 99, NOW -> 100.
    assertEquals(Arrays.asList(89.0, 94.0, 99.0, 100.0), values(path, 1, NOW - 1200, NOW));
    Resize.resize(path, aggregating(AggregationMethod.MAX, 0.0, "10m:1h"));
    // NOW is 300 past a 10-minute boundary. [NOW-900, NOW-300) has only coarse points (89,
    // 94); [NOW-300, NOW+300) has the coarse 99 (older than every fine point) and 96..100.
    assertEquals(Arrays.asList(null, 94.0, 100.0), values(path, 0, NOW - 1800, NOW));
  }

  @Test
  void resize_onJimfs_givesTheSameBytesAsOnDisk() throws IOException {
    Path path = fullMinutes("cpu.wsp");
    try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix())) {
      Path copy = Files.copy(path, fs.getPath("/cpu.wsp"));
      Resize.resize(copy, request("60:20", "5m:1h"));
      Resize.resize(path, request("60:20", "5m:1h"));
      assertArrayEquals(Files.readAllBytes(path), Files.readAllBytes(copy));
      assertTrue(Files.exists(fs.getPath("/cpu.wsp.bak")));
    }
  }
}
