package io.whisper.cli.backup;

import io.whisper.core.Point;
import io.whisper.core.Retention;
import io.whisper.core.Whisper;
import io.whisper.core.WhisperFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Trees of whisper files for the backup tests, and how to compare them. */
final class BackupTrees {
  static final List<Retention> SCHEMA = List.of(
      Retention.parse("1m:1d"), Retention.parse("5m:30d"), Retention.parse("1h:1y"));

  private BackupTrees() {}

  /** Creates {@code count} files in a few folders, each with random points of the last day. */
  static List<Path> create(Path root, int count, long now, Random random) throws IOException {
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Path file = root.resolve("carbon/host" + (i % 3) + "/sub" + (i % 2) + "/metric" + i + ".wsp");
      Files.createDirectories(file.getParent());
      Whisper.create(file, SCHEMA);
      write(file, now, 1 + random.nextInt(600), random);
      files.add(file);
    }
    return files;
  }

  /** Writes {@code minutes} random points, one a minute back from {@code now}. */
  static void write(Path file, long now, int minutes, Random random) throws IOException {
    List<Point> points = new ArrayList<>();
    for (int k = 0; k < minutes; k++) {
      points.add(new Point(now - 60L * k, random.nextInt(1000) / 4.0));
    }
    try (WhisperFile whisper = WhisperFile.openForUpdate(file)) {
      whisper.updateMany(points, now);
    }
  }

  /** Writes a day of points of random doubles: data that hardly compresses. */
  static void writeNoise(Path file, long now, Random random) throws IOException {
    List<Point> points = new ArrayList<>();
    for (int k = 0; k < 1440; k++) {
      points.add(new Point(now - 60L * k, random.nextDouble()));
    }
    try (WhisperFile whisper = WhisperFile.openForUpdate(file)) {
      whisper.updateMany(points, now);
    }
  }

  /** Asserts that the two trees hold the same .wsp files, byte for byte. */
  static void assertSameTree(Path expected, Path actual) throws IOException {
    Map<String, byte[]> before = contents(expected);
    Map<String, byte[]> after = contents(actual);
    org.junit.jupiter.api.Assertions.assertEquals(before.keySet(), after.keySet());
    before.forEach((path, bytes) ->
        org.junit.jupiter.api.Assertions.assertArrayEquals(bytes, after.get(path), path));
  }

  /** Every .wsp file under {@code root} by its relative path, with its bytes. */
  static Map<String, byte[]> contents(Path root) throws IOException {
    Map<String, byte[]> contents = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path file : walk.filter(p -> p.toString().endsWith(".wsp")).toList()) {
        contents.put(root.relativize(file).toString(), Files.readAllBytes(file));
      }
    }
    return contents;
  }
}
