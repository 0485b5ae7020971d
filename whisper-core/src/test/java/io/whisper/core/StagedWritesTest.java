package io.whisper.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The staged points of a fill, held by archive and slot in pages of 1,024 slots: reads see
 * them wherever they fall (across pages, in part of a point, in another archive than the one
 * read), and they are written in the order a rerun can finish from.
 */
class StagedWritesTest {
  private final FileSystem fs = Jimfs.newFileSystem(Configuration.unix());

  @AfterEach
  void closeFs() throws IOException {
    fs.close();
  }

  // 3,000 one-minute slots (three pages, the last partial) and 100 hourly ones.
  private WhisperFile file() throws IOException {
    Path path = fs.getPath("/staged.wsp");
    Whisper.create(path, List.of(Retention.parse("60:3000"), Retention.parse("3600:100")), 0.5,
        AggregationMethod.AVERAGE, Allocation.ZERO_FILL, false);
    return WhisperFile.openForUpdate(path);
  }

  private static long slot(ArchiveInfo archive, int slot) {
    return archive.offset() + (long) slot * Point.BYTES;
  }

  @Test
  void readsSeeStagedPointsAcrossPagesAndInPartOfAPoint() throws IOException {
    try (WhisperFile file = file()) {
      ArchiveInfo minutes = file.header().archive(0);
      StagedWrites staged = file.stage();
      int[] slots = {1023, 1024, 2047, 2999};
      for (int s : slots) {
        staged.writePoint(slot(minutes, s), 1_000_000L + s, s + 0.5);
      }
      assertEquals(1_001_024L, staged.readTimestamp(slot(minutes, 1024)));
      assertEquals(0L, staged.readTimestamp(slot(minutes, 1025)), "not staged: the file's");

      long[] timestamps = new long[1030 - 1020];
      double[] values = new double[timestamps.length];
      staged.readPoints(slot(minutes, 1020), timestamps.length, timestamps, values, 0);
      for (int k = 0; k < timestamps.length; k++) {
        int s = 1020 + k;
        boolean isStaged = s == 1023 || s == 1024;
        assertEquals(isStaged ? 1_000_000L + s : 0L, timestamps[k], "slot " + s);
        assertEquals(isStaged ? s + 0.5 : 0.0, values[k], "slot " + s);
      }

      // bytes from the middle of slot 2046 to the middle of slot 2048: half of 2046's (zeros),
      // all of 2047's, half of 2048's (zeros)
      byte[] bytes = new byte[2 * Point.BYTES];
      staged.read(slot(minutes, 2046) + 6, bytes, 0, bytes.length);
      byte[] expected = new byte[bytes.length];
      PointBytes.put(expected, 6, 1_002_047L, 2047.5);
      assertArrayEquals(expected, bytes);

      // a range that runs past the archive's end into the next archive: the general path
      long[] across = new long[3];
      double[] acrossValues = new double[3];
      staged.readPoints(slot(minutes, 2999), 3, across, acrossValues, 0);
      assertEquals(1_002_999L, across[0]);
      assertEquals(0L, across[1]);
    }
  }

  @Test
  void writesGoCoarsestArchiveFirstAndOffsetsAscendingWithinEach() throws IOException {
    try (WhisperFile file = file()) {
      ArchiveInfo minutes = file.header().archive(0);
      ArchiveInfo hours = file.header().archive(1);
      StagedWrites staged = file.stage();
      staged.writePoint(slot(minutes, 2500), 3, 3.0);
      staged.writePoint(slot(hours, 7), 4, 4.0);
      staged.writePoint(slot(minutes, 10), 1, 1.0);
      staged.writePoint(slot(minutes, 1500), 2, 2.0);
      staged.writePoint(slot(minutes, 10), 5, 5.0); // staged again: the last value counts once
      List<Long> order = new ArrayList<>();
      for (Map.Entry<Long, Point> e : staged.inWriteOrder()) {
        order.add(e.getKey());
      }
      assertEquals(List.of(slot(hours, 7), slot(minutes, 10), slot(minutes, 1500),
          slot(minutes, 2500)), order);
      assertEquals(new Point(5, 5.0), staged.inWriteOrder().get(1).getValue());

      List<long[]> pages = staged.pages(4096, file.header().fileSize());
      assertTrue(pages.getFirst()[0] <= slot(minutes, 10) && pages.getLast()[1] > slot(hours, 7));

      staged.apply();
      assertEquals(5L, readTimestamp(file, slot(minutes, 10)));
      assertEquals(4L, readTimestamp(file, slot(hours, 7)));
    }
  }

  @Test
  void anOffsetThatIsNotAPointsSlotIsRefused() throws IOException {
    try (WhisperFile file = file()) {
      StagedWrites staged = file.stage();
      long inside = slot(file.header().archive(0), 3) + 4;
      assertThrows(IllegalArgumentException.class, () -> staged.writePoint(inside, 1, 1.0));
      assertThrows(IllegalArgumentException.class, () -> staged.writePoint(0, 1, 1.0));
      assertTrue(staged.isEmpty());
    }
  }

  private static long readTimestamp(WhisperFile file, long offset) throws IOException {
    byte[] bytes = Files.readAllBytes(file.path());
    return PointBytes.timestamp(bytes, (int) offset);
  }
}
