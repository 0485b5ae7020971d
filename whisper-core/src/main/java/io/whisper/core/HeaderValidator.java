package io.whisper.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks a header's layout against the file it came from: everything whisper.py does not check
 * and then trips over (rows 6 to 20 of docs/format.md section 2.4).
 *
 * <p>Checks run from the most basic to the most derived, and a layout check runs only once the
 * values it divides by or adds up are known to be sane, so the first finding is the cause and
 * not a symptom.
 */
public final class HeaderValidator {

  private HeaderValidator() {}

  /** Returns the first problem that makes the file corrupt, if any. */
  public static Optional<Finding> firstCorruption(Header header, long fileSize) {
    for (Finding finding : check(header, fileSize)) { // a loop, not a stream: runs per file open
      if (finding.severity() == Severity.CORRUPT) {
        return Optional.of(finding);
      }
    }
    return Optional.empty();
  }

  /**
   * Returns every problem of a leniently decoded header, corrupt ones and warnings, in the order
   * checked; an empty list means a healthy header.
   */
  public static List<Finding> check(Header header, long fileSize) {
    List<Finding> findings = new ArrayList<>();
    if (Float.floatToRawIntBits(header.xFilesFactor()) == Float.floatToRawIntBits(-0.0f)) {
      findings.add(finding(Problem.NEGATIVE_ZERO_XFILESFACTOR, "xFilesFactor is -0.0"));
    }
    List<ArchiveInfo> archives = header.archives();
    if (archives.isEmpty()) {
      findings.add(finding(Problem.NO_ARCHIVES, "header lists no archives"));
      return findings;
    }
    // Layout needs no division, so it runs on any values; only its order in the list varies.
    List<Finding> layout = new ArrayList<>();
    checkLayout(header, fileSize, layout);
    // Descriptors running into the data (a count too large) explain everything after them.
    if (!layout.isEmpty() && layout.getFirst().problem() == Problem.DATA_OVERLAPS_HEADER) {
      findings.add(layout.removeFirst());
    }
    boolean sane = checkArchiveValues(archives, findings);
    // Precision before layout: swapped descriptors are an ordering fault, not a gap.
    if (sane) {
      checkPrecisions(archives, findings);
    }
    findings.addAll(layout);
    if (!sane) {
      return findings;
    }
    long longest = Long.MIN_VALUE;
    for (int i = 0; i < archives.size(); i++) { // no stream or iterator: runs for every file
      longest = Math.max(longest, archives.get(i).retention());
    }
    if (header.maxRetention() != longest) {
      findings.add(finding(Problem.MAX_RETENTION_MISMATCH,
          "maxRetention is %d but the longest archive keeps %d seconds",
          header.maxRetention(), longest));
    }
    return findings;
  }

  // Rows 13, 14 and 20: values every later check divides by or multiplies.
  private static boolean checkArchiveValues(List<ArchiveInfo> archives, List<Finding> findings) {
    int before = findings.size();
    for (int i = 0; i < archives.size(); i++) {
      ArchiveInfo archive = archives.get(i);
      if (archive.points() == 0) {
        findings.add(finding(Problem.ZERO_POINTS, "archive %d has 0 points", i));
      } else if (archive.secondsPerPoint() == 0) {
        findings.add(finding(Problem.ZERO_SECONDS_PER_POINT,
            "archive %d has 0 seconds per point", i));
      } else if (archive.retention() > Unsigned.MAX_U32) {
        findings.add(finding(Problem.RETENTION_OVERFLOW,
            "archive %d keeps %d x %d seconds, more than 2^32-1",
            i, archive.secondsPerPoint(), archive.points()));
      }
    }
    return findings.size() == before;
  }

  // Rows 9 to 12: where the archives lie, against each other and the file's size.
  private static void checkLayout(Header header, long fileSize, List<Finding> findings) {
    List<ArchiveInfo> archives = header.archives();
    long expected = header.headerSize();
    boolean contiguous = true;
    for (int i = 0; i < archives.size(); i++) {
      ArchiveInfo archive = archives.get(i);
      if (archive.offset() < expected) {
        contiguous = false;
        findings.add(i == 0
            ? finding(Problem.DATA_OVERLAPS_HEADER,
                "archive 0 starts at byte %d, inside the %d-byte header", archive.offset(), expected)
            : finding(Problem.ARCHIVES_OVERLAP,
                "archive %d starts at byte %d, inside archive %d which ends at byte %d",
                i, archive.offset(), i - 1, expected));
      } else if (archive.offset() > expected) {
        contiguous = false;
        findings.add(i == 0
            ? finding(Problem.GAP_AFTER_HEADER,
                "archive 0 starts at byte %d, not right after the %d-byte header",
                archive.offset(), expected)
            : finding(Problem.GAP_BETWEEN_ARCHIVES,
                "archive %d starts at byte %d, leaving a gap after archive %d which ends at byte %d",
                i, archive.offset(), i - 1, expected));
      }
      expected = archive.end();
    }
    for (int i = 0; i < archives.size(); i++) {
      ArchiveInfo archive = archives.get(i);
      if (archive.end() > fileSize) {
        findings.add(contiguous
            ? finding(Problem.FILE_TRUNCATED,
                "file has %d bytes but its archives need %d", fileSize, header.fileSize())
            : finding(Problem.ARCHIVE_PAST_EOF,
                "archive %d spans bytes %d to %d but the file has %d bytes",
                i, archive.offset(), archive.end(), fileSize));
        break;
      }
    }
    if (fileSize > header.fileSize()) {
      findings.add(finding(Problem.TRAILING_BYTES,
          "file has %d bytes, %d more than its archives need",
          fileSize, fileSize - header.fileSize()));
    }
  }

  // Rows 15 to 18: the rules whisper.py's validateArchiveList enforces at create time.
  private static void checkPrecisions(List<ArchiveInfo> archives, List<Finding> findings) {
    for (int i = 0; i + 1 < archives.size(); i++) {
      ArchiveInfo higher = archives.get(i);
      ArchiveInfo lower = archives.get(i + 1);
      if (lower.secondsPerPoint() <= higher.secondsPerPoint()) {
        findings.add(finding(Problem.PRECISION_NOT_INCREASING,
            "archive %d has %d seconds per point, not more than archive %d's %d",
            i + 1, lower.secondsPerPoint(), i, higher.secondsPerPoint()));
      } else if (lower.secondsPerPoint() % higher.secondsPerPoint() != 0) {
        findings.add(finding(Problem.PRECISION_NOT_DIVIDING,
            "archive %d's %d seconds per point is not a multiple of archive %d's %d",
            i + 1, lower.secondsPerPoint(), i, higher.secondsPerPoint()));
      } else if (lower.retention() <= higher.retention()) {
        findings.add(finding(Problem.RETENTION_NOT_GROWING,
            "archive %d keeps %d seconds, not more than archive %d's %d",
            i + 1, lower.retention(), i, higher.retention()));
      } else if (higher.points() < lower.secondsPerPoint() / higher.secondsPerPoint()) {
        findings.add(finding(Problem.TOO_FEW_POINTS_TO_CONSOLIDATE,
            "archive %d has %d points, fewer than the %d that make one point of archive %d",
            i, higher.points(), lower.secondsPerPoint() / higher.secondsPerPoint(), i + 1));
      }
    }
  }

  private static Finding finding(Problem problem, String pattern, Object... args) {
    return new Finding(problem, String.format(Locale.ROOT, pattern, args));
  }
}
