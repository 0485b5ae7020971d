package io.whisper.core;

/** Thrown by {@link WhisperFile#update} for a timestamp in the future or past the retention. */
public class TimestampNotCoveredException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with whisper.py's message. */
  public TimestampNotCoveredException() {
    super("Timestamp not covered by any archives in this database.");
  }
}
