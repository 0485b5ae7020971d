package io.whisper.cli.dropin;

import io.whisper.cli.py.PyTime;

/**
 * How whisper-dump and whisper-fetch print a timestamp: the number, or with {@code --pretty}
 * {@code time.ctime(t)}, or {@code strftime(FORMAT)} when {@code -t FORMAT} is also given.
 */
public record TimeLabels(boolean pretty, String format) {

  /** Returns the label for {@code epochSecond}. */
  public String label(long epochSecond) {
    if (!pretty) {
      return Long.toString(epochSecond);
    }
    // `if options.time_format:` in the scripts: an empty format means ctime too.
    return format == null || format.isEmpty()
        ? PyTime.ctime(epochSecond)
        : PyTime.strftime(format, epochSecond);
  }
}
