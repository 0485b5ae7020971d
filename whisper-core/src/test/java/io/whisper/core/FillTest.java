package io.whisper.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FillTest {
  // Not aligned to any step, as a real clock rarely is.
  private static final long NOW = 1_700_000_017L;
  private static final long T = NOW - NOW % 60; // the newest minute interval

  private final FileSystem fs = Jimfs.newFileSystem(Configuration.unix());

  @AfterEach
  void closeFs() throws IOException {
    fs.close();
  }

  private Path create(String name, double xff, AggregationMethod method, String... retentions)
      throws IOException {
    Path path = fs.getPath("/" + name);
    Whisper.create(path, Arrays.stream(retentions).map(Retention::parse).toList(), xff, method,
        Allocation.ZERO_FILL, false);
    return path;
  }

  private Path create(String name, String... retentions) throws IOException {
    return create(name, 0.5, AggregationMethod.AVERAGE, retentions);
  }

  private static void put(Path path, int archive, long interval, double value) throws IOException {
    try (WhisperFile file = WhisperFile.openForUpdate(path)) {
      file.writeSlot(archive, interval, value);
    }
  }

  private static Double at(Path path, int archive, long interval) throws IOException {
    try (WhisperFile file = WhisperFile.open(path)) {
      Slots slots = file.readSlots(archive);
      if (slots.base() == 0) {
        return null;
      }
      int index = slots.indexOf(interval);
      return slots.timestamps()[index] == interval ? slots.values()[index] : null;
    }
  }

  private static Fill.Result fill(Path src, Path dst, Fill.Request request) throws IOException {
    try (WhisperFile destination = WhisperFile.openForUpdate(dst);
        WhisperFile source = WhisperFile.open(src)) {
      return Fill.fill(source, destination, request);
    }
  }

  @Test
  void fillsAOneSlotGapAndNeverTouchesTheDataAroundIt() throws IOException {
    Path src = create("src.wsp", "1m:10m");
    Path dst = create("dst.wsp", "1m:10m");
    for (int k = 0; k < 5; k++) {
      put(src, 0, T - 60 * k, 10 + k);
    }
    put(dst, 0, T, 99);             // differs from src: must stay
    put(dst, 0, T - 120, 98);       // after the one-slot gap at T - 60: must stay

    Fill.Result result = fill(src, dst, Fill.Request.at(NOW));

    assertEquals(99.0, at(dst, 0, T));
    assertEquals(11.0, at(dst, 0, T - 60));
    assertEquals(98.0, at(dst, 0, T - 120));
    assertEquals(13.0, at(dst, 0, T - 180));
    assertEquals(14.0, at(dst, 0, T - 240));
    assertEquals(List.of(3L), result.slotsFilled());
    assertEquals(3L, result.total());
  }

  @Test
  void zeroAndNaNAreDataNotGaps() throws IOException {
    Path src = create("src.wsp", "1m:10m");
    Path dst = create("dst.wsp", "1m:10m");
    for (int k = 0; k < 4; k++) {
      put(src, 0, T - 60 * k, 5);
    }
    put(dst, 0, T, 0.0);
    put(dst, 0, T - 60, 0.0);
    put(dst, 0, T - 120, Double.NaN);
    put(dst, 0, T - 180, -0.0);

    Fill.Result result = fill(src, dst, Fill.Request.at(NOW));

    assertEquals(0L, result.total());
    assertEquals(0.0, at(dst, 0, T));
    assertEquals(0.0, at(dst, 0, T - 60));
    assertEquals(Double.NaN, at(dst, 0, T - 120));
    assertEquals(-0.0, at(dst, 0, T - 180));
  }

  @Test
  void aStaleSlotIsAGap() throws IOException {
    Path src = create("src.wsp", "1m:10m");
    Path dst = create("dst.wsp", "1m:10m");
    put(src, 0, T - 60, 7);
    put(dst, 0, T, 1);
    // T - 660 shares T - 60's slot in a 10-slot ring: old data, so T - 60 is a gap.
    try (WhisperFile file = WhisperFile.openForUpdate(dst)) {
      Slots slots = file.readSlots(0);
      assertEquals(slots.indexOf(T - 60), slots.indexOf(T - 660));
      file.writeSlot(0, T - 660, 3);
    }

    assertEquals(1L, fill(src, dst, Fill.Request.at(NOW)).total());

    assertEquals(7.0, at(dst, 0, T - 60));
  }

  @Test
  void aFinerSourceIsAggregatedWithTheDestinationsMethodAndXff() throws IOException {
    Path src = create("src.wsp", "1m:1h");
    Path dst = create("dst.wsp", 0.5, AggregationMethod.MAX, "5m:1h");
    long bucket = NOW - NOW % 300 - 300;
    put(dst, 0, bucket + 300, 1); // newest bucket holds data
    put(src, 0, bucket, 4);
    put(src, 0, bucket + 60, 9);
    put(src, 0, bucket + 180, 2); // 3 of 5 known >= 0.5: max is 9
    long older = bucket - 300;
    put(src, 0, older, 100);
    put(src, 0, older + 60, 200); // 2 of 5 known < 0.5: not filled

    Fill.Result result = fill(src, dst, Fill.Request.at(NOW));

    assertEquals(9.0, at(dst, 0, bucket));
    assertNull(at(dst, 0, older));
    assertEquals(List.of(1L), result.slotsFilled());
  }

  @Test
  void aCoarserSourceInventsNothing() throws IOException {
    Path src = create("src.wsp", "5m:1h");
    Path dst = create("dst.wsp", "1m:1h");
    long bucket = NOW - NOW % 300 - 300;
    put(src, 0, bucket, 4);

    assertEquals(0L, fill(src, dst, Fill.Request.at(NOW)).total());

    assertNull(at(dst, 0, bucket));
  }

  @Test
  void theHighestPrecisionSourceArchiveThatCoversTheGapDecides() throws IOException {
    Path src = create("src.wsp", "1m:10m", "5m:1h");
    Path dst = create("dst.wsp", "5m:1h");
    long recent = NOW - NOW % 300 - 300;   // inside src's 1m window
    long old = recent - 1800;              // only in src's 5m archive
    put(src, 0, recent, 3);
    put(src, 0, recent + 60, 5);
    put(src, 0, recent + 120, 7);
    put(src, 1, recent, 1000);             // the coarse copy loses to the 1m aggregate
    put(src, 1, old, 42);

    fill(src, dst, Fill.Request.at(NOW));

    assertEquals(5.0, at(dst, 0, recent));
    assertEquals(42.0, at(dst, 0, old));
  }

  @Test
  void onlyTheLowerIntervalsHoldingAFilledSlotArePropagated() throws IOException {
    Path src = create("src.wsp", 0.0, AggregationMethod.SUM, "1m:1h", "5m:1d");
    Path dst = create("dst.wsp", 0.0, AggregationMethod.SUM, "1m:1h", "5m:1d");
    long bucket = NOW - NOW % 300 - 600;
    long other = bucket - 900;
    for (int k = 0; k < 5; k++) {
      put(src, 0, bucket + 60 * k, 1);
      put(src, 0, other + 60 * k, 1);
      put(dst, 0, other + 60 * k, 1);
    }
    put(dst, 0, bucket, 1);
    put(dst, 1, bucket, -1);  // stale aggregate of a bucket with a gap: recomputed
    put(dst, 1, other, -2);   // inconsistent, but nothing was filled in it: left alone

    assertEquals(List.of(4L, 0L), fill(src, dst, Fill.Request.at(NOW)).slotsFilled());

    assertEquals(5.0, at(dst, 1, bucket));
    assertEquals(-2.0, at(dst, 1, other));
  }

  @Test
  void propagationGoesDownTheChainFromRewrittenIntervalsOnly() throws IOException {
    Path src = create("src.wsp", 0.0, AggregationMethod.SUM, "1m:1h", "5m:1d", "1h:7d");
    Path dst = create("dst.wsp", 0.0, AggregationMethod.SUM, "1m:1h", "5m:1d", "1h:7d");
    long bucket = NOW - NOW % 300 - 600;
    put(src, 0, bucket, 2);
    put(dst, 1, bucket, 6);
    long hour = bucket - bucket % 3600;

    fill(src, dst, Fill.Request.at(NOW));

    assertEquals(2.0, at(dst, 0, bucket));
    assertEquals(2.0, at(dst, 1, bucket));
    assertEquals(2.0, at(dst, 2, hour)); // the 5m rewrite went on to the hour
  }

  @Test
  void eachLowerArchiveIsFilledOnlyOverItsOwnWindow() throws IOException {
    Path src = create("src.wsp", "1m:1h", "5m:1d");
    Path dst = create("dst.wsp", "1m:1h", "5m:1d");
    long old = NOW - NOW % 300 - 7200;         // older than archive 0: archive 1's window
    long recent = NOW - NOW % 300 - 600;       // archive 0's window: not archive 1's
    put(src, 1, old, 8);
    put(src, 1, recent, 9);
    put(dst, 0, recent, 1);
    for (int k = 1; k < 5; k++) {
      put(dst, 0, recent + 60 * k, 1);
    }

    Fill.Result result = fill(src, dst, Fill.Request.at(NOW));

    assertEquals(8.0, at(dst, 1, old));
    assertNull(at(dst, 1, recent)); // src's 1m archive is empty there; 5m is not archive 1's window
    assertEquals(1L, result.slotsFilled().get(1));
  }

  @Test
  void fromAndUntilNarrowTheWindow() throws IOException {
    Path src = create("src.wsp", "1m:10m");
    Path dst = create("dst.wsp", "1m:10m");
    for (int k = 0; k < 10; k++) {
      put(src, 0, T - 60 * k, k);
    }
    Fill.Request window = new Fill.Request(
        NOW, OptionalLong.of(T - 300), OptionalLong.of(T - 120), false);

    Fill.Result result = fill(src, dst, window);

    assertEquals(List.of(3L), result.slotsFilled()); // T-240, T-180, T-120
    assertNull(at(dst, 0, T - 300));
    assertEquals(4.0, at(dst, 0, T - 240));
    assertEquals(2.0, at(dst, 0, T - 120));
    assertNull(at(dst, 0, T - 60));
  }

  @Test
  void aDryRunCountsAndWritesNothing() throws IOException {
    Path src = create("src.wsp", "1m:10m", "5m:1h");
    Path dst = create("dst.wsp", "1m:10m", "5m:1h");
    for (int k = 0; k < 10; k++) {
      put(src, 0, T - 60 * k, k);
    }
    put(dst, 0, T, 1);
    byte[] before = Files.readAllBytes(dst);

    Fill.Result result;
    try (WhisperFile destination = WhisperFile.open(dst);
        WhisperFile source = WhisperFile.open(src)) {
      result = Fill.fill(source, destination, Fill.Request.at(NOW).withDryRun(true));
    }

    assertEquals(List.of(9L, 0L), result.slotsFilled());
    assertArrayEquals(before, Files.readAllBytes(dst));
  }

  @Test
  void anEmptyDestinationIsFilledCompletely() throws IOException {
    Path src = create("src.wsp", "1m:10m");
    Path dst = create("dst.wsp", "1m:10m");
    for (int k = 0; k < 10; k++) {
      put(src, 0, T - 60 * k, k + 1);
    }

    assertEquals(10L, fill(src, dst, Fill.Request.at(NOW)).total());

    for (int k = 0; k < 10; k++) {
      assertEquals(k + 1.0, at(dst, 0, T - 60 * k));
    }
  }

  @Test
  void aReadOnlyDestinationIsRefusedBeforeAnythingIsWritten() throws IOException {
    Path src = create("src.wsp", "1m:10m");
    Path dst = create("dst.wsp", "1m:10m");
    put(src, 0, T, 1);
    try (WhisperFile destination = WhisperFile.open(dst);
        WhisperFile source = WhisperFile.open(src)) {
      assertThrows(IllegalStateException.class,
          () -> Fill.fill(source, destination, Fill.Request.at(NOW)));
    }
    assertNull(at(dst, 0, T));
  }

  @Test
  void aWindowThatEndsBeforeItStartsIsRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> new Fill.Request(NOW, OptionalLong.of(NOW), OptionalLong.of(NOW - 1), false));
  }
}
