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
  private static final int POINTS = 10;

  SlotReaderContract(Backend backend) {
    super(backend);
  }

  // A 10-slot archive holding some intervals, with NaN and 0.0 among the values and two slots
  // left empty, written from a base that puts the newest intervals at the ring's start.
  private Path filled() throws IOException {
    Path path = create("a.wsp", r(60, POINTS), r(300, 4));
    long newest = NOW - NOW % 60;
    try (WhisperFile file = openForUpdate(path)) {
      List<Point> points = new ArrayList<>();
      for (int k = 0; k < 13; k++) {
        if (k != 4 && k != 7) {
          points.add(new Point(newest - 60L * (12 - k), k == 5 ? Double.NaN : k % 3 == 0 ? 0.0 : k));
        }
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
      for (int chunkPoints = 1; chunkPoints <= POINTS + 2; chunkPoints++) {
        SlotReader reader = file.slotReader(0, new byte[chunkPoints * Point.BYTES]);
        assertEquals(ring.base(), reader.base());
        // In ring order from the middle, wrapping at the end, as a gap scan walks.
        int slot = 6;
        for (int n = 0; n < 2 * POINTS; n++, slot = reader.next(slot)) {
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
  void holdsOnlyIntervalsWhoseSlotHasThatTimestamp() throws IOException {
    Path path = filled();
    long newest = NOW - NOW % 60;
    try (WhisperFile file = open(path)) {
      SlotReader reader = file.slotReader(0, new byte[3 * Point.BYTES]);
      assertTrue(reader.holds(newest), "the newest point");
      assertTrue(reader.holds(newest - 60 * 7), "NaN is data");
      assertFalse(reader.holds(newest - 60 * 8), "a slot never written");
      assertFalse(reader.holds(newest - 60 * 10), "overwritten by the ring's newer lap");
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
