package io.whisper.cli.backup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.whisper.cli.CliRun;
import io.whisper.cli.WhisperCli;
import io.whisper.core.TestFiles;
import io.whisper.core.Whisper;
import io.whisper.s3.S3ProxyExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * SIGKILL during backup, prune and restore, at 20 random moments each, against a local folder
 * and S3: after each kill the repository passes {@code check --read-data} and the next run
 * completes; a restore leaves every file either as the snapshot has it byte for byte, or, for
 * a live file, holding the union of its points and the backup's (its own win).
 */
@Tag("slow") // starts s3proxy, and whisper in JVMs of its own
class BackupKillTest {
  @RegisterExtension static final S3ProxyExtension S3 = new S3ProxyExtension();
  private static final int KILLS = 20;

  @TempDir Path temp;

  @AfterEach
  void restoreEnvironment() {
    RepositoryOption.environment = System.getenv();
  }

  private static CliRun ok(String... args) {
    CliRun run = CliRun.of(args);
    assertEquals(0, run.status(), () -> String.join(" ", args) + ": " + run.err() + run.out());
    return run;
  }

  // The repository is whole: every pack present and every blob verified.
  private static void assertChecks(String repo, String context) {
    CliRun check = CliRun.of("check", "-r", repo, "--read-data");
    assertEquals(0, check.status(), context + ": " + check.out() + check.err());
  }

  private static long now() {
    return System.currentTimeMillis() / 1000;
  }

  @ParameterizedTest
  @EnumSource(Repositories.class)
  void killedBackups(Repositories kind) throws Exception {
    String repo = kind.create(temp, S3);
    Random random = new Random(42);
    Path tree = temp.resolve("tree");
    long now = now();
    List<Path> files = BackupTrees.create(tree, 24, now, random);
    ok("init", "-r", repo, "--pack-size", "65536");
    Killer killer = new Killer(kind, random,
        timed(kind, "backup", "-r", repo, "-j", "2", tree.toString()));
    for (int i = 1; killer.more(); i++) {
      for (int f = i % 3; f < files.size(); f += 3) {
        BackupTrees.write(files.get(f), now + 60L * i, 1, random);
      }
      killer.run("backup", "-r", repo, "-j", "2", tree.toString());
      assertChecks(repo, "after killed backup " + i);
    }
    ok("backup", "-r", repo, tree.toString());
    assertChecks(repo, "after the last backup");
    Path out = temp.resolve("out");
    ok("restore", "-r", repo, "latest", "--to", out.toString());
    BackupTrees.assertSameTree(tree, out);
  }

  @ParameterizedTest
  @EnumSource(Repositories.class)
  void killedPrunes(Repositories kind) throws Exception {
    String repo = kind.create(temp, S3);
    Random random = new Random(43);
    Path tree = temp.resolve("tree");
    long now = now();
    List<Path> files = BackupTrees.create(tree, 20, now, random);
    ok("init", "-r", repo, "--pack-size", "65536");
    ok("backup", "-r", repo, tree.toString());
    Killer killer = null;
    for (int i = 1; killer == null || killer.more(); i++) {
      for (int f = 0; f < files.size(); f++) {
        BackupTrees.write(files.get(f), now + 60L * i, 1 + random.nextInt(20), random);
      }
      ok("backup", "-r", repo, tree.toString());
      if (killer == null) {
        killer = new Killer(kind, random,
            timed(kind, "forget", "-r", repo, "--keep-last", "2", "--prune"));
        continue;
      }
      killer.run("forget", "-r", repo, "--keep-last", "2", "--prune");
      assertChecks(repo, "after killed prune " + i);
    }
    ok("forget", "-r", repo, "--keep-last", "2", "--prune");
    assertChecks(repo, "after the last prune");
    Path out = temp.resolve("out");
    ok("restore", "-r", repo, "latest", "--to", out.toString());
    BackupTrees.assertSameTree(tree, out);
  }

  @ParameterizedTest
  @EnumSource(Repositories.class)
  void killedRestores(Repositories kind) throws Exception {
    String repo = kind.create(temp, S3);
    Random random = new Random(44);
    Path tree = temp.resolve("tree");
    long now = now();
    List<Path> files = BackupTrees.create(tree, 10, now, random);
    ok("backup", "-r", repo, tree.toString());
    Map<String, byte[]> snapshot = BackupTrees.contents(tree);
    Map<String, Map<Long, Double>> backedUp = new HashMap<>();
    for (Path file : files) {
      backedUp.put(tree.relativize(file).toString(), TestFiles.points(file));
    }
    Killer killer = null;
    for (int i = 0; killer == null || killer.more(); i++) {
      // The target: every other file live, with points of its own, the others missing.
      Path target = temp.resolve("target" + i);
      Map<String, Map<Long, Double>> live = new HashMap<>();
      for (int f = 0; f < files.size(); f += 2) {
        String name = tree.relativize(files.get(f)).toString();
        Path file = target.resolve(name);
        Files.createDirectories(file.getParent());
        Whisper.create(file, BackupTrees.SCHEMA);
        BackupTrees.write(file, now, 1 + random.nextInt(40), random);
        live.put(name, TestFiles.points(file));
      }
      if (killer == null) {
        killer = new Killer(kind, random,
            timed(kind, "restore", "-r", repo, "latest", "--to", target.toString()));
      } else {
        killer.run("restore", "-r", repo, "latest", "--to", target.toString());
        assertRestoredOrUntouched(target, snapshot, backedUp, live, "after killed restore " + i);
        ok("restore", "-r", repo, "latest", "--to", target.toString());
      }
      assertRestored(target, snapshot, backedUp, live, "restore " + i);
    }
    assertChecks(repo, "after the restores");
  }

