package io.whisper.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.whisper.core.os.FileLock;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proof that our writer takes the same lock as whisper.py and carbon ({@code flock(2)}), waits
 * for it, and releases lock, mapping and descriptors on every path. Runs on the default file
 * system ({@code @TempDir}): on jimfs locks are in-JVM and prove nothing.
 */
class FlockTest {
  private static final long NOW = 1_700_000_000L;
  private static final long STEP = 60;
  // An interval well inside the 60:10 archive, and the one before it.
  private static final long INTERVAL = NOW - Math.floorMod(NOW, STEP) - 2 * STEP;
  private static final Path FLOCK = Path.of("/usr/bin/flock");

  // Holds flock(LOCK_EX) on argv[1] from "locked" until stdin closes, as carbon's writer would.
  private static final String HOLD = String.join("\n",
      "import fcntl, sys",
      "fh = open(sys.argv[1], 'r+b')",
      "fcntl.flock(fh.fileno(), fcntl.LOCK_EX)",
      "print('locked', flush=True)",
      "sys.stdin.read()");

  // Takes the lock, sleeps, then writes two points through whisper.py while still holding it.
  private static final String HOLD_AND_WRITE = String.join("\n",
      "import fcntl, sys, time, whisper",
      "path, now, interval = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])",
      "with open(path, 'r+b') as fh:",
      "    fcntl.flock(fh.fileno(), fcntl.LOCK_EX)",
      "    print('locked', flush=True)",
      "    time.sleep(1.5)",
      "    whisper.file_update_many(fh, [(interval, 1.0), (interval - 60, 7.0)], now=now)",
      "    print('wrote', flush=True)");

  @TempDir Path dir;
  private Path file;

  @BeforeEach
  void createFile() throws IOException {
    file = dir.toRealPath().resolve("metric.wsp");
    Whisper.create(file, List.of(new Retention(STEP, 10), new Retention(300, 12)), 0,
        AggregationMethod.LAST, Allocation.ZERO_FILL, false);
  }

  @Test
  void writerWaitsForPythonsFlockAndWritesAfterIt() throws Exception {
    Process python = python(HOLD_AND_WRITE, file.toString(), Long.toString(NOW),
        Long.toString(INTERVAL));
    BufferedReader out = stdout(python);
    assertEquals("locked", out.readLine());
    long lockedAt = System.nanoTime();
    long waitedMillis;
    try (WhisperFile writer = WhisperFile.openForUpdate(file)) {
      waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lockedAt);
      writer.updateMany(List.of(new Point(INTERVAL + 30, 2.0)), NOW); // Python's interval
    }
    assertEquals("wrote", out.readLine());
    assertTrue(python.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, python.exitValue());
    // Python slept 1.5 s holding the lock after saying so. Without waiting we would have had
    // the lock in milliseconds; the margin absorbs a loaded machine's scheduling delays.
    assertTrue(waitedMillis >= 1000, "waited only " + waitedMillis + " ms for the lock");

