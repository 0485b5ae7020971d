package io.whisper.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.whisper.core.AggregationMethod;
import io.whisper.core.Allocation;
import io.whisper.core.Retention;
import io.whisper.core.TestFiles;
import io.whisper.core.Whisper;
import io.whisper.core.WhisperFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FillCommandTest {
  private static final long NOW = 1_700_000_017L;
  private static final long T = NOW - NOW % 60;
  private static final String AT = "--now=" + NOW;

  @TempDir Path dir;

  static CliRun run(String... args) {
    return CliRun.of(args);
  }

  // A 1m:10m + 5m:1h file; `minutes` lists the minutes back from T that hold data (value = 
  // 100 + minute).
  private Path file(String name, int... minutes) throws IOException {
    Path path = dir.resolve(name);
    Files.createDirectories(path.getParent());
    Whisper.create(path, List.of(Retention.parse("1m:10m"), Retention.parse("5m:1h")), 0.5,
        AggregationMethod.AVERAGE, Allocation.ZERO_FILL, false);
    try (WhisperFile file = WhisperFile.openForUpdate(path)) {
      for (int minute : minutes) {
        file.writeSlot(0, T - 60L * minute, 100 + minute);
      }
    }
    return path;
  }

  private static Double at(Path path, long interval) throws IOException {
    return TestFiles.valueAt(path, 0, interval);
  }

  private static final int[] ALL = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};

  @Test
  void fillsAPairAndSaysHowMuch() throws IOException {
    Path src = file("src.wsp", ALL);
    Path dst = file("dst.wsp", 0, 3, 9);

    CliRun run = run("fill", AT, src.toString(), dst.toString());

    assertEquals(0, run.status(), run.err());
    assertEquals("", run.out());
    assertTrue(run.err().startsWith("whisper fill: 1 file: 1 filled (7 slots), 0 complete,"
        + " 0 copied, 0 skipped, 0 failed in "), run.err());
    assertEquals(1, run.err().lines().count(), run.err());
    for (int minute : ALL) {
      assertEquals(100.0 + minute, at(dst, T - 60L * minute));
    }
  }

  @Test
  void fillsEveryCounterpartInATreeAndListsTheMissingOnesAsSkipped() throws IOException {
    Path srcRoot = dir.resolve("src");
    Path dstRoot = dir.resolve("dst");
    file("src/a/x.wsp", ALL);
    file("src/a/y.wsp", ALL);
    file("src/b/z.wsp", ALL);
    file("dst/a/x.wsp", 0);
    file("dst/b/z.wsp", ALL);
    file("dst/only-here.wsp", 0);

    CliRun run = run("fill", AT, "-j", "2", srcRoot.toString(), dstRoot.toString());

    assertEquals(0, run.status(), run.err());
    assertEquals("skipped " + dstRoot.resolve("a/y.wsp") + ": missing (--copy-missing copies it)\n",
        run.out());
    assertTrue(run.err().startsWith("whisper fill: 3 files: 1 filled (9 slots), 1 complete,"
        + " 0 copied, 1 skipped, 0 failed"), run.err());
    assertEquals(109.0, at(dstRoot.resolve("a/x.wsp"), T - 540));
    assertFalse(Files.exists(dstRoot.resolve("a/y.wsp")));
  }

  @Test
  void copyMissingCopiesTheSourceExactlyAndLeavesNoTemporaryFile() throws IOException {
    Path srcRoot = dir.resolve("src");
    Path dstRoot = dir.resolve("dst");
    Path y = file("src/a/y.wsp", 1, 2);
    file("src/a/x.wsp", ALL);
    file("dst/a/x.wsp", ALL);

    CliRun run = run("fill", AT, "--copy-missing", srcRoot.toString(), dstRoot.toString());

    assertEquals(0, run.status(), run.err());
    assertEquals("copied " + dstRoot.resolve("a/y.wsp"), run.out().lines().findFirst().orElseThrow());
    assertArrayEquals(Files.readAllBytes(y), Files.readAllBytes(dstRoot.resolve("a/y.wsp")));
    try (Stream<Path> files = Files.list(dstRoot.resolve("a"))) {
      assertEquals(List.of("x.wsp", "y.wsp"),
          files.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void copyMissingCreatesTheDestinationTree() throws IOException {
    Path src = file("src/deep/er/m.wsp", 1);
    Path dstRoot = dir.resolve("new");

    CliRun run = run("fill", AT, "--copy-missing", dir.resolve("src").toString(), dstRoot.toString());

    assertEquals(0, run.status(), run.err());
    assertArrayEquals(Files.readAllBytes(src), Files.readAllBytes(dstRoot.resolve("deep/er/m.wsp")));
  }

  @Test
  void aDryRunCountsAndWritesNothing() throws IOException {
    Path srcRoot = dir.resolve("src");
    Path dstRoot = dir.resolve("dst");
    file("src/x.wsp", ALL);
    file("src/y.wsp", ALL);
    Path x = file("dst/x.wsp", 0);
    byte[] before = Files.readAllBytes(x);

    CliRun run = run("fill", AT, "-n", "--copy-missing", srcRoot.toString(), dstRoot.toString());

    assertEquals(0, run.status(), run.err());
    assertTrue(run.out().contains("would copy " + dstRoot.resolve("y.wsp")), run.out());
    assertTrue(run.err().contains("dry run, nothing written: 2 files: 1 filled (9 slots), 0 complete,"
        + " 1 copied"), run.err());
    assertArrayEquals(before, Files.readAllBytes(x));
    assertFalse(Files.exists(dstRoot.resolve("y.wsp")));
  }

  @Test
  void jsonGivesOneRecordPerFileAndTheSummaryAsTheLastObject() throws IOException {
    Path srcRoot = dir.resolve("src");
    Path dstRoot = dir.resolve("dst");
    file("src/a.wsp", ALL);
    file("src/b.wsp", ALL);
    file("src/c.wsp", ALL);
    file("dst/a.wsp", 0, 1);
    file("dst/b.wsp", ALL);

    CliRun run = run("fill", AT, "--json", srcRoot.toString(), dstRoot.toString());

    assertEquals(0, run.status(), run.err());
    assertEquals(List.of(
        "{\"path\": \"" + dstRoot.resolve("a.wsp") + "\", \"status\": \"filled\", \"slots\": [8, 0]}",
        "{\"path\": \"" + dstRoot.resolve("b.wsp") + "\", \"status\": \"complete\", \"slots\": [0, 0]}",
        "{\"path\": \"" + dstRoot.resolve("c.wsp") + "\", \"status\": \"skipped\"}"),
        run.out().lines().limit(3).toList());
    String summary = run.out().lines().toList().getLast();
    assertTrue(summary.startsWith("{\"summary\": true, \"files\": 3, \"filled\": 1, \"slots\": 8,"
        + " \"complete\": 1, \"copied\": 0, \"skipped\": 1, \"failed\": 0, \"dry_run\": false,"
        + " \"seconds\": "), summary);
    assertTrue(summary.endsWith(", \"exit\": 0}"), summary);
    assertEquals(4, run.out().lines().count(), run.out());
    assertEquals("", run.err());
  }

  @Test
  void aBadFileFailsAloneNamedOnStderrAndIsLeftAsItWas() throws IOException {
    Path srcRoot = dir.resolve("src");
    Path dstRoot = dir.resolve("dst");
    file("src/a.wsp", ALL);
    Files.writeString(srcRoot.resolve("b.wsp"), "not a whisper file, not at all");
    file("src/c.wsp", ALL);
    file("dst/a.wsp", 0);
    Path b = file("dst/b.wsp", 0);
    Path c = file("dst/c.wsp", 0);
    Files.write(dstRoot.resolve("a.wsp"), new byte[] {1, 2, 3}); // truncated: corrupt
    byte[] aBefore = Files.readAllBytes(dstRoot.resolve("a.wsp"));
    byte[] bBefore = Files.readAllBytes(b);

    CliRun run = run("fill", AT, srcRoot.toString(), dstRoot.toString());

    assertEquals(1, run.status());
    List<String> errors = run.err().lines().toList();
    assertEquals(3, errors.size(), run.err());
    assertTrue(errors.get(0).startsWith("whisper fill: ") && errors.get(0).contains("a.wsp"),
        errors.get(0));
    assertTrue(errors.get(1).startsWith("whisper fill: ") && errors.get(1).contains("b.wsp"),
        errors.get(1));
    assertTrue(errors.get(2).startsWith("whisper fill: 3 files: 1 filled (9 slots), 0 complete,"
        + " 0 copied, 0 skipped, 2 failed"), run.err());
    assertArrayEquals(aBefore, Files.readAllBytes(dstRoot.resolve("a.wsp")));
    assertArrayEquals(bBefore, Files.readAllBytes(b));
    assertEquals(109.0, at(c, T - 540));
  }

  @Test
  void aMissingSourceOrDestinationFileIsAFailureNotAUsageError() throws IOException {
    Path dst = file("dst.wsp", 0);
    byte[] before = Files.readAllBytes(dst);

    CliRun noSource = run("fill", AT, dir.resolve("nope.wsp").toString(), dst.toString());
    CliRun noDestination = run("fill", AT, dst.toString(), dir.resolve("gone.wsp").toString());

    assertEquals(1, noSource.status());
    assertEquals("whisper fill: " + dir.resolve("nope.wsp") + ": no such file or directory\n", noSource.err());
    assertArrayEquals(before, Files.readAllBytes(dst));
    assertEquals(1, noDestination.status());
    assertEquals("whisper fill: " + dir.resolve("gone.wsp") + ": no such file or directory",
        noDestination.err().lines().findFirst().orElseThrow());
    assertTrue(noDestination.err().lines().toList().getLast()
        .startsWith("whisper fill: 1 file: 0 filled"), noDestination.err());
    assertFalse(Files.exists(dir.resolve("gone.wsp")));
  }

  /** A SRC that is not there is "no such file or directory", whatever DST is (before: "DST ... is a folder"). */
  @Test
  void aMissingSourceIsNoSuchFileWhateverTheDestination() throws IOException {
    Path dst = Files.createDirectories(dir.resolve("d1"));
    file("d1/a.wsp", 0);

    for (Path destination : List.of(dst, dst.resolve("a.wsp"), dir.resolve("absent"))) {
      CliRun run = run("fill", AT, "/nonexistent", destination.toString());

      assertEquals(1, run.status(), run.err());
      assertEquals("whisper fill: /nonexistent: no such file or directory\n", run.err());
      assertEquals("", run.out());
    }
    assertFalse(Files.exists(dir.resolve("absent")));
  }

  @Test
  void usageErrorsExitTwo() throws IOException {
    Path src = file("src.wsp", ALL);
    Path dst = file("dst.wsp", 0);
    Files.createDirectories(dir.resolve("folder"));

    for (String[] args : new String[][] {
        {"fill", AT, src.toString(), dir.resolve("folder").toString()},
        {"fill", AT, dir.resolve("folder").toString(), dst.toString()},
        {"fill", AT, dir.resolve("folder").toString(), dir.resolve("absent").toString()},
        {"fill", AT, "--from", "yesterday", src.toString(), dst.toString()},
        {"fill", AT, "--from", "-1h", "--until", "-2h", src.toString(), dst.toString()},
        {"fill", AT, "-j", "0", src.toString(), dst.toString()},
        {"fill", AT, src.toString()},
    }) {
      CliRun run = run(args);
      assertEquals(2, run.status(), String.join(" ", args) + ": " + run.err());
      assertFalse(run.err().isEmpty());
    }
    assertNull(at(dst, T - 60));
  }

  @Test
  void fromAndUntilNarrowTheFill() throws IOException {
    Path src = file("src.wsp", ALL);
    Path dst = file("dst.wsp", 0);

    CliRun run = run("fill", AT, "--from", "-5m", "--until", String.valueOf(T - 120),
        src.toString(), dst.toString());

    assertEquals(0, run.status(), run.err());
    assertNull(at(dst, T - 60));
    assertEquals(102.0, at(dst, T - 120));
    assertEquals(104.0, at(dst, T - 240));
    assertNull(at(dst, T - 300));
  }

  @Test
  void waitsForTheDestinationsLockUnlessToldNotTo() throws Exception {
    Path src = file("src.wsp", ALL);
    Path dst = file("dst.wsp", 0);
    Path other = file("other.wsp", 0);

    WhisperFile carbon = WhisperFile.openForUpdate(dst); // a writer holding flock(2)
    CompletableFuture<CliRun> locked;
    try {
      locked = CompletableFuture.supplyAsync(() -> run("fill", AT, src.toString(), dst.toString()));
      try {
        locked.get(500, TimeUnit.MILLISECONDS);
        throw new AssertionError("fill did not wait for the lock");
      } catch (TimeoutException expected) {
        assertNull(at(dst, T - 60));
      }
      CliRun unlocked = run("fill", AT, "--no-lock", src.toString(), other.toString());
      assertEquals(0, unlocked.status(), unlocked.err());
    } finally {
      carbon.close();
    }
    assertEquals(0, locked.get(10, TimeUnit.SECONDS).status());
    assertEquals(101.0, at(dst, T - 60));
  }
}
