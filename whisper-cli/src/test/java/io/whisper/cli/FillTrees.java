package io.whisper.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.whisper.core.AggregationMethod;
import io.whisper.core.Allocation;
import io.whisper.core.ArchiveInfo;
import io.whisper.core.Retention;
import io.whisper.core.Whisper;
import io.whisper.core.WhisperFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Replica trees for the fill tests that interrupt a fill: a source and a destination with
 * random gaps in every archive (so fills propagate into archives that hold data), and helpers
 * to copy a tree and compare trees byte for byte.
 */
final class FillTrees {
  static final long NOW = 1_700_000_017L;
  private static final List<Retention> SCHEMA = List.of(
      Retention.parse("1m:6h"), Retention.parse("5m:2d"), Retention.parse("1h:7d"));

  private FillTrees() {}

  /** The relative paths of `pairs` pairs, spread over ten folders. */
  static List<Path> names(int pairs) {
    List<Path> names = new ArrayList<>();
    for (int i = 0; i < pairs; i++) {
      names.add(Path.of("f" + i % 10, "m" + i + ".wsp"));
    }
    return names;
  }

  /**
   * Writes a source tree under {@code src} and its destination under {@code dst}; each pair's
   * destination is sparse or dense as {@code sparse} says (null: at random).
   */
  static void generate(Path src, Path dst, List<Path> names, Random random, Boolean sparse)
      throws IOException {
    for (Path name : names) {
      boolean sparseDst = sparse != null ? sparse : random.nextBoolean();
      create(src.resolve(name), SCHEMA, Allocation.SPARSE, random, 0.95, -1);
      create(dst.resolve(name), SCHEMA, sparseDst ? Allocation.SPARSE : Allocation.ZERO_FILL,
          random, 0.7, 0);
    }
  }

  /**
   * Creates a file of {@code schema} holding random values in {@code density} of its slots, up
   * to {@code outage} seconds before {@link #NOW}; with an outage of 0 or more, runs of gaps
   * too (as a destination that missed data has), with -1 none.
   */
  static void create(Path path, List<Retention> schema, Allocation allocation, Random random,
      double density, long outage) throws IOException {
    boolean withGaps = outage >= 0;
    Files.createDirectories(path.getParent());
    Whisper.create(path, schema, 0.5, AggregationMethod.AVERAGE, allocation, false);
    try (WhisperFile file = WhisperFile.openForUpdate(path)) {
      List<ArchiveInfo> archives = file.header().archives();
      for (int i = 0; i < archives.size(); i++) {
        ArchiveInfo archive = archives.get(i);
        long step = archive.secondsPerPoint();
        long newest = NOW - NOW % step;
        for (long t = newest - archive.retention() + step; t <= newest - Math.max(0, outage);
            t += step) {
          // Runs of gaps, as flaky connections leave them, in a destination.
          if (withGaps && random.nextDouble() < 0.02) {
            t += step * random.nextInt(8);
            continue;
          }
          if (random.nextDouble() < density) {
            file.writeSlot(i, t, random.nextInt(1000) / 4.0);
          }
        }
      }
    }
  }

  /** Reads the files {@code names} of a tree, by name. */
  static Map<Path, byte[]> read(Path root, List<Path> names) throws IOException {
    Map<Path, byte[]> files = new LinkedHashMap<>();
    for (Path name : names) {
      files.put(name, Files.readAllBytes(root.resolve(name)));
    }
    return files;
  }

  /** Writes {@code files} under {@code root}, replacing what is there. */
  static void write(Path root, Map<Path, byte[]> files) throws IOException {
    for (Map.Entry<Path, byte[]> file : files.entrySet()) {
      Files.createDirectories(root.resolve(file.getKey()).getParent());
      Files.write(root.resolve(file.getKey()), file.getValue());
    }
  }

  /** Returns how many of {@code files} hold the same bytes under {@code root}. */
  static int same(Map<Path, byte[]> files, Path root) throws IOException {
    int same = 0;
    for (Map.Entry<Path, byte[]> file : files.entrySet()) {
      if (Arrays.equals(file.getValue(), Files.readAllBytes(root.resolve(file.getKey())))) {
        same++;
      }
    }
    return same;
  }

  /** Asserts that every file of {@code expected} holds the same bytes under {@code root}. */
  static void assertSameTree(Map<Path, byte[]> expected, Path root, String context)
      throws IOException {
    for (Map.Entry<Path, byte[]> file : expected.entrySet()) {
      assertTrue(Arrays.equals(file.getValue(), Files.readAllBytes(root.resolve(file.getKey()))),
          context + ": " + file.getKey() + " differs from the uninterrupted fill");
    }
  }

  /** The names of the files under {@code root} that are not whisper files. */
  static List<Path> others(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().endsWith(".wsp")).toList();
    }
  }
}
