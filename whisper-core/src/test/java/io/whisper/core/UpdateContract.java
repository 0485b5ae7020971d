package io.whisper.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link WhisperFile#update}: conformance U-01 to U-05 and spec 4.1. */
abstract class UpdateContract extends OnEveryBackend {

  UpdateContract(Backend backend) {
    super(backend);
  }

  @Test
  void update_firstPoint_goesToSlot0AndIsFetched() throws IOException {
    Path path = create("a.wsp", r(60, 5));
    try (WhisperFile file = openForUpdate(path)) {
      file.update(3.5, NOW - 70, NOW);
    }
    byte[] bytes = Files.readAllBytes(path);
    assertEquals("6553f0b0400c000000000000", Bytes.hex(Arrays.copyOfRange(bytes, 28, 40)));
    assertTrue(Bytes.zeroFrom(bytes, 40));
    try (WhisperFile file = openForUpdate(path)) {
      assertSeries(1699999740, 1700000040, 60, values(null, null, null, 3.5, null),
          file.fetch(NOW - 300, NOW, NOW));
      file.update(4.5, NOW - 10, NOW);
      assertSeries(1699999740, 1700000040, 60, values(null, null, null, 3.5, 4.5),
          file.fetch(NOW - 300, NOW, NOW));
    }
    assertEquals("6553f0ec4012000000000000", Bytes.hex(Bytes.slice(path, 40, 52)));
  }

  @Test
  void update_ageEqualToMaxRetention_isNotCovered() throws IOException {
    Path path = create("a.wsp", r(60, 10));
    try (WhisperFile file = openForUpdate(path)) {
      TimestampNotCoveredException e =
          assertThrows(TimestampNotCoveredException.class, () -> file.update(1.0, 400, 1000));
      assertEquals("Timestamp not covered by any archives in this database.", e.getMessage());
      file.update(2.0, 401, 1000);
      assertEquals(360, file.readSlots(0).base());
    }
  }

  @Test
  void update_futureTimestamp_isNotCovered() throws IOException {
    Path path = create("a.wsp", r(60, 10));
    byte[] before = Files.readAllBytes(path);
    try (WhisperFile file = openForUpdate(path)) {
      TimestampNotCoveredException e =
          assertThrows(TimestampNotCoveredException.class, () -> file.update(1.0, NOW + 1, NOW));
      assertEquals("Timestamp not covered by any archives in this database.", e.getMessage());
    }
    assertArrayEquals(before, Files.readAllBytes(path));
  }

  @Test
  void update_onePointAtATime_propagatesOnceXffIsReached() throws IOException {
    long bucket = 1699999500;
    Path path = create("a.wsp", r(60, 10), r(300, 6));
    List<Double> lower = new ArrayList<>();
    try (WhisperFile file = openForUpdate(path)) {
      file.update(3, bucket, NOW);
      lower.add(file.fetchArchive(1, bucket - 1, bucket).values().getFirst());
      file.update(-7, bucket + 120, NOW);
      lower.add(file.fetchArchive(1, bucket - 1, bucket).values().getFirst());
      file.update(2, bucket + 180, NOW);
      lower.add(file.fetchArchive(1, bucket - 1, bucket).values().getFirst());
    }
    assertEquals(values(null, null, -0.6666666666666666), lower);
  }

  @Test
  void update_wrapsAroundTheRing_slot0IsNotTheOldest() throws IOException {
    Path path = create("a.wsp", r(60, 5));
    List<String> history = new ArrayList<>();
    try (WhisperFile file = openForUpdate(path)) {
      for (long t = 600; t <= 1020; t += 60) {
        file.update((double) (t / 60), t + 7, t + 30);
        history.add(Arrays.toString(file.readSlots(0).timestamps()));
      }
    }
    assertEquals(List.of("[600, 0, 0, 0, 0]", "[600, 660, 0, 0, 0]", "[600, 660, 720, 0, 0]",
        "[600, 660, 720, 780, 0]", "[600, 660, 720, 780, 840]", "[900, 660, 720, 780, 840]",
        "[900, 960, 720, 780, 840]", "[900, 960, 1020, 780, 840]"), history);
    byte[] bytes = Files.readAllBytes(path);
    assertEquals(Bytes.hex(Bytes.unhex("00000384402e000000000000 000003c04030000000000000"
        + " 000003fc4031000000000000 0000030c402a000000000000 00000348402c000000000000")),
        Bytes.hex(Arrays.copyOfRange(bytes, 28, 88)));
    assertEquals("4d69294b364d5c69e0c3dffab68005ac2c3c339b8a51dc964e2c15bfc92bd4ce",
        Bytes.sha256(bytes));
  }

  @Test
  void update_mixedAges_goToTheArchiveCoveringEachAge() throws IOException {
    Path path = create("a.wsp", 0, AggregationMethod.AVERAGE, r(60, 10), r(300, 12));
    long[] ages = {30, 590, 600, 610, 3000, 3600, 3601};
    try (WhisperFile file = openForUpdate(path)) {
      for (int i = 0; i < ages.length; i++) {
        double value = i + 1;
        long timestamp = NOW - ages[i];
        if (ages[i] >= 3600) {
          assertThrows(TimestampNotCoveredException.class,
              () -> file.update(value, timestamp, NOW));
        } else {
          file.update(value, timestamp, NOW);
        }
      }
      assertEquals(List.of("0:1699999920=1.0", "1:1699999380=3.0"), nonEmpty(file.readSlots(0)));
      assertEquals(List.of("0:1699999800=1.0", "2:1699996800=5.0", "10:1699999200=4.0"),
          nonEmpty(file.readSlots(1)));
    }
  }

  @Test
  void update_readOnlyFile_isRefused() throws IOException {
    Path path = create("a.wsp", r(60, 10));
    try (WhisperFile file = open(path)) {
      assertThrows(IllegalStateException.class, () -> file.update(1.0, NOW, NOW));
    }
  }

  @Test
  void writeSlot_writesOneSlotWithoutPropagating_andPropagateThenAggregates() throws IOException {
    Path path = create("a.wsp", 0, AggregationMethod.MAX, r(60, 10), r(300, 12));
    try (WhisperFile file = openForUpdate(path)) {
      file.writeSlot(0, 1699999500, 4.0);
      file.writeSlot(0, 1699999620, 9.0);
      assertEquals(List.of(), nonEmpty(file.readSlots(1)));
      assertTrue(file.propagate(1699999620, 0, 1));
      assertEquals(List.of("0:1699999500=9.0"), nonEmpty(file.readSlots(1)));
      assertEquals(false, file.propagate(1699998000, 0, 1));
    }
  }

  @Test
  void writeSlot_unalignedInterval_isRefused() throws IOException {
    Path path = create("a.wsp", r(60, 10));
    byte[] before = Files.readAllBytes(path);
    try (WhisperFile file = openForUpdate(path)) {
      assertThrows(IllegalArgumentException.class, () -> file.writeSlot(0, NOW, 1.0));
    }
    assertArrayEquals(before, Files.readAllBytes(path));
  }

  /** Returns the non-empty slots as {@code "index:timestamp=value"}. */
  static List<String> nonEmpty(Slots slots) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < slots.size(); i++) {
      if (slots.timestamps()[i] != 0) {
        out.add(i + ":" + slots.timestamps()[i] + "=" + slots.values()[i]);
      }
    }
    return out;
  }
}
