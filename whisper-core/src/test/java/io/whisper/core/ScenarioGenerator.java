package io.whisper.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.function.IntToLongFunction;

/**
 * Random but replayable differential scenarios: a valid schema and a sequence of writes and
 * reads aimed at whisper.py's edges (retention boundaries, duplicates, gaps, future points,
 * wrapping rings, special values). Everything comes from one seed.
 */
final class ScenarioGenerator {

  /** What {@code create} gets; {@code given} is the order the schema is passed in. */
  record Schema(
      List<Retention> given, AggregationMethod method, double xFilesFactor,
      Allocation allocation) {}

  /** One step of a scenario. */
  sealed interface Op permits UpdateMany, Update, Fetch, ChangeAggregation {}

  /** {@code update_many(points, now)}. */
  record UpdateMany(List<Point> points, long now) implements Op {}

  /** {@code update(value, timestamp, now)}. */
  record Update(double value, long timestamp, long now) implements Op {}

  /**
   * {@code setAggregationMethod(method, xff)}, or {@code setXFilesFactor(xff)} when the method
   * is null; a null xff keeps the file's.
   */
  record ChangeAggregation(AggregationMethod method, Double xFilesFactor) implements Op {}

  /** {@code fetch(from, until, now, archiveToSelect)}; an empty spp means automatic. */
  record Fetch(long from, long until, long now, OptionalLong secondsPerPoint) implements Op {}

  private static final long MAX_U32 = 0xffff_ffffL;
  private static final long[] FIRST_STEPS = {1, 1, 1, 2, 3, 5, 10, 60};
  private static final long[] RATIOS = {2, 3, 4, 5, 6, 10, 12};
  private static final double[] XFFS = {0, 1, 0.3, 0.1, 0.7, 0.5};
  private static final double[] SPECIAL_VALUES = {
    Double.NaN,
    Double.longBitsToDouble(0xfff8000000000000L), // negative quiet NaN, as inf + -inf gives
    Double.longBitsToDouble(0x7ff8000000000abcL), // quiet NaN with a payload
    Double.longBitsToDouble(0x7ff0000000000001L), // signalling NaN
    Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0,
    Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, -Double.MIN_VALUE, 1e-310, 1e300,
    -1e300, 1e16, -1e16, 1.0, 0.1
  };

  private final Random random;
  private final Schema schema;
  private final Header header;
  private final int operations;
  private long now;
  private int trimmedBatches;

  ScenarioGenerator(long seed) {
    this.random = new Random(seed);
    this.schema = randomSchema();
    this.header = Whisper.header(schema.given(), schema.xFilesFactor(), schema.method());
    this.operations = 5 + random.nextInt(21);
    this.now = 1_000_000_000L + random.nextLong(900_000_000L);
    if (random.nextInt(25) == 0) {
      // Near 2106, where future points and later clocks no longer fit the file's 32 bits.
      now = MAX_U32 - random.nextLong(2 * header.maxRetention() + 1);
    }
    if (random.nextBoolean()) {
      // Aligned clocks put "now" exactly on interval boundaries of every archive.
      now -= Math.floorMod(now, header.archives().getLast().secondsPerPoint());
      now += pick(0L, 0L, 1L, header.archive(0).secondsPerPoint() - 1);
    }
  }

  Schema schema() {
    return schema;
  }

  Header header() {
    return header;
  }

  /** Returns how many operations (after create) the scenario has. */
  int operations() {
    return operations;
  }

  /** Returns how many update_many batches had future points removed (see {@link #nextOp}). */
  int trimmedBatches() {
    return trimmedBatches;
  }

