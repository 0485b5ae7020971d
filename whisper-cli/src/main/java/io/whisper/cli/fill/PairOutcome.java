package io.whisper.cli.fill;

import io.whisper.core.Fill;
import java.nio.file.Path;
import java.util.List;

/** What happened to one file of a fill: the cases a report counts. */
public sealed interface PairOutcome {

  /** The destination file the outcome is about. */
  Path path();

  /** The pair was filled as {@code result} says (no slot filled: nothing was missing). */
  record Filled(Path path, Fill.Result result) implements PairOutcome {
    /** The slots filled per destination archive. */
    public List<Long> slots() {
      return result.slotsFilled();
    }

    /** The slots filled over all archives. */
    public long total() {
      return result.total();
    }
  }

  /** The destination was missing and a copy of the source was made. */
  record Copied(Path path) implements PairOutcome {}

  /** The destination was missing and was left so. */
  record Skipped(Path path) implements PairOutcome {}

  /** The pair could not be filled; neither file was changed. */
  record Failed(Path path, String reason) implements PairOutcome {}
}
