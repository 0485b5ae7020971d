package io.whisper.cli.fill;

import java.nio.file.Path;
import java.util.List;

/** What happened to one file of a fill: the cases a report counts. */
public sealed interface PairOutcome {

  /** The destination file the outcome is about. */
  Path path();

  /** The pair was filled; {@code slots} per destination archive (all 0: nothing was missing). */
  record Filled(Path path, List<Long> slots) implements PairOutcome {
    public long total() {
      return slots.stream().mapToLong(Long::longValue).sum();
    }
  }

  /** The destination was missing and a copy of the source was made. */
  record Copied(Path path) implements PairOutcome {}

  /** The destination was missing and was left so. */
  record Skipped(Path path) implements PairOutcome {}

  /** The pair could not be filled; neither file was changed. */
  record Failed(Path path, String reason) implements PairOutcome {}
}
