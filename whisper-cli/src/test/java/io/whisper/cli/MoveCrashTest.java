package io.whisper.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.whisper.core.AggregationMethod;
import io.whisper.core.Allocation;
import io.whisper.core.Point;
import io.whisper.core.Retention;
import io.whisper.core.TestFiles;
import io.whisper.core.Whisper;
import io.whisper.core.WhisperFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills {@code whisper move} with SIGKILL at random moments, over the rename, copy and merge
 * paths, and checks that every point is still in the source, the destination or both, that no
 * {@code .wsp} name holds anything but a complete whisper file, and that running the same
 * batch again finishes every move.
 *
 * <p>The mover runs as a separate JVM (same java, same class path). The test hook
 * WHISPER_MOVE_STEP_PAUSE_MS makes it name each step on stderr and pause 1 ms after it; the
 * test kills it a random 0 to 1.5 ms after a randomly chosen step, or at a random time, so the
 * kills land both between and inside the steps.
 */
@Tag("slow")
class MoveCrashTest {
  private static final int RUNS = 100;
  private static final List<Retention> SCHEMA =
      List.of(Retention.parse("1s:10m"), Retention.parse("10s:1h"));

  @TempDir Path dir;

  /** A file to move and the points that must survive, with where they may be. */
  private record Case(String name, Path source, Path destination, Map<Long, Double> points) {}

