package io.whisper.core;

import io.whisper.core.os.Failures;
import io.whisper.core.os.HeldInode;
import io.whisper.core.os.SyncedFiles;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Moves one whisper file to a new path while carbon may be writing it and graphite-web reading
 * it. At every instant the data is in the source, in the destination, or in both; a reader sees
 * either the old file or the complete new one. This class plans (checks, dry run, which path);
 * each path is a class of its own, sharing {@link MoveJob}:
 *
 * <ul>
 *   <li><b>Renamed</b> ({@link MoveByRename}) (same file system, destination absent): under the source's flock, a hard
 *       link at the destination (which, unlike rename(2), never replaces a file carbon created
 *       meanwhile), then the source's name is removed; both folders are forced to disk.
 *   <li><b>Copied</b> ({@link MoveByCopy}) (another file system): under the source's flock, a sparse copy into a
 *       temporary non-{@code .wsp} file beside the destination, forced to disk, re-read until the
 *       source stops changing, linked into place, the folder forced, header and size checked;
 *       only then is the source removed.
 *   <li><b>Merged</b> ({@link MoveByMerge}) (destination present): both locked in a fixed order, the destination
 *       filled from the source with {@link Fill}, forced, and the source removed while still
 *       locked.
 * </ul>
 *
 * <p>Carbon writes without locks by default, so after a copy or merge the source is compared
 * with what was taken from it and the difference carried over before the source goes. Writers
 * that lock are waited for; one that opened the source before its name went away and was
 * queued on the lock is caught by a short drain: the lock is released, taken again after
 * {@link Request#drainMillis}, and anything new is carried over.
 */
public final class Move {
  private static final int MAX_ATTEMPTS = 3;

  /**
   * What to move and how.
   *
   * @param now the clock, read for each fill (nothing in core reads the wall clock itself)
   * @param lock take flock(2) locks; without them only unlocked-writer safety remains
   * @param dryRun decide and check, change nothing
   * @param alwaysCopy copy even within one file system (also how tests reach the copy path)
   * @param drainMillis how long to let queued writers of a removed source run; 0 for none
   * @param steps told the name of each step as it completes: a test hook, not API (the crash
   *     tests kill the process in between, through MoveCommand)
   */
  public record Request(
      LongSupplier now, boolean lock, boolean dryRun, boolean alwaysCopy, long drainMillis,
      Consumer<String> steps) {

    /** Locking, writing, renaming where possible, a 20 ms drain, no step listener. */
    public static Request defaults(LongSupplier now) {
      return new Request(now, true, false, false, 20, step -> { });
    }

    public Request withLock(boolean lock) {
      return new Request(now, lock, dryRun, alwaysCopy, drainMillis, steps);
    }

    public Request withDryRun(boolean dryRun) {
      return new Request(now, lock, dryRun, alwaysCopy, drainMillis, steps);
    }

    public Request withAlwaysCopy(boolean alwaysCopy) {
      return new Request(now, lock, dryRun, alwaysCopy, drainMillis, steps);
    }

    public Request withDrainMillis(long drainMillis) {
      return new Request(now, lock, dryRun, alwaysCopy, drainMillis, steps);
    }

    public Request withSteps(Consumer<String> steps) {
      return new Request(now, lock, dryRun, alwaysCopy, drainMillis, steps);
    }
  }

  /** What {@link Move#move} did with one source, or would do on a dry run. */
  public sealed interface Result {

    /** Returns the file that was to move. */
    Path source();

    /** Returns where it was to go. */
    Path destination();

    /** Returns the action's name ("renamed", "copied", "merged"), or null for a failure. */
    String action();

    /** Returns true if nothing was changed because this was a dry run. */
    boolean dryRun();

    /** Same file system: the file was renamed (hard link, then unlink). */
    record Renamed(Path source, Path destination, boolean dryRun) implements Result {
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
        implements Result {
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
        implements Result {
      @Override
      public String action() {
        return "merged";
      }
    }

    /** Refused or failed; the source is still in place (and the destination unharmed). */
    record Failed(Path source, Path destination, String reason) implements Result {
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

  private final Path source;
  private final Path destination;
  private final Request options;
  private final MoveJob job;

  private Move(Path source, Path destination, Request options) {
    this.source = source;
    this.destination = destination;
    this.options = options;
    this.job = new MoveJob(source, destination, options);
  }

  /** Moves {@code source} to {@code destination}; never throws for bad input, it reports. */
  public static Result move(Path source, Path destination, Request options) {
    try {
      return new Move(source, destination, options).run();
    } catch (IOException | RuntimeException e) {
      return new Result.Failed(source, destination, describe(e));
    }
  }

  private static String describe(Exception e) {
    return switch (e) {
      case MoveJob.Refused r -> r.getMessage();
      case CorruptWhisperFileException c -> "corrupt: " + c.getMessage();
      case FileAlreadyExistsException x -> "a file is in the way: " + x.getFile();
      default -> Failures.describe(e);
    };
  }

  private Result run() throws IOException {
    checkSource();
    checkSourceRemovable();
    MoveJob.readHeader(source, source);
    if (Files.exists(destination) && Files.isSameFile(source, destination)) {
      if (Files.isSymbolicLink(destination)
          || source.toRealPath().equals(destination.toRealPath())) {
        throw new MoveJob.Refused("source and destination are the same file: " + source);
      }
      return new MoveByRename(job).finishInterrupted();
    }
    boolean destinationExists = checkDestination();
    if (destinationExists) {
      MoveJob.readHeader(destination, destination);
    }
    if (options.dryRun()) {
      if (destinationExists) {
        return new Result.Merged(source, destination, true, wouldFill());
      }
      Path existingFolder = MoveJob.folderOf(destination);
      while (!Files.isDirectory(existingFolder)) {
        existingFolder = existingFolder.getParent();
      }
      return job.renames(existingFolder)
          ? new Result.Renamed(source, destination, true)
          : new Result.Copied(source, destination, true, 0);
    }
    createFolders(MoveJob.folderOf(destination));
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Optional<Result> result = Files.exists(destination)
          ? Optional.of(new MoveByMerge(job).merge()) : toNew();
      if (result.isPresent()) {
        return result.get();
      }
    }
    throw new MoveJob.Refused("the destination keeps appearing and vanishing; try again");
  }

  private void checkSource() throws IOException {
    if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
      throw new MoveJob.Refused("no such file or directory: " + source);
    }
    if (Files.isSymbolicLink(source)) {
      throw new MoveJob.Refused(source + " is a symbolic link; move the file it points to");
    }
    if (!Files.isRegularFile(source)) {
      throw new MoveJob.Refused(source + " is not a regular file");
    }
  }

  // Every move ends by removing the source's name, which needs write access to its folder.
  // Checked before anything is published: else a rename leaves a second name and a copy a
  // second file, and each rerun publishes and fails again.
  private void checkSourceRemovable() throws IOException {
    Path folder = MoveJob.folderOf(source);
    if (!Files.isWritable(folder)) {
      throw new MoveJob.Refused("the source cannot be removed: its folder " + folder + " is "
          + (Files.getFileStore(folder).isReadOnly() ? "on a read-only file system"
              : "not writable") + "; nothing was changed");
    }
  }

  private boolean checkDestination() throws IOException {
    if (Files.isSymbolicLink(destination)) {
      throw new MoveJob.Refused("destination " + destination + " is a symbolic link");
    }
    if (Files.isDirectory(destination)) {
      throw new MoveJob.Refused(
          "destination " + destination + " is a folder; name the file to create");
    }
    if (!Files.exists(destination)) {
      return false;
    }
    if (!Files.isRegularFile(destination)) {
      throw new MoveJob.Refused("destination " + destination + " is not a regular file");
    }
    return true;
  }

  // Creates the missing folders and forces each new entry into its parent.
  private static void createFolders(Path folder) throws IOException {
    Path existing = folder;
    while (!Files.isDirectory(existing)) {
      existing = existing.getParent();
    }
    if (existing.equals(folder)) {
      return;
    }
    Files.createDirectories(folder);
    for (Path created = folder; !created.equals(existing); created = created.getParent()) {
      SyncedFiles.forceDirectory(created.getParent());
    }
  }

  // Destination absent: rename or copy. Empty if the destination appeared meanwhile.
  private Optional<Result> toNew() throws IOException {
    try (HeldInode held = job.lockedSource()) {
      if (Files.exists(destination, LinkOption.NOFOLLOW_LINKS)) {
        return Optional.empty();
      }
      if (job.renames(MoveJob.folderOf(destination))) {
        MoveByRename rename = new MoveByRename(job);
        switch (rename.link()) {
          case LINKED -> {
            return Optional.of(rename.unlink());
          }
          case TAKEN -> {
            return Optional.empty();
          }
          case REFUSED -> {
            // copy below
          }
        }
      }
      return new MoveByCopy(job).copy(held);
    }
  }

  private long wouldFill() throws IOException {
    try (WhisperFile in = WhisperFile.open(source);
        WhisperFile out = WhisperFile.open(destination)) {
      return job.fill(in, out, true);
    }
  }
}