  /**
   * Returns the next operation, after moving the clock.
   *
   * @param base the current slot-0 timestamp of each archive (0 = empty), needed to keep
   *     update_many batches clear of the one documented deviation
   */
  Op nextOp(IntToLongFunction base) {
    advanceClock();
    int kind = random.nextInt(100);
    if (kind < 58) {
      return new UpdateMany(withoutArchiveOverflow(randomBatch(), base), now);
    }
    if (kind < 85) {
      return new Update(randomValue(), now - updateAge(), now);
    }
    if (kind < 88) {
      AggregationMethod method = random.nextInt(3) == 0 ? null
          : AggregationMethod.values()[random.nextInt(AggregationMethod.values().length)];
      Double xff = method != null && random.nextBoolean() ? null : randomXFilesFactor();
      return new ChangeAggregation(method, xff);
    }
    return randomFetch();
  }

  /** Returns the reads that end a scenario: random ranges, forced archives and edges. */
  List<Fetch> finalFetches() {
    List<Fetch> fetches = new ArrayList<>();
    int n = 8 + random.nextInt(8);
    for (int i = 0; i < n; i++) {
      fetches.add(randomFetch());
    }
    long max = header.maxRetention();
    fetches.add(new Fetch(now - max, now, now, OptionalLong.empty()));
    fetches.add(new Fetch(now, now, now, OptionalLong.empty()));
    fetches.add(new Fetch(now + 1, now + 10, now, OptionalLong.empty()));
    fetches.add(new Fetch(now - 3 * max, now - max - 1, now, OptionalLong.empty()));
    fetches.add(new Fetch(now - 5, now - 10, now, OptionalLong.empty()));
    ArchiveInfo last = header.archives().getLast();
    fetches.add(new Fetch(now - max, now, now, OptionalLong.of(last.secondsPerPoint() + 1)));
    for (ArchiveInfo a : header.archives()) {
      fetches.add(new Fetch(now - a.retention(), now, now, OptionalLong.empty()));
      fetches.add(new Fetch(now - a.retention() - 1, now, now, OptionalLong.empty()));
      fetches.add(new Fetch(now - max, now, now, OptionalLong.of(a.secondsPerPoint())));
    }
    return fetches;
  }

  // -- schema ------------------------------------------------------------------------------

  private Schema randomSchema() {
    int wanted = 1 + random.nextInt(4);
    List<Retention> archives = new ArrayList<>();
    long step = FIRST_STEPS[random.nextInt(FIRST_STEPS.length)];
    long points = 2 + random.nextInt(30);
    archives.add(new Retention(step, points));
    while (archives.size() < wanted) {
      List<Long> ratios = new ArrayList<>();
      for (long r : RATIOS) {
        if (r <= points) {
          ratios.add(r);
        }
      }
      if (ratios.isEmpty()) {
        break;
      }
      long ratio = ratios.get(random.nextInt(ratios.size()));
      long minPoints = points / ratio + 1; // the lower archive must cover more time
      long nextStep = step * ratio;
      // Sometimes exactly as many points as the next ratio: propagation then reads the whole ring.
      long nextPoints = Math.max(minPoints, random.nextInt(8) == 0 ? 2 : 2 + random.nextInt(30));
      step = nextStep;
      points = nextPoints;
      archives.add(new Retention(step, points));
    }
    if (random.nextInt(4) == 0) {
      Collections.shuffle(archives, random); // create sorts; the header must not care
    }
    AggregationMethod method =
        AggregationMethod.values()[random.nextInt(AggregationMethod.values().length)];
    double xff = randomXFilesFactor();
    Allocation allocation = Allocation.values()[random.nextInt(Allocation.values().length)];
    return new Schema(List.copyOf(archives), method, xff, allocation);
  }

  private double randomXFilesFactor() {
    return random.nextInt(3) == 0 ? random.nextDouble() : XFFS[random.nextInt(XFFS.length)];
  }

  // -- clock -------------------------------------------------------------------------------

