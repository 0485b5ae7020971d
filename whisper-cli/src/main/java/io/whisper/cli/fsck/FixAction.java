package io.whisper.cli.fsck;

import java.nio.file.Path;

/** What {@code --fix} or {@code --dry-run} did, or would do, with one corrupt file. */
public sealed interface FixAction {

  /** The file was moved out of the way; {@code how} says whether it crossed file systems. */
  record Moved(Path to, CorruptFileMover.How how) implements FixAction {}

  /** A dry run: the file would be moved there. */
  record WouldMove(Path to) implements FixAction {}

  /** The file was not touched, for a reason that is not an error (too young, locked). */
  record LeftAlone(String reason) implements FixAction {}

  /** Moving failed; the file is where it was (nothing is deleted before it is safe). */
  record Failed(String reason) implements FixAction {}

  /** Returns the action in a few plain words, for the text output. */
  default String describe() {
    return switch (this) {
      case Moved m when m.how() == CorruptFileMover.How.RENAMED -> "moved to " + m.to();
      case Moved m -> "copied to " + m.to() + " on another file system, then removed";
      case WouldMove w -> "would move to " + w.to();
      case LeftAlone l -> "left alone: " + l.reason();
      case Failed f -> "not moved: " + f.reason();
    };
  }

  /** Returns the action's name in JSON output. */
  default String id() {
    return switch (this) {
      case Moved m -> "moved";
      case WouldMove w -> "would-move";
      case LeftAlone l -> "left-alone";
      case Failed f -> "failed";
    };
  }
}
