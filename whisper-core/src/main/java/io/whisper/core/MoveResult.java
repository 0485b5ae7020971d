package io.whisper.core;

import java.nio.file.Path;

/** What {@link Move#move} did with one source, or would do on a dry run. */
public sealed interface MoveResult {

  /** Returns the file that was to move. */
  Path source();

  /** Returns where it was to go. */
  Path destination();

  /** Returns the action's name ("renamed", "copied", "merged"), or null for a failure. */
  String action();

  /** Returns true if nothing was changed because this was a dry run. */
  boolean dryRun();

  /** Same file system: the file was renamed (hard link, then unlink). */
  record Renamed(Path source, Path destination, boolean dryRun) implements MoveResult {
    @Override
    public String action() {
      return "renamed";
    }
  }

  /**
   * Another file system: the file was copied, published, checked and the source removed.
   *
   * @param slotsCarried slots written to the source during the copy and carried over
   */
  record Copied(Path source, Path destination, boolean dryRun, long slotsCarried)
      implements MoveResult {
    @Override
    public String action() {
      return "copied";
    }
  }

  /**
   * The destination existed: it was filled from the source, which was then removed.
   *
   * @param slotsFilled slots the fill wrote, late writes carried over included
   */
  record Merged(Path source, Path destination, boolean dryRun, long slotsFilled)
      implements MoveResult {
    @Override
    public String action() {
      return "merged";
    }
  }

  /** Refused or failed; the source is still in place (and the destination unharmed). */
  record Failed(Path source, Path destination, String reason) implements MoveResult {
    @Override
    public String action() {
      return null;
    }

    @Override
    public boolean dryRun() {
      return false;
    }
  }
}
