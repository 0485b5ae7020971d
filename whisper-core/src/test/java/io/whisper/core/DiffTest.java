package io.whisper.core;

import static io.whisper.core.MergeTest.NOW;
import static io.whisper.core.MergeTest.SCHEMA;
import static io.whisper.core.MergeTest.T;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.whisper.core.Diff.ArchiveDiff;
import io.whisper.core.Diff.DiffPoint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiffTest {
  @TempDir Path dir;

  @Test
  void diff_specVector_reportsTheThreeDifferingMinutes() throws IOException {
    Path a = dir.resolve("a.wsp");
    Path b = dir.resolve("b.wsp");
    MergeTest.writeSpecPair(a, b);
    List<ArchiveDiff> diffs = Diff.diff(a, b, Diff.Request.at(NOW)).archives();
    assertEquals(List.of(
        new ArchiveDiff(0, List.of(
            new DiffPoint(T + 60, 2.0, 2.5),
            new DiffPoint(T + 120, 3.0, null),
            new DiffPoint(T + 180, null, 4.0)), 4),
        // Archive 1 only covers time before archive 0's window, where neither has data.
        new ArchiveDiff(1, List.of(), 0)), diffs);
  }

  @Test
  void diff_ignoreEmpty_comparesOnlyPointsBothHave() throws IOException {
    Path a = dir.resolve("a.wsp");
    Path b = dir.resolve("b.wsp");
    MergeTest.writeSpecPair(a, b);
    List<ArchiveDiff> diffs = Diff.diff(a, b, new Diff.Request(NOW, OptionalLong.empty(), true)).archives();
    assertEquals(new ArchiveDiff(0, List.of(new DiffPoint(T + 60, 2.0, 2.5)), 2),
        diffs.getFirst());
  }

  @Test
  void diff_comparesAsPythonFloats_nanAlwaysDiffersAndZeroEqualsMinusZero()
      throws IOException {
    Path a = dir.resolve("a.wsp");
    Path b = dir.resolve("b.wsp");
    Whisper.create(a, SCHEMA);
    Whisper.create(b, SCHEMA);
    for (Path p : List.of(a, b)) {
      try (WhisperFile file = WhisperFile.openForUpdate(p)) {
        file.updateMany(List.of(new Point(T, Double.NaN),
            new Point(T + 60, p == a ? 0.0 : -0.0)), NOW);
      }
    }
    ArchiveDiff first = Diff.diff(a, b, Diff.Request.at(NOW)).archives().getFirst();
    assertEquals(2, first.total());
    assertEquals(1, first.differing().size());
    assertEquals(T, first.differing().getFirst().timestamp());
  }

  @Test
  void diff_differentArchives_throwsWhisperPysMessage() throws IOException {
    Path a = dir.resolve("a.wsp");
    Path b = dir.resolve("b.wsp");
    Whisper.create(a, SCHEMA);
    Whisper.create(b, List.of(new Retention(60, 20)));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Diff.diff(a, b, Diff.Request.at(NOW)).archives());
    assertEquals(a + " and " + b
        + " archive configurations are unalike. Resize the input before diffing",
        e.getMessage());
  }
}
