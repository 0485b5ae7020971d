package io.whisper.cli;

import io.whisper.core.Point;
import io.whisper.core.Retention;
import io.whisper.core.Whisper;
import io.whisper.core.WhisperFile;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The training run for the AOT caches, made at build time ({@code -XX:AOTCacheOutput}): runs
 * the commands operators call once per file, on small files it creates, so the classes they
 * load and the code they run are loaded, linked and profiled before the first real call.
 *
 * <p>Two caches, because a JVM loads every class of its cache at start: {@code read} holds
 * only what the read-only drop-ins (info, fetch, dump, diff) need, so that a script's
 * {@code whisper info} does not pay for loading fsck, fill, move and the FFM linker; {@code
 * all} holds every command, for the others. The launcher picks one by the command's name.
 * The {@code all} training runs first (see the POM) and leaves the sample files the {@code
 * read} training reads.
 *
 * <p>Not a test: it checks nothing, and its output goes nowhere.
 */
public final class AotTraining {
  private static final long NOW = 1_700_000_000L;

  private AotTraining() {}

  /**
   * Runs the training for one cache: {@code all SAMPLES} makes the sample files in the folder
   * SAMPLES and runs every command on copies of them in a temporary folder; {@code read
   * SAMPLES} then runs the read-only drop-ins on those samples, and does nothing else, so that
   * its cache holds no class a read does not need (the writing of the samples, a temporary
   * folder's SecureRandom, the streams of its removal).
   */
  public static void main(String... args) throws IOException {
    if (args.length != 2 || !(args[0].equals("all") || args[0].equals("read"))) {
      throw new IllegalArgumentException("usage: AotTraining all|read SAMPLES");
    }
    Path samples = Path.of(args[1]);
    if (args[0].equals("read")) {
      for (String[] command : readCommands(samples.resolve("a.wsp"), samples.resolve("b.wsp"))) {
        run(command);
      }
      return;
    }
    Files.createDirectories(samples);
    Path a = sample(samples.resolve("a.wsp"));
    Path b = sample(samples.resolve("b.wsp"));
    Path dir = Files.createTempDirectory("whisper-aot-training");
    try {
      Path copyA = Files.copy(a, dir.resolve("a.wsp"));
      Path copyB = Files.copy(b, dir.resolve("b.wsp"));
      for (String[] command : commands(dir, copyA, copyB)) {
        run(command);
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  // The read-only drop-ins, which scripts call once per file; nothing here may lock a file.
  private static List<String[]> readCommands(Path a, Path b) {
    return List.of(
        new String[] {"info", a.toString()},
        new String[] {"info", "--json", a.toString()},
        new String[] {"info", a.toString(), "xFilesFactor"},
        new String[] {"fetch", "--from=" + (NOW - 600), "--until=" + NOW, a.toString()},
        new String[] {"fetch", "--json", "--from=" + (NOW - 600), "--until=" + NOW, a.toString()},
        new String[] {"dump", a.toString()},
        new String[] {"diff", "--until=" + NOW, a.toString(), b.toString()});
  }

  private static List<String[]> commands(Path dir, Path a, Path b) throws IOException {
    List<String[]> commands = new ArrayList<>(readCommands(a, b));
    commands.add(new String[] {"--version"});
    commands.add(new String[] {"--help"});
    commands.add(new String[] {"update", b.toString(), "N:1", (NOW + 60) + ":2"});
    // fsck runs once over a tree, but its start-up is still a share of a nightly cron run.
    commands.add(new String[] {"fsck", "-j", "1", dir.toString()});
    commands.add(new String[] {"fsck", "--deep", "--json", "-j", "1", dir.toString()});
    // A rebalance script calls move once per metric: a rename, then a merge into it.
    Path moved = dir.resolve("moved/a.wsp");
    commands.add(new String[] {"move", a.toString(), moved.toString()});
    commands.add(new String[] {"move", "--json", b.toString(), moved.toString()});
    commands.addAll(fill(dir, a));
    return commands;
  }

  // fill over two small replica trees with gaps (tree mode is how operators run it), a dry run
  // with JSON, and a pair. Built before any command runs (move takes `sample` away).
  private static List<String[]> fill(Path dir, Path sample) throws IOException {
    Path src = dir.resolve("fill-src");
    Path dst = dir.resolve("fill-dst");
    for (int i = 0; i < 64; i++) {
      String name = "g" + (i % 4) + "/m" + i + ".wsp";
      Files.createDirectories(src.resolve(name).getParent());
      Files.createDirectories(dst.resolve(name).getParent());
      Files.copy(sample, src.resolve(name));
      Files.copy(sample, dst.resolve(name));
      try (WhisperFile file = WhisperFile.openForUpdate(dst.resolve(name))) {
        for (long t = NOW - 3000 + 60L * (i % 7); t < NOW - 2000; t += 240) {
          file.writeSlot(0, t - t % 60 - 86_400, 0); // stale: a gap
        }
      }
    }
    String now = "--now=" + NOW;
    return List.of(
        new String[] {"fill", now, "-n", "--json", src.toString(), dst.toString()},
        new String[] {"fill", now, src.toString(), dst.toString()},
        new String[] {"fill", now, src.resolve("g0/m0.wsp").toString(),
            dst.resolve("g0/m0.wsp").toString()});
  }

  private static Path sample(Path path) throws IOException {
    Files.deleteIfExists(path); // from an earlier build
    Whisper.create(path, List.of(Retention.parse("1m:1d"), Retention.parse("5m:30d")));
    List<Point> points = new ArrayList<>();
    for (long t = NOW - 3600; t < NOW; t += 60) {
      points.add(new Point(t, t % 7));
    }
    try (WhisperFile file = WhisperFile.openForUpdate(path)) {
      file.updateMany(points, NOW);
    }
    return path;
  }

  private static void run(String... args) {
    PrintWriter nowhere = new PrintWriter(OutputStream.nullOutputStream());
    WhisperCli.commandLine(args).setOut(nowhere).setErr(nowhere).execute(args);
  }
}
