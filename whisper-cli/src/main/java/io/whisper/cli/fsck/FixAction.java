package io.whisper.cli.fsck;

import java.nio.file.Path;

/** What {@code --fix} or {@code --dry-run} did, or would do, with one corrupt file. */
public sealed interface FixAction {

  /** Returns the action in a few plain words, for the text output. */
  String describe();

  /** Returns the action's name in JSON output. */
  String id();

  /** The file was moved out of the way; {@code how} says whether it crossed file systems. */
  record Moved(Path to, CorruptFileMover.How how) implements FixAction {
    @Override
    public String describe() {
      return how == CorruptFileMover.How.RENAMED
          ? "moved to " + to
          : "copied to " + to + " on another file system, then removed";
    }

    @Override
    public String id() {
      return "moved";
    }
  }

  /** A dry run: the file would be moved there. */
  record WouldMove(Path to) implements FixAction {
    @Override
    public String describe() {
      return "would move to " + to;
    }

    @Override
    public String id() {
      return "would-move";
    }
  }

  /** The file was not touched, for a reason that is not an error (too young, locked). */
  record LeftAlone(String reason) implements FixAction {
    @Override
    public String describe() {
      return "left alone: " + reason;
    }

    @Override
    public String id() {
      return "left-alone";
    }
  }

  /** Moving failed; the file is where it was (nothing is deleted before it is safe). */
  record Failed(String reason) implements FixAction {
    @Override
    public String describe() {
      return "not moved: " + reason;
    }

    @Override
    public String id() {
      return "failed";
    }
  }
}