  private void advanceClock() {
    ArchiveInfo a = randomArchive();
    int kind = random.nextInt(100);
    if (kind < 25) {
      return; // several writes within one second
    } else if (kind < 55) {
      now += 1 + random.nextLong(2 * header.archive(0).secondsPerPoint());
    } else if (kind < 75) {
      now += a.secondsPerPoint() * (1 + random.nextInt(4));
    } else if (kind < 90) {
      now += a.retention() + random.nextLong(-a.secondsPerPoint(), a.secondsPerPoint() + 1);
    } else if (kind < 95) {
      now += header.maxRetention() + random.nextLong(header.maxRetention() + 1);
    } else {
      now -= 1 + random.nextLong(2 * a.secondsPerPoint()); // a clock that stepped back
    }
  }

  // -- update_many batches -----------------------------------------------------------------

  private List<Point> randomBatch() {
    int kind = random.nextInt(100);
    List<Point> points = new ArrayList<>();
    if (kind < 4) {
      return points; // empty: whisper.py returns before opening the file
    } else if (kind < 16) {
      points.add(new Point(now - batchAge(), randomValue()));
    } else {
      int parts = 1 + random.nextInt(2);
      for (int i = 0; i < parts; i++) {
        switch (random.nextInt(4)) {
          case 0, 1 -> addRun(points);
          case 2 -> addScattered(points);
          default -> addEdges(points);
        }
      }
      if (random.nextInt(3) == 0) {
        addDuplicates(points);
      }
      if (random.nextInt(3) == 0) {
        Collections.shuffle(points, random);
      }
    }
    return points;
  }

  // A contiguous run, optionally jittered within each interval and with holes.
  private void addRun(List<Point> points) {
    ArchiveInfo a = randomArchive();
    long step = random.nextBoolean() ? a.secondsPerPoint() : header.archive(0).secondsPerPoint();
    long length = 1 + random.nextLong(a.points() + 2);
    long future = random.nextInt(5) == 0 ? random.nextLong(step * length + 1) : 0;
    long newestAge = -future + random.nextLong(a.retention() + 1);
    long start = now - newestAge - (length - 1) * step;
    boolean jitter = random.nextBoolean();
    boolean holes = random.nextInt(4) == 0;
    for (long k = 0; k < length; k++) {
      if (holes && random.nextInt(4) == 0) {
        continue;
      }
      long t = start + k * step + (jitter ? random.nextLong(step) : 0);
      points.add(new Point(t, randomValue()));
    }
  }

  private void addScattered(List<Point> points) {
    long max = header.maxRetention();
    long future = header.archive(0).retention() / 2 + 1;
    int n = 2 + random.nextInt(40);
    for (int i = 0; i < n; i++) {
      long age = random.nextInt(6) == 0
          ? -random.nextLong(future)
          : random.nextLong(max + 2 * header.archives().getLast().secondsPerPoint() + 1);
      points.add(new Point(now - age, randomValue()));
    }
    if (random.nextInt(8) == 0) {
      // Bogus client timestamps: far too old, so dropped, and they must not cost the batch.
      points.add(new Point(pick(0, -1, -now, -random.nextLong(MAX_U32)), randomValue()));
    }
  }

  // Ages exactly at, just inside and just outside each archive's retention, and around now.
  private void addEdges(List<Point> points) {
    List<Long> ages = new ArrayList<>(List.of(0L, -1L, 1L));
    for (ArchiveInfo a : header.archives()) {
      long r = a.retention();
      ages.addAll(List.of(r, r - 1, r + 1, r - a.secondsPerPoint(), r + a.secondsPerPoint()));
    }
    int n = 1 + random.nextInt(6);
    for (int i = 0; i < n; i++) {
      points.add(new Point(now - ages.get(random.nextInt(ages.size())), randomValue()));
    }
  }

  // The same raw timestamp with other values, and other raw timestamps in the same interval.
  private void addDuplicates(List<Point> points) {
    if (points.isEmpty()) {
      return;
    }
    int n = 1 + random.nextInt(5);
    for (int i = 0; i < n; i++) {
      Point p = points.get(random.nextInt(points.size()));
      long step = randomArchive().secondsPerPoint();
      long t = random.nextBoolean()
          ? p.timestamp()
          : p.timestamp() - Math.floorMod(p.timestamp(), step) + random.nextLong(step);
      points.add(random.nextInt(points.size() + 1), new Point(t, randomValue()));
    }
  }

