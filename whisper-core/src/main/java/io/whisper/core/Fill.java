package io.whisper.core;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

/**
 * Fills the gaps of one whisper file from another, the way whisper-fill should
 * (docs/format.md 6.1, "What a correct Java fill should do"):
 *
 * <ul>
 *   <li>The destination's archives are walked from highest precision down, each over the window
 *       whisper-fill gives it: {@code (now - retention_i, now - retention_(i-1)]}, archive 0 up
 *       to {@code now}, optionally narrowed by the request's from/until.
 *   <li>A gap is a slot whose timestamp does not match its interval. 0.0 and NaN are data; a
 *       slot that holds data is never written, a one-slot gap is filled.
 *   <li>A gap's value comes from the highest-precision source archive that covers it (see
 *       {@link FillSource}); it is written into that very slot, never routed by age.
 *   <li>Each lower-archive interval that holds a filled slot is propagated once, with
 *       whisper.py's rules; the chain goes on only from the intervals that were rewritten.
 * </ul>
 *
 * <p>Everything is computed before anything is written: the writes are staged in memory and
 * then applied in an order that lets a rerun at the same {@code now} finish an interrupted
 * fill (killed, or out of disk space) to exactly the bytes of an uninterrupted one (see {@link
 * StagedWrites}). A dry run computes the same and applies nothing.
 *
 * <p>The caller holds the destination's lock for the whole call; the source is only read.
 */
public final class Fill {
  // Each thread's buffers: 0 for the scan of the destination's archives, one after the other,
  // then one per source archive.
  private static final ThreadLocal<ChunkBuffers> BUFFERS =
      ThreadLocal.withInitial(ChunkBuffers::new);

  private Fill() {}

  /**
   * What {@link Fill#fill} should do.
   *
   * @param now the one "now" of the whole fill: every archive window is computed from it
   * @param from fill only intervals after this time (exclusive), if given
   * @param until fill only intervals up to this time (inclusive), if given
   * @param dryRun count what would be filled, write nothing
   */
  public record Request(long now, OptionalLong from, OptionalLong until, boolean dryRun) {

    public Request {
      if (from.isPresent() && until.isPresent() && from.getAsLong() > until.getAsLong()) {
        throw new IllegalArgumentException(
            "from " + from.getAsLong() + " is after until " + until.getAsLong());
      }
    }

    /** Fills every archive's whole window at {@code now}, writing. */
    public static Request at(long now) {
      return new Request(now, OptionalLong.empty(), OptionalLong.empty(), false);
    }

    /** Returns this request with {@code dryRun} set as given. */
    public Request withDryRun(boolean dryRun) {
      return new Request(now, from, until, dryRun);
    }
  }

  /**
   * What {@link Fill#fill} filled.
   *
   * @param slotsFilled the gap slots filled (or, in a dry run, that would be) per destination
   *     archive, in header order; propagated lower-archive values are not counted
   */
  public record Result(List<Long> slotsFilled) {

    public Result {
      slotsFilled = List.copyOf(slotsFilled);
    }

    /** Returns the slots filled over all archives. */
    public long total() {
      long total = 0;
      for (long n : slotsFilled) {
        total += n;
      }
      return total;
    }
  }

  /**
   * Fills dst's gaps from src; dst must be open for update (the caller holds its lock), src open
   * for reading. In a dry run dst may be read-only: nothing is written.
   */
  public static Result fill(WhisperFile source, WhisperFile destination, Request request)
      throws IOException {
    StagedWrites staged = destination.stage();
    try {
      Result result = stage(source, destination, request, staged);
      if (!request.dryRun()) {
        destination.apply(staged);
      }
      return result;
    } catch (InternalError fault) {
      // A page of a mapping could not be had (see MappedStorage.fault), reported late by the
      // JVM. Until apply, nothing was written; from then on, the order of the writes lets a
      // rerun finish.
      throw MappedStorage.fault(destination.path(), destination.header().fileSize(), fault);
    }
  }

