package io.whisper.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.whisper.core.ScenarioGenerator.Fetch;
import io.whisper.core.ScenarioGenerator.Op;
import io.whisper.core.ScenarioGenerator.ChangeAggregation;
import io.whisper.core.ScenarioGenerator.Update;
import io.whisper.core.ScenarioGenerator.UpdateMany;
import io.whisper.core.WhisperFile.Access;
import io.whisper.core.WhisperFile.Options;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two storages, a memory mapping and positional channel I/O, must be interchangeable: the
 * same operations give the same bytes and results. And closing a mapped file must unmap it at
 * once, or a scan of millions of files would exhaust the process's mappings.
 */
class StorageTest {
  private static final Options MAPPED_UPDATE = Options.UPDATE;
  private static final Options CHANNEL_UPDATE = Options.UPDATE.withAccess(Access.CHANNEL);

  @TempDir Path dir;

  @Test
  void mappedAndChannelStorageGiveIdenticalBytesAndResults() throws IOException {
    int operations = 0;
    for (int scenario = 0; scenario < 25; scenario++) {
      long seed = 0x570e_0000L + scenario;
      ScenarioGenerator generator = new ScenarioGenerator(seed);
      Random random = new Random(seed);
      Path mapped = dir.toRealPath().resolve("mapped-" + scenario + ".wsp");
      Path channel = dir.toRealPath().resolve("channel-" + scenario + ".wsp");
      for (Path p : List.of(mapped, channel)) {
        Whisper.create(p, generator.schema().given(), generator.schema().xFilesFactor(),
            generator.schema().method(), generator.schema().allocation(), false);
      }
      Header header = generator.header();
      for (int k = 0; k < generator.operations() + 10; k++) {
        String label = "seed " + seed + " op " + k;
        byte[] before = Files.readAllBytes(mapped);
        Op op = k < generator.operations()
            ? generator.nextOp(i -> slot0(before, header.archive(i)))
            : generator.finalFetches().get(random.nextInt(4));
        String viaMapping = apply(op, mapped, MAPPED_UPDATE, true);
        String viaChannel = apply(op, channel, CHANNEL_UPDATE, false);
        assertEquals(viaMapping, viaChannel, label + " " + op);
        assertArrayEquals(Files.readAllBytes(mapped), Files.readAllBytes(channel), label + " " + op);
        String lowLevelMapped = applyLowLevel(new Random(seed * 31 + k), mapped, MAPPED_UPDATE);
        String lowLevelChannel = applyLowLevel(new Random(seed * 31 + k), channel, CHANNEL_UPDATE);
        assertEquals(lowLevelMapped, lowLevelChannel, label + " low-level");
        assertArrayEquals(Files.readAllBytes(mapped), Files.readAllBytes(channel), label);
        operations += 2;
      }
    }
    assertTrue(operations >= 300, operations + " operations");
  }