  private long batchAge() {
    return random.nextInt(8) == 0
        ? -random.nextLong(header.archive(0).retention() + 1)
        : random.nextLong(header.maxRetention() + header.archive(0).secondsPerPoint() + 1);
  }

  // -- the one documented deviation ---------------------------------------------------------

  /**
   * Removes future points, newest first, until whisper.py would write no run past the end of
   * its archive.
   *
   * <p>whisper.py writes a run of points that wraps the ring as two writes: the head up to the
   * archive's end and the tail from the archive's start. If the tail is longer than the archive
   * itself (a run of more points than slots, which needs future points: without them a group
   * spans at most points + 1 intervals), the tail runs into the next archive and past the end of
   * the file. Our implementation deliberately wraps every run modulo its ring instead (spec
   * 4.6c, fsck check 29 detects the damage), so such batches cannot be compared byte for byte and
   * are not generated. Runs that wrap without overflowing (up to 2 * points - slot) stay in.
   */
  private List<Point> withoutArchiveOverflow(List<Point> batch, IntToLongFunction base) {
    List<Point> points = new ArrayList<>(batch);
    boolean trimmed = false;
    while (overflowsAnArchive(points, base)) {
      Point newest = points.stream().max(Comparator.comparingLong(Point::timestamp)).orElseThrow();
      if (newest.timestamp() <= now) {
        throw new IllegalStateException("a run overflows its archive without future points");
      }
      points.remove(newest);
      trimmed = true;
    }
    if (trimmed) {
      trimmedBatches++;
    }
    return points;
  }

  // whisper.py's update_many grouping, then __archive_update_many's runs, checked for overflow.
  private boolean overflowsAnArchive(List<Point> batch, IntToLongFunction base) {
    List<Point> newestFirst = new ArrayList<>(batch);
    newestFirst.sort(Comparator.comparingLong(Point::timestamp).reversed());
    List<ArchiveInfo> archives = header.archives();
    int current = 0;
    boolean firstGroup = true;
    List<Point> group = new ArrayList<>();
    for (Point p : newestFirst) {
      long age = now - p.timestamp();
      while (current < archives.size() && archives.get(current).retention() < age) {
        if (!group.isEmpty()) {
          if (groupOverflows(group, current, base, firstGroup)) {
            return true;
          }
          firstGroup = false;
          group.clear();
        }
        current++;
      }
      if (current == archives.size()) {
        break;
      }
      group.add(p);
    }
    return current < archives.size() && !group.isEmpty()
        && groupOverflows(group, current, base, firstGroup);
  }

  private boolean groupOverflows(
      List<Point> newestFirst, int index, IntToLongFunction base, boolean firstGroup) {
    ArchiveInfo archive = header.archive(index);
    long step = archive.secondsPerPoint();
    List<Point> chronological = newestFirst.reversed();
    // Runs of contiguous intervals after keeping the last point of each equal interval.
    List<long[]> runs = new ArrayList<>(); // {start, length}
    long previous = 0;
    long length = 0;
    for (int i = 0; i < chronological.size(); i++) {
      long interval = aligned(chronological.get(i).timestamp(), step);
      if (i + 1 < chronological.size()
          && interval == aligned(chronological.get(i + 1).timestamp(), step)) {
        continue;
      }
      if (previous != 0 && interval != previous + step) {
        runs.add(new long[] {previous - step * (length - 1), length});
        length = 0;
      }
      length++;
      previous = interval;
    }
    runs.add(new long[] {previous - step * (length - 1), length});
    long size = archive.byteSize();
    long slot0 = base.applyAsLong(index);
    if (slot0 == 0 && !firstGroup) {
      // An earlier group's propagation may have given this archive its base during this very
      // call; assume the worst slot.
      for (long[] run : runs) {
        if ((size - Point.BYTES) + run[1] * Point.BYTES > 2 * size) {
          return true;
        }
      }
      return false;
    }
    long b = slot0 == 0 ? runs.getFirst()[0] : slot0;
    for (long[] run : runs) {
      long offset = Math.floorMod(Math.floorDiv(run[0] - b, step) * Point.BYTES, size);
      if (offset + run[1] * Point.BYTES > 2 * size) {
        return true;
      }
    }
    return false;
  }

