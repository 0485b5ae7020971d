package io.whisper.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import io.whisper.core.WhisperFile.Access;
import io.whisper.core.WhisperFile.Options;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Feeds thousands of random and mutated files to the decoders and to {@link WhisperFile}: each
 * must give a usable header or a {@link CorruptWhisperFileException}, never another exception
 * and never a hang. Fixed seed; replay a failure with {@code -Dwhisper.fuzz.seed=S}, or run
 * longer with {@code -Dwhisper.fuzz.cases=N}.
 */
class HeaderFuzzTest {
  private static final long SEED = Long.getLong("whisper.fuzz.seed", 0x5EED_2026L);
  private static final int CASES = Integer.getInteger("whisper.fuzz.cases", 4000);
  private static final long NOW = 1_700_000_000L;
  private static final int[] INTERESTING_U32 = {0, 1, 2, 3, 5, 7, 8, 9, 12, 16, 28, 40, 59, 60,
      300, 3600, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF, 0xFFFF_FFFE, 0x0001_0000, 1_700_000_000};
  private static final float[] INTERESTING_XFF = {Float.NaN, -0.0f, 0f, 0.3f, 1f, 1.0000001f,
      -Float.MIN_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0.5f};

  @Test
  void decodersAndReads_onFuzzedFiles_giveAHeaderOrCorruptWhisperFile() throws IOException {
    System.out.printf("HeaderFuzzTest: seed %d, %d cases (replay: -Dwhisper.fuzz.seed=%d)%n",
        SEED, CASES, SEED);
    List<byte[]> seeds = seedFiles();
    int[] strictlyAccepted = {0};
    assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
      try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix())) {
        Path path = fs.getPath("/fuzz.wsp");
        for (int i = 0; i < CASES; i++) {
          Random random = new Random(SEED + i);
          byte[] bytes = generate(random, seeds);
          Files.write(path, bytes);
          try {
            if (checkDecoders(path, bytes)) {
              strictlyAccepted[0]++;
            }
            checkReadsAndWrites(path, random);
          } catch (Throwable t) {
            throw new AssertionError(String.format(
                "case %d, %d bytes starting %s (replay: -Dwhisper.fuzz.seed=%d"
                    + " -Dwhisper.fuzz.cases=1)", i, bytes.length,
                Bytes.hex(Arrays.copyOf(bytes, Math.min(bytes.length, 64))), SEED + i), t);
          }
        }
      }
    });
    System.out.printf("HeaderFuzzTest: %d of %d cases passed the strict decoder%n",
        strictlyAccepted[0], CASES);
    // Enough cases must get past the header for the read and write paths to be exercised.
    assertTrue(strictlyAccepted[0] > CASES / 10, strictlyAccepted[0] + " accepted");
    assertTrue(strictlyAccepted[0] < CASES * 9 / 10, strictlyAccepted[0] + " accepted");
  }

  /** Returns true if the strict decoder accepted the file. */
  private static boolean checkDecoders(Path path, byte[] bytes) throws IOException {
    try (FileChannel channel = FileChannel.open(path)) {
      try {
        Header header = HeaderCodec.readLenient(channel, path);
        long count = Integer.toUnsignedLong(ByteBuffer.wrap(bytes).getInt(12));
        assertEquals(count, header.archives().size());
        assertTrue(header.headerSize() <= bytes.length);
        assertArrayEquals(Arrays.copyOf(bytes, (int) header.headerSize()),
            HeaderCodec.encode(header));
        HeaderValidator.check(header, bytes.length); // must not throw on any values
      } catch (CorruptWhisperFileException e) {
        assertTrue(e.refusedByPython(), "lenient refusal where whisper.py accepts");
        assertTrue(e.pythonMessage().endsWith(" (" + path + ")"));
      }
      try {
        Header header = HeaderCodec.read(channel, path);
        assertEquals(Optional.empty(), HeaderValidator.firstCorruption(header, bytes.length));
        assertTrue(header.fileSize() <= bytes.length);
        return true;
      } catch (CorruptWhisperFileException e) {
        assertTrue(e.getMessage().endsWith(" (" + path + ")"));
        return false;
      }
    }
  }

  /** Opens, fetches and writes: only corrupt-file or argument errors are allowed. */
  private static void checkReadsAndWrites(Path path, Random random) throws IOException {
    long now = random.nextBoolean() ? NOW : random.nextLong(1L << 32);
    try (WhisperFile file =
        WhisperFile.open(path, Options.UPDATE_UNLOCKED.withAccess(Access.CHANNEL))) {
      List<ArchiveInfo> archives = file.header().archives();
      file.fetch(now - 600, now, now);
      file.fetch(0, now, now);
      for (int i = 0; i < archives.size(); i++) {
        ArchiveInfo archive = archives.get(i);
        file.fetch(now - archive.retention(), now, now,
            OptionalLong.of(archive.secondsPerPoint()));
        file.fetchArchive(i, now - 2 * archive.retention(), now);
        file.readSlots(i);
      }
      List<Point> points = new ArrayList<>();
      for (int k = random.nextInt(20); k > 0; k--) {
        points.add(new Point(now - random.nextLong(file.header().maxRetention() + 120) + 60,
            random.nextGaussian()));
      }
      file.updateMany(points, now);
      try {
        file.update(1.0, now - random.nextLong(600), now);
      } catch (TimestampNotCoveredException expected) {
        // a legal outcome for a timestamp outside the retention
      }
    } catch (CorruptWhisperFileException | IllegalArgumentException expected) {
      // the only failures a damaged file may cause
    }
  }

  private static byte[] generate(Random random, List<byte[]> seeds) {
    byte[] base = seeds.get(random.nextInt(seeds.size()));
    return switch (random.nextInt(8)) {
      case 0 -> randomBytes(random, random.nextInt(random.nextInt(4096) + 1));
      case 1 -> flipBits(random, base.clone(), 1 + random.nextInt(8));
      case 2 -> Arrays.copyOf(base, random.nextInt(base.length + 1));
      case 3 -> mutateField(random, base.clone());
      case 4 -> hugeCount(random, base.clone());
      case 5 -> resize(random, mutateField(random, base.clone()));
      case 6 -> mutateField(random, synthesize(random));
      default -> scribbleOnData(random, random.nextBoolean() ? base.clone() : synthesize(random));
    };
  }

  private static byte[] randomBytes(Random random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  private static byte[] flipBits(Random random, byte[] bytes, int flips) {
    int span = Math.min(bytes.length, 16 + 12 * 4 + 64);
    for (int i = 0; i < flips && span > 0; i++) {
      bytes[random.nextInt(span)] ^= (byte) (1 << random.nextInt(8));
    }
    return bytes;
  }

  // Sets one u32 header field (metadata or an archive descriptor) to an edge value.
  private static byte[] mutateField(Random random, byte[] bytes) {
    int count = bytes.length < 16 ? 0 : Math.min(ByteBuffer.wrap(bytes).getInt(12) & 0xFF, 8);
    int fields = 4 + 3 * count;
    int field = random.nextInt(fields);
    int at = 4 * field;
    if (at + 4 > bytes.length) {
      return bytes;
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    int value = switch (random.nextInt(4)) {
      case 0 -> INTERESTING_U32[random.nextInt(INTERESTING_U32.length)];
      case 1 -> buffer.getInt(at) + random.nextInt(25) - 12;
      case 2 -> field == 2 ? Float.floatToRawIntBits(INTERESTING_XFF[random.nextInt(
          INTERESTING_XFF.length)]) : buffer.getInt(at) * 2;
      default -> random.nextInt();
    };
    buffer.putInt(at, value);
    return bytes;
  }

  private static byte[] hugeCount(Random random, byte[] bytes) {
    if (bytes.length >= 16) {
      int[] counts = {0xFFFF_FFFF, 0x1555_5555, 1000, 64, 65, 0x8000_0000, random.nextInt()};
      ByteBuffer.wrap(bytes).putInt(12, counts[random.nextInt(counts.length)]);
    }
    return bytes;
  }

  private static byte[] resize(Random random, byte[] bytes) {
    int length = Math.max(0, bytes.length + random.nextInt(1024) - 512);
    byte[] resized = Arrays.copyOf(bytes, length);
    for (int i = bytes.length; i < length; i++) {
      resized[i] = (byte) random.nextInt();
    }
    return resized;
  }

  // A well-formed file with a random schema, so later mutations reach the deeper checks.
  private static byte[] synthesize(Random random) {
    int count = 1 + random.nextInt(4);
    long[] spp = new long[count];
    long[] points = new long[count];
    spp[0] = 1 + random.nextInt(120);
    points[0] = 2 + random.nextInt(40);
    for (int i = 1; i < count; i++) {
      long factor = 2 + random.nextInt(5);
      spp[i] = spp[i - 1] * factor;
      points[i] = Math.max(points[i - 1] / factor + 1 + random.nextInt(20), 2);
    }
    int headerSize = 16 + 12 * count;
    long total = Arrays.stream(points).sum();
    ByteBuffer out = ByteBuffer.allocate((int) (headerSize + 12 * total));
    out.putInt(1 + random.nextInt(8)).putInt((int) (spp[count - 1] * points[count - 1]))
        .putFloat(random.nextFloat()).putInt(count);
    long offset = headerSize;
    for (int i = 0; i < count; i++) {
      out.putInt((int) offset).putInt((int) spp[i]).putInt((int) points[i]);
      offset += 12 * points[i];
    }
    return out.array();
  }

  // Writes random, aligned, unaligned and zero timestamps and odd values into the data area.
  private static byte[] scribbleOnData(Random random, byte[] bytes) {
    if (bytes.length < 16 + 12 + 12) {
      return bytes;
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    int dataStart = 16 + 12 * Math.min(buffer.getInt(12) & 0xFF, 8);
    int slots = (bytes.length - dataStart) / 12;
    for (int k = random.nextInt(30); k > 0 && slots > 0; k--) {
      int at = dataStart + 12 * random.nextInt(slots);
      long ts = switch (random.nextInt(4)) {
        case 0 -> 0;
        case 1 -> NOW - random.nextInt(100_000) / 60 * 60;
        case 2 -> NOW - random.nextInt(100_000);
        default -> random.nextInt();
      };
      double[] values = {Double.NaN, -0.0, Double.MAX_VALUE, random.nextGaussian(),
          Double.longBitsToDouble(random.nextLong())};
      buffer.putInt(at, (int) ts).putDouble(at + 4, values[random.nextInt(values.length)]);
    }
    return bytes;
  }

  private static List<byte[]> seedFiles() throws IOException {
    List<byte[]> seeds = new ArrayList<>();
    for (String dir : List.of("good", "warn")) {
      try (Stream<Path> files = Files.list(GoldenFileTest.TESTDATA.resolve(dir))) {
        for (Path file : files.filter(p -> p.toString().endsWith(".wsp")).sorted().toList()) {
          seeds.add(Files.readAllBytes(file));
        }
      }
    }
    return seeds;
  }
}
