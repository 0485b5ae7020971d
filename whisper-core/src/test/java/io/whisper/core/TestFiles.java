package io.whisper.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
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

  /** Deletes {@code root} and everything under it, deepest first. */
  public static void deleteTree(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