  private static long aligned(long t, long step) {
    return t - Math.floorMod(t, step);
  }

  // -- update and fetch --------------------------------------------------------------------

  private long updateAge() {
    long max = header.maxRetention();
    int kind = random.nextInt(100);
    if (kind < 70) {
      return random.nextLong(max);
    }
    List<Long> edges = new ArrayList<>(List.of(0L, max - 1, max, max + 1, -1L,
        -1 - random.nextLong(header.archive(0).retention() + 1), max + random.nextLong(max + 1)));
    for (ArchiveInfo a : header.archives()) {
      edges.add(a.retention());
      edges.add(a.retention() + 1);
    }
    return edges.get(random.nextInt(edges.size()));
  }

  private Fetch randomFetch() {
    long max = header.maxRetention();
    long fetchNow = random.nextInt(5) == 0 ? now + random.nextLong(-max, max + 1) : now;
    long from;
    long until;
    int kind = random.nextInt(100);
    if (kind < 55) {
      from = fetchNow - random.nextLong(-2 * header.archive(0).secondsPerPoint(), max * 3 / 2 + 2);
      until = from + random.nextLong(max * 6 / 5 + 2);
    } else if (kind < 65) {
      from = fetchNow - random.nextLong(max + 1);
      until = from; // zero-length: one point, possibly in the future
    } else if (kind < 75) {
      ArchiveInfo a = randomArchive();
      from = fetchNow - a.retention() + pick(-1L, 0L, 1L);
      until = fetchNow + pick(-1L, 0L, 1L, a.secondsPerPoint());
    } else if (kind < 82) {
      until = fetchNow - random.nextLong(max + 1);
      from = until + 1 + random.nextLong(max + 1); // from > until: InvalidTimeInterval
    } else if (kind < 88) {
      from = fetchNow + 1 + random.nextLong(max + 1); // wholly in the future: None
      until = from + random.nextLong(max + 1);
    } else if (kind < 94) {
      until = fetchNow - max - 1 - random.nextLong(max + 1); // wholly too old: None
      from = until - random.nextLong(max + 1);
    } else {
      from = fetchNow - max - random.nextLong(max + 1);
      until = fetchNow + random.nextLong(max + 1);
    }
    OptionalLong spp = OptionalLong.empty();
    int select = random.nextInt(100);
    if (select < 25) {
      spp = OptionalLong.of(randomArchive().secondsPerPoint());
    } else if (select < 30) {
      long s = 2 + random.nextLong(header.archives().getLast().secondsPerPoint() * 2);
      spp = OptionalLong.of(s); // may or may not exist: "Invalid granularity" when not
    }
    return new Fetch(from, until, fetchNow, spp);
  }

  // -- values ------------------------------------------------------------------------------

  private double randomValue() {
    int kind = random.nextInt(100);
    if (kind < 40) {
      return random.nextInt(201) - 100;
    } else if (kind < 70) {
      return random.nextGaussian() * 1000;
    } else if (kind < 92) {
      return SPECIAL_VALUES[random.nextInt(SPECIAL_VALUES.length)];
    } else {
      return Double.longBitsToDouble(random.nextLong()); // any bit pattern, NaNs included
    }
  }

  private ArchiveInfo randomArchive() {
    return header.archive(random.nextInt(header.archives().size()));
  }

  private long pick(long... choices) {
    return choices[random.nextInt(choices.length)];
  }
}
