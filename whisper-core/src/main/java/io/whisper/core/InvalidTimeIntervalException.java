package io.whisper.core;

/** Thrown by {@link WhisperFile#fetch} when the range starts after it ends. */
public class InvalidTimeIntervalException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with whisper.py's message. */
  public InvalidTimeIntervalException(long fromTime, long untilTime) {
    super("Invalid time interval: from time '" + fromTime + "' is after until time '"
        + untilTime + "'");
  }
}
