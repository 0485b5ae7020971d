package io.whisper.core;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import io.whisper.core.WhisperFile.Options;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
}
