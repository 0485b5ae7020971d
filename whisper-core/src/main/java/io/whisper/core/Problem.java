package io.whisper.core;

/**
 * The kinds of damage a whisper file can have, each tied to its row in the checks table of the
 * format notes (docs/format.md section 2.4).
 */
public enum Problem {
  EMPTY_FILE(1, Severity.CORRUPT),
  HEADER_TRUNCATED(2, Severity.CORRUPT),
  ALL_ZERO(3, Severity.CORRUPT),
  UNKNOWN_AGGREGATION(4, Severity.CORRUPT),
  INVALID_XFILESFACTOR(5, Severity.CORRUPT),
  NEGATIVE_ZERO_XFILESFACTOR(6, Severity.WARNING),
  NO_ARCHIVES(7, Severity.CORRUPT),
  TOO_MANY_ARCHIVES(8, Severity.CORRUPT),
  FILE_TRUNCATED(9, Severity.CORRUPT),
  TRAILING_BYTES(9, Severity.WARNING),
  DATA_OVERLAPS_HEADER(10, Severity.CORRUPT),
  GAP_AFTER_HEADER(10, Severity.CORRUPT),
  ARCHIVES_OVERLAP(11, Severity.CORRUPT),
  GAP_BETWEEN_ARCHIVES(11, Severity.WARNING),
  ARCHIVE_PAST_EOF(12, Severity.CORRUPT),
  ZERO_POINTS(13, Severity.CORRUPT),
  ZERO_SECONDS_PER_POINT(14, Severity.CORRUPT),
  PRECISION_NOT_INCREASING(15, Severity.CORRUPT),
  PRECISION_NOT_DIVIDING(16, Severity.CORRUPT),
  RETENTION_NOT_GROWING(17, Severity.CORRUPT),
  TOO_FEW_POINTS_TO_CONSOLIDATE(18, Severity.CORRUPT),
  MAX_RETENTION_MISMATCH(19, Severity.CORRUPT),
  RETENTION_OVERFLOW(20, Severity.CORRUPT),
  UNALIGNED_TIMESTAMP(21, Severity.CORRUPT),
  MISPLACED_SLOT(22, Severity.CORRUPT),
  DATA_BEHIND_EMPTY_SLOT0(23, Severity.CORRUPT),
  FUTURE_POINTS(25, Severity.WARNING),
  LOWER_ARCHIVE_UNALIGNED(29, Severity.CORRUPT);

  private final int specRow;
  private final Severity severity;

  Problem(int specRow, Severity severity) {
    this.specRow = specRow;
    this.severity = severity;
  }

  /** Returns the row of docs/format.md section 2.4 this problem answers. */
  public int specRow() {
    return specRow;
  }

  /** Returns whether the problem makes the file corrupt or is only a warning. */
  public Severity severity() {
    return severity;
  }

  /** Returns the kebab-case name used in output, such as {@code file-truncated}. */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