  // After a kill: each file is missing, the snapshot's bytes, or a live file whose own points
  // are all there, with none but the backup's added.
  private static void assertRestoredOrUntouched(Path target, Map<String, byte[]> snapshot,
      Map<String, Map<Long, Double>> backedUp, Map<String, Map<Long, Double>> live,
      String context) throws IOException {
    Map<String, byte[]> now = BackupTrees.contents(target);
    for (Map.Entry<String, byte[]> file : now.entrySet()) {
      String name = file.getKey();
      if (!live.containsKey(name)) {
        assertArrayEquals(snapshot.get(name), file.getValue(), context + ": " + name);
        continue;
      }
      Map<Long, Double> points = TestFiles.points(target.resolve(name));
      Map<Long, Double> union = new TreeMap<>(backedUp.get(name));
      union.putAll(live.get(name));
      points.forEach((t, v) -> assertEquals(union.get(t), v, context + ": " + name + " at " + t));
      live.get(name).forEach((t, v) -> assertEquals(v, points.get(t), context + ": " + name));
    }
    for (String name : live.keySet()) {
      assertTrue(now.containsKey(name), context + ": the live file " + name + " is gone");
    }
  }

  // After a complete restore: new files are the snapshot's bytes, live ones hold the union.
  private static void assertRestored(Path target, Map<String, byte[]> snapshot,
      Map<String, Map<Long, Double>> backedUp, Map<String, Map<Long, Double>> live,
      String context) throws IOException {
    Map<String, byte[]> now = BackupTrees.contents(target);
    assertEquals(snapshot.keySet(), now.keySet(), context);
    for (String name : snapshot.keySet()) {
      if (live.containsKey(name)) {
        Map<Long, Double> union = new TreeMap<>(backedUp.get(name));
        union.putAll(live.get(name));
        assertEquals(union, TestFiles.points(target.resolve(name)), context + ": " + name);
      } else {
        assertArrayEquals(snapshot.get(name), now.get(name), context + ": " + name);
      }
    }
  }

  private static List<String> command(String... args) {
    List<String> command = new ArrayList<>(List.of(
        ProcessHandle.current().info().command().orElseThrow(),
        "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
        "-cp", System.getProperty("java.class.path"), WhisperCli.class.getName()));
    command.addAll(List.of(args));
    return command;
  }

  private static Process start(Repositories kind, String... args) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command(args))
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().putAll(kind.environment(S3));
    return builder.start();
  }

  // Runs the command to its end in a JVM of its own; returns how long it took, in nanoseconds.
  private static long timed(Repositories kind, String... args) throws Exception {
    long started = System.nanoTime();
    Process process = start(kind, args);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "did not end: " + List.of(args));
    assertEquals(0, process.exitValue(), "failed: " + List.of(args));
    return Math.max(1, System.nanoTime() - started);
  }

  /**
   * Runs a command in a JVM of its own and SIGKILLs it at a random moment of its run, until
   * it has killed {@link #KILLS} runs. A run that ends before its moment must succeed; the
   * window then shrinks (later runs of a command can be quicker than the one timed).
   */
  private static final class Killer {
    private final Repositories kind;
    private final Random random;
    private long window;
    private int killed;
    private int runs;

    Killer(Repositories kind, Random random, long window) {
      this.kind = kind;
      this.random = random;
      this.window = window;
    }

    boolean more() {
      assertTrue(runs < 3 * KILLS, "only " + killed + " of " + runs + " runs were killed");
      return killed < KILLS;
    }

    void run(String... args) throws Exception {
      runs++;
      Process process = start(kind, args);
      if (process.waitFor(random.nextLong(window), TimeUnit.NANOSECONDS)) {
        assertEquals(0, process.exitValue(), "failed before the kill: " + List.of(args));
        window = window * 7 / 10;
        return;
      }
      process.destroyForcibly(); // SIGKILL
      assertTrue(process.waitFor(30, TimeUnit.SECONDS));
      if (process.exitValue() == 0) {
        return; // it ended between the wait and the kill
      }
      assertEquals(137, process.exitValue(), "ended otherwise than killed: " + List.of(args));
      killed++;
    }
  }
}
