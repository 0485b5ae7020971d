package io.whisper.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.whisper.core.os.FileLock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MoveTest {
  private static final long NOW = 1_700_000_017L;
  private static final List<Retention> SCHEMA =
      List.of(Retention.parse("1s:10m"), Retention.parse("10s:1h"));

  @TempDir Path dir;

  private static Move.Request options() {
    return Move.Request.defaults(() -> NOW).withDrainMillis(0);
  }

  // A file whose archive 0 holds `value0 + age` at NOW - age for each age in [fromAge, toAge).
  private static Path create(Path path, int fromAge, int toAge, double value0) throws IOException {
    Files.createDirectories(path.getParent());
    Whisper.create(path, SCHEMA, 0.5, AggregationMethod.AVERAGE, Allocation.SPARSE, false);
    List<Point> points = new ArrayList<>();
    for (int age = fromAge; age < toAge; age++) {
      points.add(new Point(NOW - age, value0 + age));
    }
    try (WhisperFile file = WhisperFile.openForUpdate(path)) {
      file.updateMany(points, NOW);
    }
    return path;
  }

  private static void write(Path path, long timestamp, double value) {
    try (WhisperFile file = WhisperFile.open(path, WhisperFile.Options.UPDATE_UNLOCKED)) {
      file.updateMany(List.of(new Point(timestamp, value)), NOW);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<Path> tree() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.sorted().toList();
    }
  }

  @Test
  void renameKeepsTheInodeAndEveryPoint() throws IOException {
    Path src = create(dir.resolve("a.wsp"), 1, 101, 0);
    Object inode = Files.getAttribute(src, "unix:ino");
    Map<Long, Double> before = TestFiles.points(src);
    Path dst = dir.resolve("x/y/a.wsp");

    Move.Result result = Move.move(src, dst, options());

    assertEquals(new Move.Result.Renamed(src, dst, false), result);
    assertFalse(Files.exists(src));
    assertEquals(inode, Files.getAttribute(dst, "unix:ino"));
    assertEquals(before, TestFiles.points(dst));
    assertEquals(List.of(dir, dir.resolve("x"), dir.resolve("x/y"), dst), tree());
  }

  @Test
  void copyIsIdenticalSparseAndLeavesNoTemporaryFile() throws Exception {
    Path src = dir.resolve("big.wsp");
    Whisper.create(src, List.of(Retention.parse("1s:1d")), 0.5, AggregationMethod.AVERAGE,
        Allocation.SPARSE, false);
    write(src, NOW - 5, 42);
    byte[] bytes = Files.readAllBytes(src);
    Path dst = dir.resolve("to/big.wsp");

    Move.Result result = Move.move(src, dst, options().withAlwaysCopy(true));

    assertEquals(new Move.Result.Copied(src, dst, false, 0), result);
    assertFalse(Files.exists(src));
    assertArrayEquals(bytes, Files.readAllBytes(dst));
    assertEquals(List.of(dir, dir.resolve("to"), dst), tree());
    long blocks = Long.parseLong(new String(new ProcessBuilder("stat", "-c", "%b", dst.toString())
        .start().getInputStream().readAllBytes()).strip());
    assertTrue(blocks * 512 < bytes.length / 10,
        "a 1 MB file holding one point should stay sparse, has " + blocks + " blocks");
  }

  @Test
  void anotherFileSystemIsCopied() throws IOException {
    Path shm = Path.of("/dev/shm");
    assumeTrue(Files.isDirectory(shm) && Files.isWritable(shm)
            && !Files.getFileStore(shm).equals(Files.getFileStore(dir)),
        "needs /dev/shm on a file system other than the temporary folder's");
    Path src = create(dir.resolve("a.wsp"), 1, 50, 0);
    Map<Long, Double> before = TestFiles.points(src);
    Path target = Files.createTempDirectory(shm, "move-test");
    try {
      Path dst = target.resolve("n/a.wsp");
      assertEquals(new Move.Result.Copied(src, dst, false, 0), Move.move(src, dst, options()));
      assertEquals(before, TestFiles.points(dst));
      assertFalse(Files.exists(src));
    } finally {
      TestFiles.deleteTree(target);
    }
  }

  @Test
  void mergeLeavesWhatFillThenRemoveWould() throws IOException {
    Path src = create(dir.resolve("a.wsp"), 1, 300, 0);
    Path dst = create(dir.resolve("b/a.wsp"), 200, 500, 1000);
    Path expected = dir.resolve("expected.wsp");
    Files.copy(dst, expected);
    long filled;
    try (WhisperFile in = WhisperFile.open(src);
        WhisperFile out = WhisperFile.openForUpdate(expected)) {
      filled = Fill.fill(in, out, Fill.Request.at(NOW)).total();
    }
    assertTrue(filled > 100);

    Move.Result result = Move.move(src, dst, options());

    assertEquals(new Move.Result.Merged(src, dst, false, filled), result);
    assertFalse(Files.exists(src));
    assertArrayEquals(Files.readAllBytes(expected), Files.readAllBytes(dst));
  }

  @Test
  void dryRunSaysWhatItWouldDoAndTouchesNothing() throws IOException {
    Path a = create(dir.resolve("a.wsp"), 1, 300, 0);
    Path b = create(dir.resolve("b.wsp"), 200, 500, 1000);
    Map<Path, byte[]> before = new TreeMap<>();
    for (Path p : List.of(a, b)) {
      before.put(p, Files.readAllBytes(p));
    }
    List<Path> listing = tree();
    Move.Request dry = options().withDryRun(true);

    assertEquals(new Move.Result.Renamed(a, dir.resolve("n/a.wsp"), true),
        Move.move(a, dir.resolve("n/a.wsp"), dry));
    assertEquals(new Move.Result.Copied(a, dir.resolve("n/a.wsp"), true, 0),
        Move.move(a, dir.resolve("n/a.wsp"), dry.withAlwaysCopy(true)));
    Move.Result merge = Move.move(a, b, dry);
    assertInstanceOf(Move.Result.Merged.class, merge);
    assertTrue(((Move.Result.Merged) merge).slotsFilled() > 100);

    assertEquals(listing, tree());
    for (Path p : List.of(a, b)) {
      assertArrayEquals(before.get(p), Files.readAllBytes(p));
    }
  }

  private void assertRefused(Path src, Path dst, String reason) throws IOException {
    List<Path> listing = tree();
    Map<Path, byte[]> before = new TreeMap<>();
    for (Path p : listing) {
      if (Files.isRegularFile(p)) {
        before.put(p, Files.readAllBytes(p));
      }
    }
    Move.Result result = Move.move(src, dst, options());
    Move.Result.Failed failed = assertInstanceOf(Move.Result.Failed.class, result);
    assertTrue(failed.reason().contains(reason), failed.reason());
    assertEquals(listing, tree());
    for (Map.Entry<Path, byte[]> e : before.entrySet()) {
      assertArrayEquals(e.getValue(), Files.readAllBytes(e.getKey()), e.getKey().toString());
    }
  }

  @Test
  void refusesAMissingSource() throws IOException {
    assertRefused(dir.resolve("none.wsp"), dir.resolve("x/none.wsp"), "no such file or directory");
  }

  @Test
  void refusesACorruptSource() throws IOException {
    Path src = dir.resolve("bad.wsp");
    Files.write(src, new byte[] {0, 0, 0, 9, 1, 2, 3});
    assertRefused(src, dir.resolve("x/bad.wsp"), "corrupt");
  }

  @Test
  void refusesACorruptDestination() throws IOException {
    Path src = create(dir.resolve("a.wsp"), 1, 10, 0);
    Path dst = dir.resolve("b.wsp");
    Files.write(dst, new byte[0]);
    assertRefused(src, dst, "corrupt");
  }

  @Test
  void refusesAFolderAsTheDestinationOfAFile() throws IOException {
    Path src = create(dir.resolve("a.wsp"), 1, 10, 0);
    Files.createDirectories(dir.resolve("folder"));
    assertRefused(src, dir.resolve("folder"), "is a folder");
  }

  @Test
  void refusesTheSameFile() throws IOException {
    Path src = create(dir.resolve("a.wsp"), 1, 10, 0);
    Files.createDirectories(dir.resolve("sub"));
    Files.createSymbolicLink(dir.resolve("sub/link"), dir);
    assertRefused(src, src, "same file");
    assertRefused(src, dir.resolve("sub/../a.wsp"), "same file");
    assertRefused(src, dir.resolve("sub/link/a.wsp"), "same file");
    Files.createSymbolicLink(dir.resolve("sub/a.wsp"), src);
    assertRefused(src, dir.resolve("sub/a.wsp"), "same file");
  }

  @Test
  void finishesARenameKilledBetweenLinkAndUnlink() throws IOException {
    Path src = create(dir.resolve("a.wsp"), 1, 10, 0);
    Map<Long, Double> before = TestFiles.points(src);
    Path dst = dir.resolve("b.wsp");
    Files.createLink(dst, src);

    assertEquals(new Move.Result.Renamed(src, dst, false), Move.move(src, dst, options()));
    assertFalse(Files.exists(src));
    assertEquals(before, TestFiles.points(dst));
  }

  // A writer holding the source's flock is waited for: its point must reach the destination.
  @ParameterizedTest
  @ValueSource(strings = {"rename", "copy", "merge"})
  void waitsForAWriterHoldingTheLock(String path) throws Exception {
    Path src = create(dir.resolve("a.wsp"), 10, 100, 0);
    Path dst = dir.resolve("n/a.wsp");
    if (path.equals("merge")) {
      create(dst, 50, 200, 1000);
    }
    CountDownLatch locked = new CountDownLatch(1);
    Thread writer = Thread.ofPlatform().start(() -> {
      try (FileLock lock = FileLock.exclusive(src)) {
        locked.countDown();
        Thread.sleep(300);
        write(lock.path(), NOW - 2, 7777);
      } catch (IOException | InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    assertTrue(locked.await(5, TimeUnit.SECONDS));

    Move.Result result = Move.move(src, dst, options().withAlwaysCopy(path.equals("copy")));

    writer.join();
    assertEquals(path, switch (result) {
      case Move.Result.Renamed r -> "rename";
      case Move.Result.Copied c -> "copy";
      case Move.Result.Merged m -> "merge";
      case Move.Result.Failed f -> f.reason();
    });
    assertEquals(7777.0, TestFiles.points(dst).get(NOW - 2));
    assertFalse(Files.exists(src));
  }

  // Carbon writes without locks by default: a point written to the source at any step before
  // its removal is carried over.
  @ParameterizedTest
  @ValueSource(strings = {
      "copy:source-locked", "copy:temp-written", "copy:published",
      "merge:both-locked", "merge:filled"})
  void carriesOverUnlockedWritesMadeDuringTheMove(String where) throws IOException {
    String[] parts = where.split(":");
    Path src = create(dir.resolve("a.wsp"), 10, 100, 0);
    Path dst = dir.resolve("n/a.wsp");
    if (parts[0].equals("merge")) {
      create(dst, 50, 200, 1000);
    }
    Consumer<String> writeAt = step -> {
      if (step.equals(parts[1])) {
        write(src, NOW - 3, 4242);
      }
    };

    Move.Result result = Move.move(src, dst,
        options().withAlwaysCopy(true).withSteps(writeAt));

    assertEquals(parts[0].equals("copy") ? "copied" : "merged", result.action(),
        result.toString());
    assertEquals(4242.0, TestFiles.points(dst).get(NOW - 3));
    if (parts[1].equals("published")) {
      assertEquals(new Move.Result.Copied(src, dst, false, 1), result);
    }
  }

  // A locking writer that opened the source before the move removed its name and queued on the
  // lock writes into the removed inode: the drain gives it the lock and carries its point over.
  // With no drain pause, it is seen waiting in /proc/locks and handed the lock all the same.
  @ParameterizedTest
  @ValueSource(strings = {"copy:300", "merge:300", "copy:0", "merge:0"})
  void drainCarriesOverAWriterQueuedOnTheLock(String where) throws Exception {
    String path = where.split(":")[0];
    long drainMillis = Long.parseLong(where.split(":")[1]);
    Path src = create(dir.resolve("a.wsp"), 10, 100, 0);
    Path dst = dir.resolve("n/a.wsp");
    if (path.equals("merge")) {
      create(dst, 50, 200, 1000);
    }
    List<Thread> writers = new ArrayList<>();
    Consumer<String> queueWriter = step -> {
      if (step.equals("source-locked") || step.equals("both-locked")) {
        writers.add(Thread.ofPlatform().start(() -> {
          try (FileLock lock = FileLock.exclusive(src)) {
            write(Path.of("/proc/self/fd/" + ((FileLock.Flock) lock).fd()), NOW - 1, 9999);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }));
        sleep(300); // let it open the file and block on the lock
      }
    };

    Move.Result result = Move.move(src, dst,
        options().withAlwaysCopy(true).withDrainMillis(drainMillis).withSteps(queueWriter));

    for (Thread writer : writers) {
      writer.join();
    }
    assertEquals(1, writers.size());
    assertNull(result instanceof Move.Result.Failed f ? f.reason() : null);
    assertEquals(9999.0, TestFiles.points(dst).get(NOW - 1));
  }

  // Two movers taking the same pair in opposite directions must not deadlock, the drain (which
  // releases and takes back the locks of a merge) included.
  @Test
  void oppositeMergesDoNotDeadlock() throws Exception {
    Move.Request withDrain = options().withDrainMillis(20);
    assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
      for (int round = 0; round < 20; round++) {
        Path a = create(dir.resolve("r" + round + "/a.wsp"), 1, 100, 0);
        Path b = create(dir.resolve("r" + round + "/b.wsp"), 50, 200, 1000);
        Move.Result[] results = new Move.Result[2];
        Thread ab = Thread.ofPlatform().start(() -> results[0] = Move.move(a, b, withDrain));
        Thread ba = Thread.ofPlatform().start(() -> results[1] = Move.move(b, a, withDrain));
        ab.join();
        ba.join();
        // One wins (merged, or renamed into the name the other just freed); one file is left
        // with the points of both.
        String what = List.of(results).toString();
        assertTrue(Stream.of(results).anyMatch(r -> r instanceof Move.Result.Merged), what);
        assertTrue(Files.exists(a) != Files.exists(b), what);
        assertEquals(199, TestFiles.points(Files.exists(a) ? a : b).size(), what);
      }
    });
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
