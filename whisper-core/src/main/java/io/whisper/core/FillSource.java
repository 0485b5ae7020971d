package io.whisper.core;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * The values a fill may take from its source file at one {@code now}: for a destination
 * interval, the highest-precision source archive that covers it decides. Each run of gaps
 * reads just the source slots it needs, a chunk at a time when it is long; most runs are the
 * source's own one-slot holes, which the destination inherited, so a run costs no object.
 */
final class FillSource {
  private final WhisperFile source;
  private final long now;
  private final ChunkBuffers buffers;
  private final SourceSlots[] archives;

  /** Reads {@code source} at {@code now} through {@code buffers} 1, 2, and so on. */
  FillSource(WhisperFile source, long now, ChunkBuffers buffers) {
    this.source = source;
    this.now = now;
    this.buffers = buffers;
    this.archives = new SourceSlots[source.header().archives().size()];
  }

  /**
   * Puts into {@code values} (and {@code present}) the value for each destination interval
   * {@code first, first + step, ..., last}: copied from a source archive of the same step,
   * aggregated with {@code method} and {@code xff} (as whisper.py propagates) from a finer
   * one, and absent when the covering archive has no value or is coarser (a coarse value is
   * never spread over finer slots).
   */
  void valuesFor(long first, long last, long step, AggregationMethod method, double xff,
      double[] values, boolean[] present) throws IOException {
    int k = 0;
    while (k <= (last - first) / step) {
      long from = first + k * step;
      int archive = coveringArchive(from, step);
      // The run of intervals this same archive covers (a coarser one may cover the older end).
      long to = runEnd(from, last, step, archive);
      int count = (int) ((to - from) / step) + 1;
      if (archive < 0) {
        Arrays.fill(present, k, k + count, false);
      } else {
        SourceSlots slots = read(archive, from, to + step);
        for (int i = 0; i < count; i++) {
          present[k + i] = slots.value(from + i * step, step, method, xff, values, k + i);
        }
      }
      k += count;
    }
  }

  // The finest archive whose window holds `interval` and whose step tiles `step`, or -1 if
  // the finest that holds it is coarser than `step`.
  private int coveringArchive(long interval, long step) {
    List<ArchiveInfo> archives = source.header().archives();
    for (int j = 0; j < finerCount(step); j++) {
      if (tiles(archives.get(j), step) && interval >= oldestInterval(archives.get(j))) {
        return j;
      }
    }
    return -1;
  }

  // The last interval from `from` (covered by `archive`, -1 for none) up to `last` that the same
  // archive covers: coveringArchive(t) == archive for every interval t of the run. Going newer,
  // the answer changes only where a finer archive's window begins (the archive's own window
  // holds everything newer than `from`), so the run ends before the nearest such beginning.
  private long runEnd(long from, long last, long step, int archive) {
    List<ArchiveInfo> archives = source.header().archives();
    long limit = Long.MAX_VALUE;
    int finer = archive < 0 ? finerCount(step) : archive;
    for (int j = 0; j < finer; j++) {
      if (tiles(archives.get(j), step)) {
        limit = Math.min(limit, oldestInterval(archives.get(j)));
      }
    }
    long end = limit == Long.MAX_VALUE ? last : Math.min(last, limit - 1);
    return from + (end - from) / step * step;
  }

  // How many archives, from the finest, are no coarser than `step`: the only ones that may
  // serve it (archives are ordered by precision).
  private int finerCount(long step) {
    List<ArchiveInfo> archives = source.header().archives();
    int j = 0;
    while (j < archives.size() && archives.get(j).secondsPerPoint() <= step) {
      j++;
    }
    return j;
  }

  // Whether the archive's points tile a destination step (its step divides it).
  private static boolean tiles(ArchiveInfo archive, long step) {
    return step % archive.secondsPerPoint() == 0;
  }

  // The oldest interval whisper.py's fetch would return from this archive: the first after
  // now - retention.
  private long oldestInterval(ArchiveInfo archive) {
    long edge = now - archive.retention();
    return edge - Math.floorMod(edge, archive.secondsPerPoint()) + archive.secondsPerPoint();
  }

  // The source slots of [from, until) in `archive`, loaded. A reader per archive, made on
  // first use: its base is read once.
  private SourceSlots read(int archive, long from, long until) throws IOException {
    if (archives[archive] == null) {
      archives[archive] = new SourceSlots(source.slotReader(archive, buffers.get(1 + archive)),
          source.header().archive(archive).secondsPerPoint());
    }
    SourceSlots slots = archives[archive];
    slots.ring().load(slots.ring().indexOf(from), (int) ((until - from) / slots.step()));
    return slots;
  }

  /** The slots of one source archive, by interval. */
  private record SourceSlots(SlotReader ring, long step) {
    // Copies (equal steps) or aggregates (finer source) into values[at]; false if absent.
    boolean value(long interval, long step, AggregationMethod method, double xff,
        double[] values, int at) throws IOException {
      long sourceStep = this.step;
      if (sourceStep == step) {
        if (!ring.holds(interval)) {
          return false;
        }
        values[at] = ring.value(ring.indexOf(interval));
        return true;
      }
      int count = (int) (step / sourceStep);
      double[] neighbours = new double[count];
      boolean[] known = new boolean[count];
      int knownCount = 0;
      for (int k = 0; k < count; k++) {
        long t = interval + k * sourceStep;
        if (ring.holds(t)) {
          neighbours[k] = ring.value(ring.indexOf(t));
          known[k] = true;
          knownCount++;
        }
      }
      // The same rule as whisper.py's __propagate: some value known, and enough of them.
      if (knownCount == 0 || (double) knownCount / (double) count < xff) {
        return false;
      }
      values[at] = method.aggregate(neighbours, known, count);
      return true;
    }
  }
}