  // Applies a scenario operation and describes the outcome; checks the storage is the one asked.
  private static String apply(Op op, Path file, Options options, boolean mapped)
      throws IOException {
    try {
      return switch (op) {
        case UpdateMany u -> {
          try (WhisperFile f = WhisperFile.open(file, options)) {
            assertEquals(mapped ? 1 : 0, ProcSelf.mappingsOf(file), "mapped or not as asked");
            f.updateMany(u.points(), u.now());
          }
          yield "ok";
        }
        case Update u -> {
          try (WhisperFile f = WhisperFile.open(file, options)) {
            f.update(u.value(), u.timestamp(), u.now());
          }
          yield "ok";
        }
        case ChangeAggregation a -> {
          // Whisper.setAggregation picks its own access; both files go through it alike.
          Aggregation old = SetAggregation.set(file, new SetAggregation.Request(
              Optional.ofNullable(a.method()), Optional.ofNullable(a.xFilesFactor()), true)).before();
          yield old.method() + " " + old.xFilesFactor();
        }
        case Fetch fetch -> {
          try (WhisperFile f = WhisperFile.open(file, new Options(false, false, options.access()))) {
            yield f.fetch(fetch.from(), fetch.until(), fetch.now(), fetch.secondsPerPoint())
                .map(StorageTest::bitwise).orElse("None");
          }
        }
      };
    } catch (IllegalArgumentException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }

  // The per-archive API the tools build on: raw slots, direct slot writes, archive fetches,
  // archive updates and explicit propagation.
  private static String applyLowLevel(Random random, Path file, Options options)
      throws IOException {
    StringBuilder out = new StringBuilder();
    try (WhisperFile f = WhisperFile.open(file, options)) {
      int index = random.nextInt(f.header().archives().size());
      ArchiveInfo a = f.header().archive(index);
      Slots slots = f.readSlots(index);
      out.append(Arrays.toString(slots.timestamps())).append(bitwise(slots.values()));
      long base = slots.base() != 0
          ? slots.base()
          : 1_500_000_000L / a.secondsPerPoint() * a.secondsPerPoint();
      long interval =
          base + a.secondsPerPoint() * (random.nextInt((int) a.points() * 3) - a.points());
      try {
        lowLevelCall(f, random, index, interval, out);
      } catch (IllegalArgumentException e) { // near 2106 an interval may not fit 32 bits
        out.append(e.getMessage());
      }
    }
    return out.toString();
  }

  private static void lowLevelCall(
      WhisperFile f, Random random, int index, long interval, StringBuilder out)
      throws IOException {
    ArchiveInfo a = f.header().archive(index);
    switch (random.nextInt(4)) {
      case 0 -> f.writeSlot(index, interval, random.nextGaussian());
      case 1 -> {
        List<Point> run = new ArrayList<>();
        for (int i = 0; i < 1 + random.nextInt((int) a.points() + 2); i++) {
          run.add(new Point(interval + i * a.secondsPerPoint(), random.nextInt(100)));
        }
        f.updateArchive(index, run);
      }
      case 2 -> {
        if (index + 1 < f.header().archives().size()) {
          out.append(f.propagate(interval, index, index + 1));
        }
      }
      default -> out.append(bitwise(f.fetchArchive(index, interval - a.retention(), interval)));
    }
  }

  private static String bitwise(TimeSeries series) {
    StringBuilder s = new StringBuilder(series.start() + ":" + series.end() + ":" + series.step());
    for (Double v : series.values()) {
      s.append(' ').append(v == null ? "None" : Oracle.hex(v));
    }
    return s.toString();
  }

  private static String bitwise(double[] values) {
    StringBuilder s = new StringBuilder();
    for (double v : values) {
      s.append(' ').append(Oracle.hex(v));
    }
    return s.toString();
  }

  private static long slot0(byte[] file, ArchiveInfo archive) {
    return Integer.toUnsignedLong(ByteBuffer.wrap(file).getInt((int) archive.offset()));
  }

  @Test
  void aFileTruncatedUnderneathItsMappingIsAnIoErrorNotACrash() throws IOException {
    Path file = dir.toRealPath().resolve("truncated.wsp");
    Whisper.create(file, List.of(new Retention(60, 1440)));
    try (WhisperFile f = WhisperFile.openForUpdate(file)) {
      assertEquals(1, ProcSelf.mappingsOf(file), "the file is mapped");
      try (FileChannel other = FileChannel.open(file, StandardOpenOption.WRITE)) {
        other.truncate(0); // another process, say; the mapping now faults (SIGBUS)
      }
      IOException read = assertThrows(IOException.class, () -> f.readSlots(0));
      assertTrue(read.getMessage().contains("truncated while mapped"), read.getMessage());
      IOException write = assertThrows(IOException.class,
          () -> f.updateMany(List.of(new Point(1_700_000_000L - 30, 4.0)), 1_700_000_000L));
      assertTrue(write.getMessage().contains("truncated while mapped"), write.getMessage());
    }
  }

  @Test
  void closingUnmapsAtOnceOverTenThousandOpens() throws IOException {
    Path folder = Files.createDirectory(dir.toRealPath().resolve("many"));
    Path first = folder.resolve("0.wsp");
    Whisper.create(first, List.of(new Retention(60, 10), new Retention(300, 12)));
    try (WhisperFile f = WhisperFile.openForUpdate(first)) {
      f.updateMany(List.of(new Point(1_700_000_000L - 30, 4.0)), 1_700_000_000L);
    }
    List<Path> files = new ArrayList<>(List.of(first));
    // 10,000 opens over 1,000 files: a leak is per open, and copies and cleanup stay cheap.
    for (int i = 1; i < 1_000; i++) {
      files.add(Files.copy(first, folder.resolve(i + ".wsp")));
    }
    try (WhisperFile f = WhisperFile.open(first)) {
      assertEquals(first, f.path());
      assertEquals(1, ProcSelf.mappingsOf(first), "an open file is mapped");
    }
    long mappingsBefore = ProcSelf.mappings();
    long descriptorsBefore = openDescriptors();
    for (int i = 0; i < 10_000; i++) {
      Path p = files.get(i % files.size());
      try (WhisperFile f = i % 10 == 0 ? WhisperFile.openForUpdate(p) : WhisperFile.open(p)) {
        assertEquals(4.0, f.readSlots(0).values()[0]);
      }
    }
    long mappingsAfter = ProcSelf.mappings();
    long leftOpen = Files.readAllLines(Path.of("/proc/self/maps")).stream()
        .filter(line -> line.contains(folder.toString())).count();
    assertEquals(0, leftOpen, "mappings of closed files remain");
    // Unrelated JVM mappings (heap, code cache, threads) may come and go; a leak adds 10,000.
    assertTrue(mappingsAfter <= mappingsBefore + 50,
        "mappings grew from " + mappingsBefore + " to " + mappingsAfter);
    assertTrue(openDescriptors() <= descriptorsBefore + 5, "descriptors leaked");
  }

  private static long openDescriptors() throws IOException {
    try (var fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.count();
    }
  }
}