  /** Computes the fill into {@code staged}, writing nothing: {@link #fill} without the apply. */
  static Result stage(WhisperFile source, WhisperFile destination, Request request,
      StagedWrites staged) throws IOException {
    Header header = destination.header();
    FillSource values = new FillSource(source, request.now(), BUFFERS.get());
    ArchiveIo io = new ArchiveIo(staged, header);
    List<Long> filled = new ArrayList<>();
    long upper = request.now();
    for (int i = 0; i < header.archives().size(); i++) {
      ArchiveInfo archive = header.archive(i);
      long lower = request.now() - archive.retention();
      long from = Math.max(lower, request.from().orElse(Long.MIN_VALUE));
      long until = Math.min(upper, request.until().orElse(Long.MAX_VALUE));
      filled.add(lower < upper && from < until
          ? fillArchive(io, staged, header, i, from, until, values)
          : 0L);
      upper = Math.min(upper, lower);
    }
    return new Result(filled);
  }

  // Fills the gaps of archive `index` among the intervals whisper.py's fetch(from, until) would
  // return, then propagates what changed.
  private static long fillArchive(ArchiveIo io, Storage staged, Header header, int index,
      long from, long until, FillSource values) throws IOException {
    ArchiveInfo archive = header.archive(index);
    long step = archive.secondsPerPoint();
    long first = from - Math.floorMod(from, step) + step;
    long last = until - Math.floorMod(until, step);
    SlotReader slots = new SlotReader(staged, archive, BUFFERS.get().get(0));
    Gaps gaps = new Gaps();
    long[] written = new long[16];
    int count = 0;
    // Consecutive intervals sit in consecutive slots: walk the ring instead of dividing.
    int slot = slots.base() == 0 ? 0 : slots.indexOf(first);
    long interval = first;
    while (interval <= last) {
      // Data, whatever its value, is never overwritten: skip it, then take the gap after it.
      int held = slots.run(slot, interval, step, intervalsUpTo(interval, last, step), true);
      interval += held * step;
      slot = slots.advance(slot, held);
      if (interval > last) {
        break;
      }
      long runStart = interval;
      int missing = slots.run(slot, interval, step, intervalsUpTo(interval, last, step), false);
      interval += missing * step;
      slot = slots.advance(slot, missing);
      int run = gaps.fetch(values, runStart, interval - step, step, header);
      for (int k = 0; k < run; k++) {
        if (!gaps.present[k]) {
          continue;
        }
        long gap = runStart + k * step;
        if (!Unsigned.isU32(gap)) {
          throw new IllegalArgumentException("interval " + gap + " does not fit in 32 bits");
        }
        io.writePoint(archive, gap, gaps.values[k]);
        if (count == written.length) {
          written = Arrays.copyOf(written, count * 2);
        }
        written[count++] = gap;
      }
    }
    propagate(io, header, index, written, count);
    return count;
  }

  // The intervals from `interval` to `last`, both included.
  private static int intervalsUpTo(long interval, long last, long step) {
    return (int) ((last - interval) / step) + 1;
  }

  // The source values of one run of gaps; the arrays grow to the longest run and are reused.
  private static final class Gaps {
    double[] values = new double[16];
    boolean[] present = new boolean[16];

    int fetch(FillSource source, long first, long last, long step, Header header)
        throws IOException {
      int run = (int) ((last - first) / step) + 1;
      if (run > values.length) {
        values = new double[run];
        present = new boolean[run];
      }
      source.valuesFor(first, last, step, header.aggregationMethod(),
          header.xFilesFactorAsDouble(), values, present);
      return run;
    }
  }

  // Recomputes, archive by archive, each lower interval holding a rewritten higher interval,
  // once, oldest first. `intervals` is ascending, so equal lower intervals are adjacent.
  private static void propagate(
      ArchiveIo io, Header header, int index, long[] intervals, int count) throws IOException {
    List<ArchiveInfo> archives = header.archives();
    int higher = index;
    long[] touched = intervals;
    int touchedCount = count;
    for (int lower = index + 1; lower < archives.size() && touchedCount > 0; lower++) {
      long lowerStep = archives.get(lower).secondsPerPoint();
      long[] rewritten = new long[touchedCount];
      int rewrittenCount = 0;
      long previous = Long.MIN_VALUE;
      for (int k = 0; k < touchedCount; k++) {
        long interval = touched[k] - Math.floorMod(touched[k], lowerStep);
        if (interval == previous) {
          continue;
        }
        previous = interval;
        if (io.propagate(interval, archives.get(higher), archives.get(lower))) {
          rewritten[rewrittenCount++] = interval;
        }
      }
      touched = rewritten;
      touchedCount = rewrittenCount;
      higher = lower;
    }
  }
}
