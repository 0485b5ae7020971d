package io.whisper.core;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The result of a fetch: values for {@code start, start+step, ..., end-step}, null where a
 * slot holds no point (Python's None).
 *
 * <p>NOTE: as in whisper.py, when a finer archive is forced for a range longer than its
 * retention the list is shorter than {@code (end - start) / step}; it is never padded.
 */
public record TimeSeries(long start, long end, long step, List<Double> values) {

  public TimeSeries {
    values = Collections.unmodifiableList(Arrays.asList(values.toArray(Double[]::new)));
  }

  /** Returns the timestamp of the value at {@code index}. */
  public long timestampAt(int index) {
    return start + index * step;
  }
}
