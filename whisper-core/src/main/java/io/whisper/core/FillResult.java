package io.whisper.core;

import java.util.List;

/**
 * What {@link Fill#fill} filled.
 *
 * @param slotsFilled the gap slots filled (or, in a dry run, that would be) per destination
 *     archive, in header order; propagated lower-archive values are not counted
 */
public record FillResult(List<Long> slotsFilled) {

  public FillResult {
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