  @Test
  void sigkillAtRandomMomentsLosesNoPoint() throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    Path crossFs = MoveTestFiles.otherFileSystemFolder(dir, "move-crash");
    Map<String, AtomicInteger> killedAfter = new TreeMap<>();
    int killed = 0;
    int completed = 0;
    int leftovers = 0;
    try {
      for (int run = 0; run < RUNS; run++) {
        String context = "seed " + seed + ", run " + run;
        Path root = dir.resolve("run" + run);
        Path copyTarget = crossFs != null ? crossFs.resolve("run" + run) : root.resolve("far");
        boolean forceCopy = crossFs == null && run % 2 == 1;
        long now = System.currentTimeMillis() / 1000;
        List<Case> cases = List.of(
            setUp("rename", root.resolve("src/a/r.wsp"), root.resolve("dst/a/r.wsp"), now, 0),
            setUp("merge", root.resolve("src/m.wsp"), root.resolve("dst/m.wsp"), now, 1),
            setUp("copy", root.resolve("src/c.wsp"), copyTarget.resolve("c.wsp"), now, 0));
        Path list = root.resolve("moves.txt");
        StringBuilder plan = new StringBuilder();
        for (Case c : cases) {
          plan.append(c.source()).append(' ').append(c.destination()).append('\n');
        }
        Files.writeString(list, plan);

        String step = killSomewhere(list, forceCopy, random);
        if (step == null) {
          completed++;
        } else {
          killed++;
          killedAfter.computeIfAbsent(step, s -> new AtomicInteger()).incrementAndGet();
        }

        for (Case c : cases) {
          assertSurvived(c, context + ", killed after " + step);
        }
        leftovers += checkNames(
            crossFs != null ? List.of(root, copyTarget) : List.of(root), cases, context);

        // Moving what is left again finishes the job, whatever state the kill left (a source
        // already gone is refused as missing, so it is not listed).
        StringBuilder rest = new StringBuilder();
        for (Case c : cases) {
          if (Files.exists(c.source())) {
            rest.append(c.source()).append(' ').append(c.destination()).append('\n');
          }
        }
        Files.writeString(list, rest);
        List<String> args = new ArrayList<>(List.of("move", "--batch", list.toString()));
        if (forceCopy) {
          args.add("--copy");
        }
        CliRun rerun = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, rerun.status(), context + ": " + rerun.err());
        for (Case c : cases) {
          assertFalse(Files.exists(c.source()), context);
          Map<Long, Double> found = TestFiles.points(c.destination());
          c.points().forEach((ts, value) ->
              assertEquals(value, found.get(ts), context + ": " + c.name() + " at " + ts));
        }
      }
    } finally {
      if (crossFs != null) {
        TestFiles.deleteTree(crossFs);
      }
    }
    System.out.printf("MoveCrashTest: %d runs (seed %d), %d killed, %d completed before the"
        + " kill, %d temporary files left (none named .wsp); kills after step: %s; copy path %s%n",
        RUNS, seed, killed, completed, leftovers, killedAfter,
        crossFs != null ? "across file systems (/dev/shm)" : "forced with --copy on odd runs");
    assertTrue(killed >= RUNS / 2, "too few runs were killed before finishing: " + killed);
  }

  // Each file holds 100 points of its own; the merge destination holds 100 others.
  private Case setUp(String name, Path source, Path destination, long now, int existing)
      throws IOException {
    Map<Long, Double> points = new TreeMap<>();
    write(source, now, 1, 101, name.hashCode() % 1000, points);
    if (existing == 1) {
      write(destination, now, 150, 250, 5000, points);
    }
    return new Case(name, source, destination, points);
  }

  private static void write(Path path, long now, int fromAge, int toAge, double base,
      Map<Long, Double> expected) throws IOException {
    Files.createDirectories(path.getParent());
    Whisper.create(path, SCHEMA, 0.5, AggregationMethod.AVERAGE, Allocation.SPARSE, false);
    List<Point> points = new ArrayList<>();
    for (int age = fromAge; age < toAge; age++) {
      points.add(new Point(now - age, base + age));
      expected.put(now - age, base + age);
    }
    try (WhisperFile file = WhisperFile.openForUpdate(path)) {
      file.updateMany(points, now);
    }
  }

  // Runs the batch in its own JVM and kills it; returns the step it was killed after, or null
  // if it finished first.
  private static String killSomewhere(Path list, boolean forceCopy, Random random)
      throws Exception {
    List<String> command = ChildJvm.whisper(
        "move", "--drain", "2", "--batch", list.toString());
    if (forceCopy) {
      command.add("--copy");
    }
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put("WHISPER_MOVE_STEP_PAUSE_MS", "1");
    Process process = builder.start();
    boolean atRandomTime = random.nextInt(5) == 0;
    int killAtStep = 1 + random.nextInt(12); // rename 3 + merge 4 + copy 5 steps
    long delayNanos = atRandomTime ? random.nextLong(50_000_000L) : random.nextLong(1_500_000L);
    AtomicReference<String> lastStep = new AtomicReference<>("start");
    try (BufferedReader err = new BufferedReader(
        new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
      int steps = 0;
      String line;
      while ((line = err.readLine()) != null) {
        if (!line.startsWith("step ")) {
          continue;
        }
        steps++;
        lastStep.set(line.substring(5));
        if (atRandomTime ? steps == 1 : steps == killAtStep) {
          java.util.concurrent.locks.LockSupport.parkNanos(delayNanos);
          process.destroyForcibly(); // SIGKILL
          break;
        }
      }
    }
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), "mover did not end");
    int status = process.exitValue();
    if (status == 0) {
      return null;
    }
    assertEquals(137, status, "the mover failed instead of being killed");
    return lastStep.get() + (atRandomTime ? " (+random ms)" : "");
  }

  // Every point is in the source or the destination, which are complete whisper files.
  private static void assertSurvived(Case c, String context) throws IOException {
    Map<Long, Double> inDestination =
        Files.exists(c.destination()) ? TestFiles.points(c.destination()) : Map.of();
    Map<Long, Double> inSource =
        Files.exists(c.source()) ? TestFiles.points(c.source()) : Map.of();
    c.points().forEach((ts, value) -> assertTrue(
        value.equals(inDestination.get(ts)) || value.equals(inSource.get(ts)),
        context + ": " + c.name() + " lost the point at " + ts));
  }

  // Only the expected names may end in .wsp; returns how many other (temporary) files remain.
  private static int checkNames(List<Path> roots, List<Case> cases, String context)
      throws IOException {
    List<Path> allowed = new ArrayList<>();
    for (Case c : cases) {
      allowed.add(c.source());
      allowed.add(c.destination());
    }
    int others = 0;
    for (Path root : roots) {
      if (!Files.exists(root)) {
        continue;
      }
      try (Stream<Path> walk = Files.walk(root)) {
        for (Path p : walk.filter(Files::isRegularFile).toList()) {
          if (p.getFileName().toString().endsWith(".wsp")) {
            assertTrue(allowed.contains(p), context + ": unexpected " + p);
          } else if (!p.getFileName().toString().equals("moves.txt")) {
            assertTrue(p.getFileName().toString().startsWith("."), context + ": " + p);
            others++;
          }
        }
      }
    }
    return others;
  }
}
