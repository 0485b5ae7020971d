package io.whisper.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fill stopped after any number of its writes (what SIGKILL or a full disk leaves), even
 * between the value and the timestamp of one point, and then run again at the same {@code now},
 * leaves exactly the bytes of an uninterrupted fill: every prefix of the write order is tried,
 * over random replica pairs whose gaps reach every archive and whose archives are sometimes
 * empty. The same prefixes in the finest-first order (how fill wrote before) must leave some
 * file stale, or this test would not be able to tell.
 */
@Tag("slow")
class FillInterruptionTest {
  private static final long NOW = 1_700_000_017L;
  private static final int CASES = 40;
  private static final List<List<String>> SCHEMAS = List.of(
      List.of("1m:1h", "5m:6h", "1h:2d"),
      List.of("1m:30m", "2m:2h", "10m:12h", "1h:1d"),
      List.of("10s:10m", "1m:1h"));

  @TempDir Path dir;

  private record Outcome(int prefixes, int staleInOldOrder) {}

  @Test
  void everyPrefixOfTheWritesIsFinishedByARerun() throws IOException {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    int prefixes = 0;
    int stale = 0;
    for (int c = 0; c < CASES; c++) {
      Outcome outcome = check(random, "seed " + seed + ", case " + c);
      prefixes += outcome.prefixes();
      stale += outcome.staleInOldOrder();
    }
    System.out.printf("FillInterruptionTest: %d cases (seed %d), %d prefixes finished exactly;"
        + " %d prefixes of the finest-first order were left stale%n", CASES, seed, prefixes,
        stale);
    assertTrue(stale > 0, "the finest-first order never left a stale file: the test is blind");
  }

  private Outcome check(Random random, String context) throws IOException {
    List<String> schema = SCHEMAS.get(random.nextInt(SCHEMAS.size()));
    double xff = random.nextBoolean() ? 0.5 : 0.0;
    AggregationMethod method =
        AggregationMethod.values()[random.nextInt(AggregationMethod.values().length)];
    Allocation allocation = random.nextBoolean() ? Allocation.SPARSE : Allocation.ZERO_FILL;
    Path src = dir.resolve("src.wsp");
    Path original = dir.resolve("dst.wsp");
    Files.deleteIfExists(src);
    Files.deleteIfExists(original);
    create(src, schema, xff, method, allocation);
    create(original, schema, xff, method, allocation);
    populate(src, random, 0.9, false);
    populate(original, random, 0.6, true);

    Path expected = dir.resolve("expected.wsp");
    Files.copy(original, expected, StandardCopyOption.REPLACE_EXISTING);
    fill(src, expected);
    byte[] uninterrupted = Files.readAllBytes(expected);

    List<Map.Entry<Long, Point>> order;
    try (WhisperFile destination = WhisperFile.open(original);
        WhisperFile source = WhisperFile.open(src)) {
      StagedWrites staged = destination.stage();
      Fill.stage(source, destination, Fill.Request.at(NOW), staged);
      order = staged.inWriteOrder();
    }
    Path work = dir.resolve("work.wsp");
    for (int n = 0; n <= order.size(); n++) {
      for (boolean halfPoint : n < order.size() ? List.of(false, true) : List.of(false)) {
        Files.copy(original, work, StandardCopyOption.REPLACE_EXISTING);
        writePrefix(work, order, n, halfPoint);
        fill(src, work);
        assertArrayEquals(uninterrupted, Files.readAllBytes(work),
            context + ": " + schema + " " + method + " xff " + xff + ", rerun after " + n
                + " of " + order.size() + " writes" + (halfPoint ? " and a value" : ""));
      }
    }
    // The order fill used before: finest archive first.
    List<Map.Entry<Long, Point>> finestFirst = new ArrayList<>(order);
    finestFirst.sort(Comparator.comparing(Map.Entry::getKey));
    int stale = 0;
    for (int n = 0; n <= finestFirst.size(); n++) {
      Files.copy(original, work, StandardCopyOption.REPLACE_EXISTING);
      writePrefix(work, finestFirst, n, false);
      fill(src, work);
      if (!java.util.Arrays.equals(uninterrupted, Files.readAllBytes(work))) {
        stale++;
      }
    }
    return new Outcome(2 * order.size() + 1, stale);
  }

  private static void create(Path path, List<String> schema, double xff,
      AggregationMethod method, Allocation allocation) throws IOException {
    Whisper.create(path, schema.stream().map(Retention::parse).toList(), xff, method, allocation,
        false);
  }

  // Random points in every archive's window, `density` of them present; an archive is left
  // empty now and then, and a destination gets some stale slots (a previous lap of the ring).
  private static void populate(Path path, Random random, double density, boolean destination)
      throws IOException {
    try (WhisperFile file = WhisperFile.openForUpdate(path)) {
      List<ArchiveInfo> archives = file.header().archives();
      for (int i = 0; i < archives.size(); i++) {
        if (destination && random.nextInt(5) == 0) {
          continue;
        }
        ArchiveInfo archive = archives.get(i);
        long step = archive.secondsPerPoint();
        long newest = NOW - NOW % step;
        for (long t = newest - archive.retention() + step; t <= newest; t += step) {
          double roll = random.nextDouble();
          if (roll < density) {
            file.writeSlot(i, t, random.nextInt(100));
          } else if (destination && roll < density + 0.05) {
            file.writeSlot(i, t - archive.retention(), random.nextInt(100)); // stale
          }
        }
      }
    }
  }

  private static void fill(Path src, Path dst) throws IOException {
    try (WhisperFile destination = WhisperFile.openForUpdate(dst);
        WhisperFile source = WhisperFile.open(src)) {
      Fill.fill(source, destination, Fill.Request.at(NOW));
    }
  }

  // Writes the first `n` points as fill would, and with `halfPoint` the value (not yet the
  // timestamp) of the next one, as fill's stores do.
  private static void writePrefix(Path path, List<Map.Entry<Long, Point>> order, int n,
      boolean halfPoint) throws IOException {
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
      for (int k = 0; k < n + (halfPoint ? 1 : 0); k++) {
        Map.Entry<Long, Point> e = order.get(k);
        ByteBuffer point = ByteBuffer.allocate(Point.BYTES)
            .putInt((int) e.getValue().timestamp())
            .putLong(Double.doubleToRawLongBits(e.getValue().value()))
            .flip();
        if (k == n) {
          point.position(4); // the value only
        }
        channel.write(point, e.getKey() + point.position());
      }
    }
  }
}
