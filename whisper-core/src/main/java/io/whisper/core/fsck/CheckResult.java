package io.whisper.core.fsck;

import io.whisper.core.Finding;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@link FileCheck} found in one file. The cases are exclusive: a file is healthy, healthy
 * with warnings, corrupt, a go-whisper compressed file (another format, not checked), or could
 * not be read at all.
 */
public sealed interface CheckResult {

  /** Returns the file checked. */
  Path path();

  /** Returns the file's size in bytes, or 0 if it could not be read. */
  long size();

  /** Every check passed. */
  record Healthy(Path path, long size) implements CheckResult {}

  /**
   * Only harmless oddities were found.
   *
   * @param findings the warnings, in the order checked, never empty
   */
  record Warnings(Path path, long size, List<Finding> findings) implements CheckResult {
    public Warnings {
      findings = List.copyOf(findings);
    }
  }

  /**
   * The file is corrupt.
   *
   * @param findings every problem found: the corrupt ones first (the first is the cause the
   *     others most likely follow from), then any warnings
   */
  record Corrupt(Path path, long size, List<Finding> findings) implements CheckResult {
    public Corrupt {
      findings = List.copyOf(findings);
    }

    /** Returns the problem reported first: the most basic corruption found. */
    public Finding cause() {
      return findings.getFirst();
    }
  }

  /**
   * A go-whisper compressed file ("cwhisper"): a different format, recognised by its magic,
   * which whisper.py cannot read and this check does not judge.
   *
   * @param version the format version byte that follows the magic
   */
  record Compressed(Path path, long size, int version) implements CheckResult {}

  /**
   * The file could not be opened or read: an operational error, not a verdict on its content.
   *
   * @param reason the I/O error in plain words
   */
  record Unreadable(Path path, String reason) implements CheckResult {
    @Override
    public long size() {
      return 0;
    }
  }
}
