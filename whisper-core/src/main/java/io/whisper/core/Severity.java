package io.whisper.core;

/** How bad a {@link Problem} is. */
public enum Severity {
  /** The file cannot be used safely: readers fail or writers corrupt it further. */
  CORRUPT,
  /** Unusual but harmless to readers and writers. */
  WARNING
}
