package io.whisper.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import io.whisper.core.WhisperFile.Options;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The base of the behaviour contracts. A contract is an abstract subclass holding the tests;
 * its test class runs it on every {@link Backend} through three one-line {@code @Nested}
 * subclasses.
 */
abstract class OnEveryBackend {
  static final long NOW = 1_700_000_000L;

  final Backend backend;
  @TempDir Path tempDir;
  private FileSystem jimfs;
  /** The folder this test's files live in. */
  Path dir;

  OnEveryBackend(Backend backend) {
    this.backend = backend;
  }

  @BeforeEach
  void chooseDirectory() throws IOException {
    if (backend == Backend.JIMFS) {
      jimfs = Jimfs.newFileSystem(Configuration.unix());
      dir = Files.createDirectories(jimfs.getPath("/data"));
    } else {
      dir = tempDir;
    }
  }

  @AfterEach
  void closeJimfs() throws IOException {
    if (jimfs != null) {
      jimfs.close();
    }
  }

  /** Creates {@code name} with xFilesFactor 0.5 and average, whisper.py's defaults. */
  Path create(String name, Retention... archives) throws IOException {
    return create(name, 0.5, AggregationMethod.AVERAGE, archives);
  }

  Path create(String name, double xff, AggregationMethod method, Retention... archives)
      throws IOException {
    Path path = dir.resolve(name);
    Whisper.create(path, List.of(archives), xff, method, Allocation.ZERO_FILL, false);
    return path;
  }

  WhisperFile open(Path path) throws IOException {
    return WhisperFile.open(path, Options.READ.withAccess(backend.access));
  }

  WhisperFile openForUpdate(Path path) throws IOException {
    return WhisperFile.open(path, Options.UPDATE.withAccess(backend.access));
  }

  static Retention r(long secondsPerPoint, long points) {
    return new Retention(secondsPerPoint, points);
  }

  /**
   * Writes the spec 5.1 file: 60:10 + 300:12, minutes NOW-590..NOW with value
   * {@code (t // 60) % 1000}, one update_many at NOW.
   */
  Path spec51(String name) throws IOException {
    Path path = create(name, r(60, 10), r(300, 12));
    List<Point> points = new ArrayList<>();
    for (long t = NOW - 590; t <= NOW; t += 60) {
      points.add(new Point(t, (double) (t / 60 % 1000)));
    }
    try (WhisperFile file = openForUpdate(path)) {
      file.updateMany(points, NOW);
    }
    return path;
  }

  /** Asserts a series' time info and values; values compare bit for bit (NaN, -0.0). */
  static void assertSeries(
      long start, long end, long step, List<Double> values, TimeSeries actual) {
    assertEquals(List.of(start, end, step), List.of(actual.start(), actual.end(), actual.step()),
        "start, end, step");
    assertEquals(values, actual.values());
  }

  static void assertSeries(
      long start, long end, long step, List<Double> values, Optional<TimeSeries> actual) {
    assertTrue(actual.isPresent(), "fetch returned None");
    assertSeries(start, end, step, values, actual.get());
  }

  /** Returns {@code values} as a list; null stands for Python's None. */
  static List<Double> values(Double... values) {
    return Arrays.asList(values);
  }

  /** Returns {@code n} Nones. */
  static List<Double> nones(int n) {
    return Collections.nCopies(n, null);
  }

  /** Returns the lists joined. */
  @SafeVarargs
  static List<Double> concat(List<Double>... parts) {
    List<Double> all = new ArrayList<>();
    for (List<Double> part : parts) {
      all.addAll(part);
    }
    return all;
  }
}
