// A tree of whisper files for bench/backup-bench.sh, written directly in the format (fast:
// 20,000 files of 226 KB in a minute), and a day of carbon-like writes into it.
//
//   java bench/BackupBenchTree.java create DIR FILES SEED NOW
//   java bench/BackupBenchTree.java day DIR SEED FROM UNTIL
//
// Schema 1m:1d,5m:30d,1h:1y (226,132 bytes). Each metric has an age (2 days to 400 days:
// older archives are partly empty for young metrics) and a kind: a gauge (a random walk in
// steps of 0.25), a counter (integers rising), or a mostly constant value. `day` writes, for
// every file, every minute of (FROM, UNTIL] into archive 0, every 5 minutes into archive 1
// and every hour into archive 2, in place at the slots whisper.py would use: what carbon
// leaves after a day of writes.
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.stream.Stream;

public class BackupBenchTree {
  static final int[][] ARCHIVES = {{60, 1440}, {300, 8640}, {3600, 8760}};
  static final int HEADER = 16 + 12 * ARCHIVES.length;

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[1]);
    if (args[0].equals("create")) {
      int files = Integer.parseInt(args[2]);
      Random random = new Random(Long.parseLong(args[3]));
      long now = Long.parseLong(args[4]);
      for (int i = 0; i < files; i++) {
        Path file = dir.resolve(String.format("carbon/host%03d/app%d/metric%05d.wsp",
            i % 200, (i / 200) % 5, i));
        Files.createDirectories(file.getParent());
        create(file, random, now);
      }
    } else {
      Random random = new Random(Long.parseLong(args[2]));
      long from = Long.parseLong(args[3]);
      long until = Long.parseLong(args[4]);
      try (Stream<Path> walk = Files.walk(dir)) {
        for (Path file : walk.filter(p -> p.toString().endsWith(".wsp")).sorted().toList()) {
          day(file, random, from, until);
        }
      }
    }
  }

  // The value at time t of a metric (kind, seed): deterministic, so day() continues it.
  static double value(int kind, long seed, long t, Random random) {
    return switch (kind) {
      case 0 -> Math.round((Math.sin(t / 3600.0 + seed) * 40 + random.nextGaussian() * 3) * 4)
          / 4.0;
      case 1 -> (double) ((t - 1_600_000_000L) / 60 * (seed % 7 + 1) + random.nextInt(3));
      default -> random.nextInt(50) == 0 ? 1.0 : 0.0;
    };
  }

  static void create(Path file, Random random, long now) throws IOException {
    int kind = random.nextInt(3);
    long seed = random.nextInt(1000);
    long age = 2 * 86400L + (long) (random.nextDouble() * 398 * 86400L);
    ByteBuffer bytes = ByteBuffer.allocate(HEADER + 12 * (1440 + 8640 + 8760));
    bytes.putInt(1).putInt(365 * 86400).putFloat(0.5f).putInt(ARCHIVES.length);
    int offset = HEADER;
    for (int[] a : ARCHIVES) {
      bytes.putInt(offset).putInt(a[0]).putInt(a[1]);
      offset += 12 * a[1];
    }
    offset = HEADER;
    for (int[] a : ARCHIVES) {
      int step = a[0];
      int points = a[1];
      long last = now - now % step;
      long first = Math.max(last - (long) step * (points - 1), now - age - (now - age) % step);
      for (long t = first; t <= last; t += step) {
        // The first point written sits in slot 0 (whisper.py's base), the rest follow it.
        int slot = (int) Math.floorMod((t - first) / step, (long) points);
        bytes.putInt(offset + 12 * slot, (int) t);
        bytes.putDouble(offset + 12 * slot + 4, value(kind, seed, t, random));
      }
      offset += 12 * points;
    }
    // The kind and seed, for day(): in the unused high bits of nothing; recomputed from name.
    Files.write(file, bytes.array());
  }

  static void day(Path file, Random random, long from, long until) throws IOException {
    String name = file.getFileName().toString();
    long seed = Long.parseLong(name.replaceAll("\\D", "")) % 1000;
    int kind = (int) (seed % 3);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ,
        StandardOpenOption.WRITE)) {
      int offset = HEADER;
      for (int[] a : ARCHIVES) {
        int step = a[0];
        int points = a[1];
        ByteBuffer base = ByteBuffer.allocate(4);
        channel.read(base, offset);
        long first = Integer.toUnsignedLong(base.getInt(0));
        long start = from - from % step + step;
        if (first == 0) {
          first = start;
        }
        ByteBuffer point = ByteBuffer.allocate(12);
        for (long t = start; t <= until; t += step) {
          int slot = (int) Math.floorMod((t - first) / step, (long) points);
          point.clear();
          point.putInt((int) t).putDouble(value(kind, seed, t, random)).flip();
          channel.write(point, offset + 12L * slot);
        }
        offset += 12 * points;
      }
    }
  }
}
