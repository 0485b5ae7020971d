package io.whisper.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.whisper.core.AggregationMethod;
import io.whisper.core.Allocation;
import io.whisper.core.Point;
import io.whisper.core.Retention;
import io.whisper.core.TestFiles;
import io.whisper.core.Whisper;
import io.whisper.core.WhisperFile;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Moves and merges the files of a live carbon-cache (Debian's graphite-carbon) with
 * {@code WHISPER_LOCK_WRITES = True} while points stream into its plaintext port; every point
 * sent must be found afterwards, in the destination or in the file carbon creates anew at the
 * old path.
 */
@Tag("slow")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MoveCarbonTest {
  private static final Path CARBON = Path.of("/usr/bin/carbon-cache");
  private static final int POINTS = 300;
  private static final long SEND_PAUSE_MILLIS = 10;
  private static final List<String> METRICS = List.of("mv.rename", "mv.copy", "mv.merge");

  @TempDir Path dir;

  @Test
  void everyPointSentToALiveCarbonSurvivesMovesAndMerges() throws Exception {
    assumeTrue(Files.isExecutable(CARBON),
        "carbon-cache is not installed (apt-get install graphite-carbon; .ci/run does)");
    Path data = dir.resolve("storage/whisper");
    Path moved = dir.resolve("moved");
    Path crossFs = MoveTestFiles.otherFileSystemFolder(dir, "move-carbon");
    Path copyTarget = crossFs != null ? crossFs : dir.resolve("copied");
    int port = freePort();
    Path log = dir.resolve("carbon.log");
    Process carbon = startCarbon(port, log);
    try {
      long now = System.currentTimeMillis() / 1000;
      long base = now - 400; // every point lands in the 1s:10m archive
      Map<String, Path> sources = new TreeMap<>();
      Map<String, Path> destinations = new TreeMap<>();
      for (String metric : METRICS) {
        sources.put(metric, data.resolve(metric.replace('.', '/') + ".wsp"));
      }
      destinations.put("mv.rename", moved.resolve("mv/rename.wsp"));
      destinations.put("mv.copy", copyTarget.resolve("mv/copy.wsp"));
      destinations.put("mv.merge", moved.resolve("mv/merge.wsp"));
      Map<Long, Double> alreadyThere = preCreate(destinations.get("mv.merge"), base, now);
      waitForPort(port, carbon, log);

      Thread sender = Thread.ofPlatform().start(() -> send(port, base));
      // Two rounds while carbon writes: the first renames, copies and merges; by the second,
      // carbon has created the files anew at the old paths, so every move is a merge.
      for (int round = 0; round < 2; round++) {
        waitFor(() -> sources.values().stream().allMatch(Files::exists), 20);
        Thread.sleep(700);
        Path list = dir.resolve("round" + round + ".txt");
        StringBuilder plan = new StringBuilder();
        for (String metric : METRICS) {
          plan.append(sources.get(metric)).append(' ').append(destinations.get(metric))
              .append('\n');
        }
        Files.writeString(list, plan);
        CliRun run = CliRun.of("move", "--json", "--batch", list.toString());
        assertEquals(0, run.status(), "round " + round + ": " + run.out() + run.err());
        if (round == 0) {
          assertTrue(run.out().contains("\"action\": \"renamed\"")
              && run.out().contains("\"action\": \"merged\"")
              && run.out().contains(crossFs != null ? "\"action\": \"copied\"" : "renamed"),
              run.out());
        }
      }
      sender.join();

      // Carbon writes its cache about once a second; wait until it has, then check.
      waitFor(() -> missing(sources, destinations, base).isEmpty(), 30);
      assertEquals(List.of(), missing(sources, destinations, base));
      Map<Long, Double> merged = TestFiles.points(destinations.get("mv.merge"));
      alreadyThere.forEach((ts, value) -> assertEquals(value, merged.get(ts), "kept " + ts));
      assertTrue(Files.readString(log).contains("Enabling Whisper file locking"),
          "carbon did not enable locking:\n" + Files.readString(log));
    } finally {
      carbon.destroy();
      if (!carbon.waitFor(15, TimeUnit.SECONDS)) {
        carbon.destroyForcibly();
      }
      if (crossFs != null) {
        TestFiles.deleteTree(crossFs);
      }
    }
  }

  private Process startCarbon(int port, Path log) throws IOException {
    Path conf = Files.createDirectories(dir.resolve("conf"));
    Path storage = dir.resolve("storage");
    Files.writeString(conf.resolve("carbon.conf"), String.join("\n",
        "[cache]",
        "STORAGE_DIR = " + storage,
        "LOCAL_DATA_DIR = " + storage.resolve("whisper"),
        "WHITELISTS_DIR = " + storage.resolve("lists"),
        "LOG_DIR = " + storage.resolve("log"),
        "PID_DIR = " + storage.resolve("run"),
        "ENABLE_LOGROTATION = False",
        "ENABLE_TAGS = False",
        "MAX_CACHE_SIZE = inf",
        "MAX_UPDATES_PER_SECOND = inf",
        "MAX_CREATES_PER_MINUTE = inf",
        "LINE_RECEIVER_INTERFACE = 127.0.0.1",
        "LINE_RECEIVER_PORT = " + port,
        "ENABLE_UDP_LISTENER = False",
        "PICKLE_RECEIVER_INTERFACE = 127.0.0.1",
        "PICKLE_RECEIVER_PORT = " + freePort(),
        "CACHE_QUERY_INTERFACE = 127.0.0.1",
        "CACHE_QUERY_PORT = " + freePort(),
        "WHISPER_LOCK_WRITES = True",
        "LOG_UPDATES = False",
        "LOG_CREATES = False",
        ""));
    Files.writeString(conf.resolve("storage-schemas.conf"),
        "[all]\npattern = .*\nretentions = 1s:10m,10s:1h\n");
    return new ProcessBuilder(CARBON.toString(), "--config=" + conf.resolve("carbon.conf"),
        "--nodaemon", "start")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  // The destination of the merge already holds older points carbon never sent.
  private static Map<Long, Double> preCreate(Path path, long base, long now) throws IOException {
    Files.createDirectories(path.getParent());
    Whisper.create(path, List.of(Retention.parse("1s:10m"), Retention.parse("10s:1h")), 0.5,
        AggregationMethod.AVERAGE, Allocation.SPARSE, false);
    Map<Long, Double> points = new TreeMap<>();
    List<Point> list = new ArrayList<>();
    for (int i = 1; i <= 50; i++) {
      points.put(base - i, -1.0 * i);
      list.add(new Point(base - i, -1.0 * i));
    }
    try (WhisperFile file = WhisperFile.openForUpdate(path)) {
      file.updateMany(list, now);
    }
    return points;
  }

  private static void send(int port, long base) {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        OutputStream out = socket.getOutputStream()) {
      for (int i = 0; i < POINTS; i++) {
        StringBuilder lines = new StringBuilder();
        for (int m = 0; m < METRICS.size(); m++) {
          lines.append(METRICS.get(m)).append(' ').append(value(m, i)).append(' ')
              .append(base + i).append('\n');
        }
        out.write(lines.toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();
        Thread.sleep(SEND_PAUSE_MILLIS);
      }
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static double value(int metric, int i) {
    return 1000.0 * (metric + 1) + i + 0.5;
  }

  // The points not found in the destination nor in the file at the old path.
  private static List<String> missing(Map<String, Path> sources, Map<String, Path> destinations,
      long base) throws IOException {
    List<String> missing = new ArrayList<>();
    for (int m = 0; m < METRICS.size(); m++) {
      String metric = METRICS.get(m);
      Map<Long, Double> there = TestFiles.points(destinations.get(metric));
      Map<Long, Double> recreated = Files.exists(sources.get(metric))
          ? TestFiles.points(sources.get(metric)) : Map.of();
      for (int i = 0; i < POINTS; i++) {
        Double expected = value(m, i);
        if (!expected.equals(there.get(base + i))
            && !expected.equals(recreated.get(base + i))) {
          missing.add(metric + "@" + (base + i));
        }
      }
    }
    return missing;
  }

  private interface Check {
    boolean done() throws IOException;
  }

  private static void waitFor(Check check, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!check.done()) {
      if (System.nanoTime() > deadline) {
        return; // the assertion that follows says what is missing
      }
      Thread.sleep(200);
    }
  }

  private static void waitForPort(int port, Process carbon, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try {
        new Socket(InetAddress.getLoopbackAddress(), port).close();
        return;
      } catch (IOException e) {
        if (!carbon.isAlive() || System.nanoTime() > deadline) {
          throw new IllegalStateException("carbon-cache did not start:\n" + Files.readString(log));
        }
        Thread.sleep(100);
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
