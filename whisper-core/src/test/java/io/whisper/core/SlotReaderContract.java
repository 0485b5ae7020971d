package io.whisper.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link SlotReader} returns what {@link WhisperFile#readSlots} decodes, slot for slot, with
 * chunks much smaller than the archive: scans that start mid-ring, wrap, and jump back.
 */
abstract class SlotReaderContract extends OnEveryBackend {
  private static final int POINTS = 30;

  SlotReaderContract(Backend backend) {
    super(backend);
  }

  // A 30-slot archive with runs of data and of holes of 1 to 4 slots, NaN and 0.0 among the
  // values, written over more than one lap so the ring's newest slot is in its middle.
  private Path filled() throws IOException {
    Path path = create("a.wsp", r(60, POINTS));
    long newest = NOW - NOW % 60;
    Random random = new Random(42);
    try (WhisperFile file = openForUpdate(path)) {
      List<Point> points = new ArrayList<>();
      for (int k = 0; k < 29; k++) {
        points.add(new Point(newest - 60L * (40 - k), k));
      }
      file.updateMany(points, newest - 60L * 12); // the first lap, then the holes of the next
      points.clear();
      for (int k = 0; k < 12; k += 1 + (random.nextInt(3) == 0 ? 1 + random.nextInt(4) : 0)) {
        points.add(new Point(newest - 60L * (11 - k), k == 5 ? Double.NaN : k % 3 == 0 ? 0.0 : k));
      }
      file.updateMany(points, NOW);
    }
    return path;
  }

  @Test
  void everySlotMatchesTheDecodedRingWhateverTheChunkAndTheOrder() throws IOException {
    Path path = filled();
    try (WhisperFile file = open(path)) {
      Slots ring = file.readSlots(0);
      for (int chunkPoints = 1; chunkPoints <= 12; chunkPoints++) {
        SlotReader reader = file.slotReader(0, new byte[chunkPoints * Point.BYTES]);
        assertEquals(ring.base(), reader.base());
        // In ring order from the middle, wrapping at the end, as a gap scan walks.
        int slot = 17;
        for (int n = 0; n < 2 * POINTS; n++, slot = reader.advance(slot, 1)) {
          assertSlot(ring, reader, slot, "chunk " + chunkPoints + " slot " + slot);
        }
        Random random = new Random(chunkPoints);
        for (int n = 0; n < 50; n++) {
          int any = random.nextInt(POINTS);
          assertSlot(ring, reader, any, "chunk " + chunkPoints + " random slot " + any);
        }
      }
    }
  }

  @Test
  void loadingAFewSlotsAnywhereThenReadingThemAndBeyondMatchesTheDecodedRing()
      throws IOException {
    Path path = filled();
    try (WhisperFile file = open(path)) {
      Slots ring = file.readSlots(0);
      for (int chunkPoints = 1; chunkPoints <= 12; chunkPoints += 5) {
        SlotReader reader = file.slotReader(0, new byte[chunkPoints * Point.BYTES]);
        for (int slot = 0; slot < POINTS; slot++) {
          for (int n = 1; n <= 8; n++) {
            reader.load(slot, n);
            for (int k = 0, s = slot; k < n + 2; k++, s = reader.advance(s, 1)) {
              assertSlot(ring, reader, s, "chunk " + chunkPoints + " load " + slot + "+" + n
                  + " slot " + s);
            }
          }
        }
      }
    }
  }

  @Test
  void runCountsTheSlotsLikeAWalkOneByOne() throws IOException {
    Path path = filled();
    long newest = NOW - NOW % 60;
    try (WhisperFile file = open(path)) {
      for (int chunkPoints = 1; chunkPoints <= 12; chunkPoints++) {
        SlotReader reader = file.slotReader(0, new byte[chunkPoints * Point.BYTES]);
        SlotReader oracle = file.slotReader(0, new byte[Point.BYTES]);
        for (long interval = newest - 60 * 45; interval <= newest + 60; interval += 60) {
          int slot = reader.indexOf(interval);
          for (int limit = 1; limit <= POINTS; limit++) {
            for (boolean held : new boolean[] {true, false}) {
              int expected = 0;
              while (expected < limit
                  && oracle.holds(interval + 60L * expected) == held) {
                expected++;
              }
              assertEquals(expected, reader.run(slot, interval, 60, limit, held),
                  "chunk " + chunkPoints + " interval " + interval + " limit " + limit
                      + " held " + held);
            }
          }
        }
      }
    }
  }

  @Test
  void holdsOnlyIntervalsWhoseSlotHasThatTimestamp() throws IOException {
    Path path = create("h.wsp", r(60, 10));
    long newest = NOW - NOW % 60;
    long lapAgo = newest - 600; // the same slot as newest, one lap earlier
    try (WhisperFile file = openForUpdate(path)) {
      file.updateMany(List.of(new Point(lapAgo, 1), new Point(lapAgo + 60, 2)), lapAgo + 60);
      file.updateMany(List.of(new Point(newest, 3), new Point(newest - 120, Double.NaN)), NOW);
    }
    try (WhisperFile file = open(path)) {
      SlotReader reader = file.slotReader(0, new byte[3 * Point.BYTES]);
      assertTrue(reader.holds(newest), "the newest point");
      assertTrue(reader.holds(newest - 120), "NaN is data");
      assertTrue(reader.holds(lapAgo + 60), "a point of the older lap not yet overwritten");
      assertFalse(reader.holds(newest - 60), "a slot never written");
      assertFalse(reader.holds(lapAgo), "overwritten by the ring's newer lap");
      assertFalse(reader.holds(newest + 60), "the future");
    }
  }

  @Test
  void anEmptyArchiveHoldsNothing() throws IOException {
    Path path = create("empty.wsp", r(60, POINTS));
    try (WhisperFile file = open(path)) {
      SlotReader reader = file.slotReader(0, new byte[4 * Point.BYTES]);
      assertEquals(0, reader.base());
      assertFalse(reader.holds(NOW - NOW % 60));
      assertEquals(0, reader.run(0, NOW - NOW % 60, 60, POINTS, true));
      assertEquals(POINTS, reader.run(0, NOW - NOW % 60, 60, POINTS, false));
    }
  }

  private static void assertSlot(Slots ring, SlotReader reader, int slot, String label)
      throws IOException {
    assertEquals(ring.timestamps()[slot], reader.timestamp(slot), label);
    assertEquals(Double.doubleToRawLongBits(ring.values()[slot]),
        Double.doubleToRawLongBits(reader.value(slot)), label);
    if (ring.base() != 0) {
      long interval = ring.timestamps()[slot];
      if (interval != 0) {
        assertEquals(ring.indexOf(interval), reader.indexOf(interval), label);
      }
    }
  }
}
