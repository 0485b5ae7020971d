package io.whisper.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** File helpers the tests of both modules share (whisper-cli gets them as a test-jar). */
public final class TestFiles {
  private TestFiles() {}

  /** Archive 0's points, timestamp to value; opening is strict, so a half file fails here. */
  public static Map<Long, Double> points(Path path) throws IOException {
    try (WhisperFile file = WhisperFile.open(path)) {
      Slots slots = file.readSlots(0);
      Map<Long, Double> points = new TreeMap<>();
      for (int i = 0; i < slots.size(); i++) {
        if (slots.timestamps()[i] != 0) {
          points.put(slots.timestamps()[i], slots.values()[i]);
        }
      }
      return points;
    }
  }

  /**
   * The value archive {@code archive} holds for {@code interval}, or null when its slot holds
   * another interval (or the archive is empty).
   */
  public static Double valueAt(Path path, int archive, long interval) throws IOException {
    try (WhisperFile file = WhisperFile.open(path)) {
      Slots slots = file.readSlots(archive);
      int index = slots.indexOf(interval);
      return slots.base() != 0 && slots.timestamps()[index] == interval
          ? slots.values()[index]
          : null;
    }
  }

  /**
   * The slots where two files with the same archives differ, bit for bit, as
   * "archive@interval" (the later of the two timestamps).
   */
  public static List<String> differingSlots(Path a, Path b) throws IOException {
    List<String> found = new ArrayList<>();
    try (WhisperFile x = WhisperFile.open(a); WhisperFile y = WhisperFile.open(b)) {
      for (int i = 0; i < x.header().archives().size(); i++) {
        Slots p = x.readSlots(i);
        Slots q = y.readSlots(i);
        for (int k = 0; k < p.size(); k++) {
          if (p.timestamps()[k] != q.timestamps()[k]
              || Double.doubleToRawLongBits(p.values()[k])
                  != Double.doubleToRawLongBits(q.values()[k])) {
            found.add(i + "@" + Math.max(p.timestamps()[k], q.timestamps()[k]));
          }
        }
      }
    }
    return found;
  }

  /** Archive {@code index}'s slots over {@code (from, until]}, as whisper.py's __archive_fetch. */
  public static TimeSeries fetchArchive(Path path, int index, long from, long until)
      throws IOException {
    try (WhisperFile file = WhisperFile.open(path)) {
      return fetchArchive(file, index, from, until);
    }
  }

  /** The same, from a file the caller opened (under its own lock, say). */
  public static TimeSeries fetchArchive(WhisperFile file, int index, long from, long until)
      throws IOException {
    return file.fetchArchive(index, from, until);
  }

  /** The values in archive {@code archive}'s slots, in slot order, empty slots included. */
  public static double[] slotValues(Path path, int archive) throws IOException {
    try (WhisperFile file = WhisperFile.open(path)) {
      return file.readSlots(archive).values();
    }
  }

  /** Deletes {@code root} and everything under it, deepest first. */
  public static void deleteTree(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
