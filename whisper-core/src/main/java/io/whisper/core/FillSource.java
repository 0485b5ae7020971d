package io.whisper.core;

import java.io.IOException;
import java.util.OptionalDouble;

/**
 * The values a fill may take from its source file at one {@code now}: for a destination
 * interval, the highest-precision source archive that covers it decides. Each source archive
 * is read at most once, on first use.
 */
final class FillSource {
  private final WhisperFile source;
  private final long now;
  private final Slots[] slots;

  FillSource(WhisperFile source, long now) {
    this.source = source;
    this.now = now;
    this.slots = new Slots[source.header().archives().size()];
  }

  /**
   * Returns the value for the destination interval {@code [interval, interval + step)}: copied
   * from a source archive of the same step, aggregated with {@code method} and {@code xff} (as
   * whisper.py propagates) from a finer one, and empty when the covering archive has no value
   * or is coarser (a coarse value is never spread over finer slots).
   */
  OptionalDouble valueFor(long interval, long step, AggregationMethod method, double xff)
      throws IOException {
    var archives = source.header().archives();
    for (int j = 0; j < archives.size(); j++) {
      ArchiveInfo archive = archives.get(j);
      long sourceStep = archive.secondsPerPoint();
      if (sourceStep > step) {
        return OptionalDouble.empty(); // archives are ordered by precision: all coarser now
      }
      if (step % sourceStep != 0 || interval < oldestInterval(archive)) {
        continue; // cannot tile the interval, or it has left this archive's window
      }
      Slots ring = slots(j);
      return sourceStep == step ? copy(ring, interval) : aggregate(ring, interval, step, method, xff);
    }
    return OptionalDouble.empty();
  }

  // The oldest interval whisper.py's fetch would return from this archive: the first after
  // now - retention.
  private long oldestInterval(ArchiveInfo archive) {
    long edge = now - archive.retention();
    return edge - Math.floorMod(edge, archive.secondsPerPoint()) + archive.secondsPerPoint();
  }

  private Slots slots(int index) throws IOException {
    if (slots[index] == null) {
      slots[index] = source.readSlots(index);
    }
    return slots[index];
  }

  private static OptionalDouble copy(Slots ring, long interval) {
    if (ring.base() == 0) {
      return OptionalDouble.empty();
    }
    int at = ring.indexOf(interval);
    return ring.timestamps()[at] == interval
        ? OptionalDouble.of(ring.values()[at])
        : OptionalDouble.empty();
  }

  private static OptionalDouble aggregate(
      Slots ring, long interval, long step, AggregationMethod method, double xff) {
    if (ring.base() == 0) {
      return OptionalDouble.empty();
    }
    long sourceStep = ring.archive().secondsPerPoint();
    int count = (int) (step / sourceStep);
    double[] values = new double[count];
    boolean[] known = new boolean[count];
    int knownCount = 0;
    for (int k = 0; k < count; k++) {
      long expected = interval + k * sourceStep;
      int at = ring.indexOf(expected);
      if (ring.timestamps()[at] == expected) {
        values[k] = ring.values()[at];
        known[k] = true;
        knownCount++;
      }
    }
    // The same rule as whisper.py's __propagate: some value known, and enough of them.
    if (knownCount == 0 || (double) knownCount / (double) count < xff) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(method.aggregate(values, known, count));
  }
}