    try (WhisperFile reader = WhisperFile.open(file)) {
      TimeSeries series = reader.fetch(NOW - 600, NOW, NOW).orElseThrow();
      int at = (int) ((INTERVAL - series.start()) / STEP);
      assertEquals(INTERVAL, series.timestampAt(at));
      assertEquals(2.0, series.values().get(at), "ours, written after Python's 1.0, must win");
      assertEquals(7.0, series.values().get(at - 1), "Python's other point must be kept");
    }
  }

  @Test
  void flockUtilityIsExcludedWhileOurWriterHoldsTheLock() throws Exception {
    try (WhisperFile writer = WhisperFile.openForUpdate(file)) {
      writer.update(1.0, NOW - 5, NOW);
      assertEquals(1, flockNonBlocking(), "flock -n must fail while we hold the lock");
    }
    assertEquals(0, flockNonBlocking(), "flock -n must succeed once we closed the file");
  }

  /**
   * Why core calls flock(2) through FFM instead of FileChannel.lock: Java's file locks are
   * fcntl(2) record locks, which on Linux do not see flock(2) locks at all. Do not "simplify"
   * {@link FileLock} to FileChannel.lock; this test shows it would not exclude carbon.
   */
  @Test
  void fileChannelTryLockWouldNotExcludePython() throws Exception {
    Process python = python(HOLD, file.toString());
    try {
      assertEquals("locked", stdout(python).readLine());
      try (FileChannel channel =
          FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
        java.nio.channels.FileLock javaLock = channel.tryLock();
        assertNotNull(javaLock, "FileChannel.tryLock succeeded although Python holds flock");
        javaLock.release();
      }
      assertTrue(FileLock.tryExclusive(file).isEmpty(), "our flock must see Python's lock");
    } finally {
      release(python);
    }
  }

  @Test
  void tryExclusiveIsEmptyWhileAnotherProcessHoldsTheLock() throws Exception {
    Process python = python(HOLD, file.toString());
    try {
      assertEquals("locked", stdout(python).readLine());
      assertEquals(Optional.empty(), FileLock.tryExclusive(file));
      assertEquals(Optional.empty(), FileLock.tryExclusive(file), "and again: no fd leaked");
      assertEquals(0, ProcSelf.descriptorsOn(file), "a refused tryExclusive must close its descriptor");
    } finally {
      release(python);
    }
    try (FileLock lock = FileLock.tryExclusive(file).orElseThrow()) {
      assertEquals(file, lock.path());
      assertEquals(1, flockNonBlocking());
    }
  }

  @Test
  void exceptionFromAWriteReleasesLockMappingAndDescriptors() throws Exception {
    IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> {
      try (WhisperFile writer = WhisperFile.openForUpdate(file)) {
        assertHeldAndMapped();
        // A future point past 2106 would be written, so the batch is refused.
        writer.updateMany(List.of(new Point(NOW - 5, 1.0), new Point(1L << 33, 2.0)), NOW);
      }
    });
    assertTrue(thrown.getMessage().contains("32 bits"), thrown.getMessage());
    assertAllReleased();
  }

  @Test
  void exceptionFromTheBodyReleasesLockMappingAndDescriptors() throws Exception {
    IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> {
      try (WhisperFile writer = WhisperFile.openForUpdate(file)) {
        writer.update(3.0, NOW - 5, NOW);
        assertHeldAndMapped();
        throw new IllegalStateException("deliberate");
      }
    });
    assertEquals("deliberate", thrown.getMessage());
    assertAllReleased();
    try (WhisperFile reader = WhisperFile.open(file)) {
      assertEquals(3.0, reader.readSlots(0).values()[0], "the write before the throw stays");
    }
  }

  @Test
  void corruptHeaderFoundAfterLockingLeavesNothingBehind() throws Exception {
    // Aggregation type 99: only detectable after the lock is taken and the header read.
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.write(ByteBuffer.allocate(4).putInt(0, 99), 0);
    }
    assertThrows(CorruptWhisperFileException.class, () -> WhisperFile.openForUpdate(file));
    assertAllReleased();
  }

  @Test
  void truncatedFileFoundAfterLockingLeavesNothingBehind() throws Exception {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.truncate(Files.size(file) - 13);
    }
    assertThrows(CorruptWhisperFileException.class, () -> WhisperFile.openForUpdate(file));
    assertAllReleased();
  }

  // Proves the probes below can see a held lock, a mapping and open descriptors at all.
  private void assertHeldAndMapped() throws IOException, InterruptedException {
    assertTrue(ProcSelf.mappingsOf(file) > 0, "the file should be mapped while open");
    assertTrue(ProcSelf.descriptorsOn(file) >= 2, "lock descriptor and channel should be open");
    assertEquals(1, flockNonBlocking(), "the lock should be held while open");
  }

  private void assertAllReleased() throws IOException, InterruptedException {
    assertEquals(0, ProcSelf.mappingsOf(file), "mapping left in /proc/self/maps");
    assertEquals(0, ProcSelf.descriptorsOn(file), "descriptor (lock or channel) left open");
    assertEquals(0, flockNonBlocking(), "flock(1) still excluded");
    try (FileLock lock = FileLock.tryExclusive(file).orElseThrow()) {
      assertInstanceOf(FileLock.Flock.class, lock);
    }
  }

  // util-linux flock(1), as an operator's script would probe: 0 = got the lock, 1 = held.
  private int flockNonBlocking() throws IOException, InterruptedException {
    assumeTrue(Files.isExecutable(FLOCK), "util-linux flock(1) is not installed");
    Process p = new ProcessBuilder(FLOCK.toString(), "-n", "-x", file.toString(), "true")
        .redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    return p.exitValue();
  }

  // Tests that need Python skip, saying why, when the reference is not installed.
  private static Process python(String script, String... args) throws IOException {
    Oracle.assumeReferenceInstalled();
    List<String> command = new ArrayList<>(List.of(Oracle.PYTHON.toString(), "-c", script));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }

  private static BufferedReader stdout(Process p) {
    return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
  }

  // Closing stdin ends HOLD; its exit releases the lock.
  private static void release(Process python) throws IOException, InterruptedException {
    python.getOutputStream().close();
    if (!python.waitFor(30, TimeUnit.SECONDS)) {
      python.destroyForcibly();
    }
  }
}
