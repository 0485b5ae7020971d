package io.whisper.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MergeTest {
  // T is aligned to 300 s, so the spec's four minutes share one 5-minute bucket.
  static final long T = 1_700_000_100L;
  static final long NOW = T + 200;
  static final List<Retention> SCHEMA = List.of(new Retention(60, 10), new Retention(300, 12));

  @TempDir Path dir;

  /** Writes spec T-MERGE's files: a = {T:1, T+60:2, T+120:3}, b = {T:1, T+60:2.5, T+180:4}. */
  static void writeSpecPair(Path a, Path b) throws IOException {
    Whisper.create(a, SCHEMA);
    Whisper.create(b, SCHEMA);
    try (WhisperFile file = WhisperFile.openForUpdate(a)) {
      file.updateMany(List.of(new Point(T, 1), new Point(T + 60, 2), new Point(T + 120, 3)),
          NOW);
    }
    try (WhisperFile file = WhisperFile.openForUpdate(b)) {
      file.updateMany(List.of(new Point(T, 1), new Point(T + 60, 2.5), new Point(T + 180, 4)),
          NOW);
    }
  }

  @Test
  void merge_specVector_sourceWinsAndDestinationOnlyDataIsKept() throws IOException {
    Path a = dir.resolve("a.wsp");
    Path b = dir.resolve("b.wsp");
    writeSpecPair(a, b);
    Merge.Result result = Merge.merge(a, b, Merge.Request.at(NOW));
    assertEquals(List.of(new Merge.ArchiveMerge(0, 3), new Merge.ArchiveMerge(1, 1)),
        result.archives());
    try (WhisperFile file = WhisperFile.open(b)) {
      TimeSeries series = file.fetchArchive(0, T - 60, T + 180);
      assertEquals(Arrays.asList(1.0, 2.0, 3.0, 4.0), series.values());
      // The 5-minute bucket is a's own propagated average (2.0), merged last.
      assertEquals(List.of(2.0), file.fetchArchive(1, T - 300, T).values());
    }
  }

  @Test
  void merge_untilOlderThanAnArchive_skipsThatArchive() throws IOException {
    Path a = dir.resolve("a.wsp");
    Path b = dir.resolve("b.wsp");
    writeSpecPair(a, b);
    // Archive 0 covers NOW-600 onwards; until NOW-601 leaves only archive 1.
    Merge.Result result = Merge.merge(a, b, new Merge.Request(NOW, OptionalLong.empty(), OptionalLong.of(NOW - 601)));
    assertEquals(List.of(), result.archives(), "archive 1 has no point before NOW-601");
  }

  @Test
  void merge_differentArchives_throwsWhisperPysMessageAndWritesNothing() throws IOException {
    Path a = dir.resolve("a.wsp");
    Path b = dir.resolve("b.wsp");
    Whisper.create(a, SCHEMA);
    Whisper.create(b, List.of(new Retention(60, 20)));
    byte[] before = Files.readAllBytes(b);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Merge.merge(a, b, Merge.Request.at(NOW)));
    assertEquals(a + " and " + b
        + " archive configurations are unalike. Resize the input before merging",
        e.getMessage());
    assertArrayEquals(before, Files.readAllBytes(b));
  }

  @Test
  void merge_untilBeforeFrom_throwsValueErrorText() throws IOException {
    Path a = dir.resolve("a.wsp");
    Path b = dir.resolve("b.wsp");
    writeSpecPair(a, b);
    byte[] before = Files.readAllBytes(b);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Merge.merge(a, b, new Merge.Request(NOW, OptionalLong.of(NOW), OptionalLong.of(NOW - 1))));
    assertEquals("time_to must be >= time_from", e.getMessage());
    assertArrayEquals(before, Files.readAllBytes(b));
  }

  @Test
  void merge_onJimfs_givesTheSameBytesAsOnDisk() throws IOException {
    Path a = dir.resolve("a.wsp");
    Path b = dir.resolve("b.wsp");
    writeSpecPair(a, b);
    try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix())) {
      Path ja = Files.copy(a, fs.getPath("/a.wsp"));
      Path jb = Files.copy(b, fs.getPath("/b.wsp"));
      Merge.merge(ja, jb, Merge.Request.at(NOW));
      Merge.merge(a, b, Merge.Request.at(NOW));
      assertArrayEquals(Files.readAllBytes(b), Files.readAllBytes(jb));
    }
  }
}
