package io.whisper.core;

import io.whisper.core.os.Failures;
import io.whisper.core.os.HeldInode;
import io.whisper.core.os.SafeCopy;
import io.whisper.core.os.SyncedFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Moves one whisper file to a new path while carbon may be writing it and graphite-web reading
 * it. At every instant the data is in the source, in the destination, or in both; a reader sees
 * either the old file or the complete new one.
 *
 * <ul>
 *   <li><b>Renamed</b> (same file system, destination absent): under the source's flock, a hard
 *       link at the destination (which, unlike rename(2), never replaces a file carbon created
 *       meanwhile), then the source's name is removed; both folders are forced to disk.
 *   <li><b>Copied</b> (another file system): under the source's flock, a sparse copy into a
 *       temporary non-{@code .wsp} file beside the destination, forced to disk, re-read until the
 *       source stops changing, linked into place, the folder forced, header and size checked;
 *       only then is the source removed.
 *   <li><b>Merged</b> (destination present): both locked in a fixed order, the destination
 *       filled from the source with {@link Fill}, forced, and the source removed while still
 *       locked.
 * </ul>
 *
 * <p>Carbon writes without locks by default, so after a copy or merge the source is compared
 * with what was taken from it and the difference carried over before the source goes. Writers
 * that lock are waited for; one that opened the source before its name went away and was
 * queued on the lock is caught by a short drain: the lock is released, taken again after
 * {@link Options#drainMillis}, and anything new is carried over.
 */
public final class Move {
  private static final int MAX_PASSES = 5;
  private static final int MAX_ATTEMPTS = 3;
  private static final long DESTINATION_LOCK_WAIT_MILLIS = 5000;
  private static final long HANDOVER_LIMIT_MILLIS = 2000;
  // Copies and merges compare whole files in memory: a Java array's limit.
  private static final long MAX_COMPARED_BYTES = Integer.MAX_VALUE - 8;

  /**
   * How to move.
   *
   * @param now the clock, read for each fill (nothing in core reads the wall clock itself)
   * @param lock take flock(2) locks; without them only unlocked-writer safety remains
   * @param dryRun decide and check, change nothing
   * @param alwaysCopy copy even within one file system (also how tests reach the copy path)
   * @param drainMillis how long to let queued writers of a removed source run; 0 for none
   * @param steps told the name of each step as it completes (tests use it to crash in between)
   */
  public record Options(
      LongSupplier now, boolean lock, boolean dryRun, boolean alwaysCopy, long drainMillis,
      Consumer<String> steps) {

    /** Locking, writing, renaming where possible, a 20 ms drain, no step listener. */
    public static Options defaults(LongSupplier now) {
      return new Options(now, true, false, false, 20, step -> { });
    }

    public Options withLock(boolean lock) {
      return new Options(now, lock, dryRun, alwaysCopy, drainMillis, steps);
    }

    public Options withDryRun(boolean dryRun) {
      return new Options(now, lock, dryRun, alwaysCopy, drainMillis, steps);
    }

    public Options withAlwaysCopy(boolean alwaysCopy) {
      return new Options(now, lock, dryRun, alwaysCopy, drainMillis, steps);
    }

    public Options withDrainMillis(long drainMillis) {
      return new Options(now, lock, dryRun, alwaysCopy, drainMillis, steps);
    }

    public Options withSteps(Consumer<String> steps) {
      return new Options(now, lock, dryRun, alwaysCopy, drainMillis, steps);
    }
  }

  // A refusal: the reason is the whole message, nothing was changed.
  private static final class Refused extends IOException {
    private static final long serialVersionUID = 1L;

    Refused(String reason) {
      super(reason);
    }
  }

  private final Path source;
  private final Path destination;
  private final Options options;

  private Move(Path source, Path destination, Options options) {
    this.source = source;
    this.destination = destination;
    this.options = options;
  }

  /** Moves {@code source} to {@code destination}; never throws for bad input, it reports. */
  public static MoveResult move(Path source, Path destination, Options options) {
    try {
      return new Move(source, destination, options).run();
    } catch (IOException | RuntimeException e) {
      return new MoveResult.Failed(source, destination, describe(e));
    }
  }

  private static String describe(Exception e) {
    return switch (e) {
      case Refused r -> r.getMessage();
      case CorruptWhisperFileException c -> "corrupt: " + c.getMessage();
      case FileAlreadyExistsException x -> "a file is in the way: " + x.getFile();
      default -> Failures.describe(e);
    };
  }


  private MoveResult run() throws IOException {
    checkSource();
    checkSourceRemovable();
    readHeader(source, source);
    if (Files.exists(destination) && Files.isSameFile(source, destination)) {
      if (Files.isSymbolicLink(destination)
          || source.toRealPath().equals(destination.toRealPath())) {
        throw new Refused("source and destination are the same file: " + source);
      }
      return finishInterruptedRename();
    }
    boolean destinationExists = checkDestination();
    if (destinationExists) {
      readHeader(destination, destination);
    }
    if (options.dryRun()) {
      if (destinationExists) {
        return new MoveResult.Merged(source, destination, true, wouldFill());
      }
      Path existingFolder = folderOf(destination);
      while (!Files.isDirectory(existingFolder)) {
        existingFolder = existingFolder.getParent();
      }
      return renames(existingFolder)
          ? new MoveResult.Renamed(source, destination, true)
          : new MoveResult.Copied(source, destination, true, 0);
    }
    createFolders(folderOf(destination));
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Optional<MoveResult> result = Files.exists(destination) ? Optional.of(merge()) : toNew();
      if (result.isPresent()) {
        return result.get();
      }
    }
    throw new Refused("the destination keeps appearing and vanishing; try again");
  }

  private void checkSource() throws IOException {
    if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
      throw new Refused("no such file or directory: " + source);
    }
    if (Files.isSymbolicLink(source)) {
      throw new Refused(source + " is a symbolic link; move the file it points to");
    }
    if (!Files.isRegularFile(source)) {
      throw new Refused(source + " is not a regular file");
    }
  }

  // Every move ends by removing the source's name, which needs write access to its folder.
  // Checked before anything is published: else a rename leaves a second name and a copy a
  // second file, and each rerun publishes and fails again.
  private void checkSourceRemovable() throws IOException {
    Path folder = folderOf(source);
    if (!Files.isWritable(folder)) {
      throw new Refused("the source cannot be removed: its folder " + folder + " is "
          + (Files.getFileStore(folder).isReadOnly() ? "on a read-only file system"
              : "not writable") + "; nothing was changed");
    }
  }

  // Removes the source once the destination holds its data; should that still fail (the
  // folder's permissions changed meanwhile), says what is where.
  private void removeSource() throws IOException {
    try {
      Files.delete(source);
    } catch (IOException e) {
      throw new IOException("the destination " + destination + " is complete, but the source"
          + " could not be removed (" + Failures.describe(e) + "): both hold the data; remove"
          + " the source, or run the move again once it can be", e);
    }
  }

  private boolean checkDestination() throws IOException {
    if (Files.isSymbolicLink(destination)) {
      throw new Refused("destination " + destination + " is a symbolic link");
    }
    if (Files.isDirectory(destination)) {
      throw new Refused("destination " + destination + " is a folder; name the file to create");
    }
    if (!Files.exists(destination)) {
      return false;
    }
    if (!Files.isRegularFile(destination)) {
      throw new Refused("destination " + destination + " is not a regular file");
    }
    return true;
  }

  // Strict header checks; `shown` names the file in messages when `read` is a /proc path.
  private static Header readHeader(Path read, Path shown) throws IOException {
    try (FileChannel channel = FileChannel.open(read, StandardOpenOption.READ)) {
      return HeaderCodec.read(channel, shown);
    }
  }

  private boolean renames(Path destinationFolder) throws IOException {
    return !options.alwaysCopy()
        && Files.getFileStore(source).equals(Files.getFileStore(destinationFolder));
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

  // A rename killed between link and unlink leaves two names for one inode: remove the source's.
  private MoveResult finishInterruptedRename() throws IOException {
    if (options.dryRun()) {
      return new MoveResult.Renamed(source, destination, true);
    }
    try (HeldInode held = lockedSource()) {
      if (!held.isAt(destination)) {
        throw new Refused("the destination changed while waiting for the lock; try again");
      }
      removeSource();
      step("unlinked");
      SyncedFiles.forceDirectory(folderOf(source));
    }
    return new MoveResult.Renamed(source, destination, false);
  }

  /** Returns the source opened and locked, checked to still be the file at its path. */
  private HeldInode lockedSource() throws IOException {
    HeldInode held = HeldInode.open(source, options.lock());
    try {
      held.lock();
      step("source-locked");
      if (!held.isAt(source)) {
        throw new Refused("the source was moved or replaced while waiting for its lock");
      }
      readHeader(held.inode(), source);
      return held;
    } catch (IOException | RuntimeException | Error e) {
      held.close();
      throw e;
    }
  }

  // Destination absent: rename or copy. Empty if the destination appeared meanwhile.
  private Optional<MoveResult> toNew() throws IOException {
    try (HeldInode held = lockedSource()) {
      if (Files.exists(destination, LinkOption.NOFOLLOW_LINKS)) {
        return Optional.empty();
      }
      if (renames(folderOf(destination))) {
        boolean linked;
        try {
          Files.createLink(destination, source);
          linked = true;
        } catch (FileAlreadyExistsException e) {
          return Optional.empty();
        } catch (FileSystemException e) {
          // Mount points the file store check did not tell apart (EXDEV), or a link the
          // kernel refuses (protected_hardlinks): copy instead, which never needs one.
          linked = false;
        }
        if (linked) {
          step("linked");
          return Optional.of(unlinkRenamed());
        }
      }
      return copy(held);
    }
  }

  private MoveResult unlinkRenamed() throws IOException {
    SyncedFiles.forceDirectory(folderOf(destination));
    removeSource();
    step("unlinked");
    SyncedFiles.forceDirectory(folderOf(source));
    return new MoveResult.Renamed(source, destination, false);
  }

  private Optional<MoveResult> copy(HeldInode held) throws IOException {
    Header header = readHeader(held.inode(), source);
    requireComparable(header);
    Path temp = SafeCopy.copyToTemp(held.inode(), destination);
    byte[] copied;
    try {
      step("temp-written");
      copied = Files.readAllBytes(temp);
      for (int pass = 1; ; pass++) { // an unlocked writer may have changed the source meanwhile
        if (Arrays.equals(Files.readAllBytes(held.inode()), copied)) {
          break;
        }
        if (pass == MAX_PASSES) {
          throw new Refused("the source kept changing during the copy; try again");
        }
        Files.delete(temp);
        temp = SafeCopy.copyToTemp(held.inode(), destination);
        copied = Files.readAllBytes(temp);
      }
      if (SafeCopy.publish(temp, destination) == SafeCopy.Outcome.TARGET_EXISTS) {
        return Optional.empty();
      }
      step("published");
    } finally {
      Files.deleteIfExists(temp);
    }
    SyncedFiles.forceDirectory(folderOf(destination));
    Header written = readHeader(destination, destination);
    if (!written.equals(header) || Files.size(destination) != copied.length) {
      throw new IOException("the copy at " + destination + " does not match its source;"
          + " the source is kept");
    }
    long carried = 0;
    boolean sourceFirst = sourceFirst();
    try (HeldInode target = lockDestinationHoldingSource();
        WhisperFile out = WhisperFile.open(
            target.inode(), WhisperFile.Options.UPDATE_UNLOCKED.withAccess(
                WhisperFile.Access.CHANNEL))) {
      byte[] now = Files.readAllBytes(held.inode());
      carried += LateWrites.carry(header, copied, now, out);
      out.force();
      removeSource();
      step("unlinked");
      SyncedFiles.forceDirectory(folderOf(source));
      drain(held, sourceFirst ? List.of(held, target) : List.of(target, held));
      byte[] last = Files.readAllBytes(held.inode());
      if (!Arrays.equals(last, now)) {
        carried += LateWrites.carry(header, now, last, out);
        out.force();
      }
    }
    return Optional.of(new MoveResult.Copied(source, destination, false, carried));
  }

  // We hold the source's lock, so waiting for the destination's could deadlock with a mover
  // that took them in the other order: try for a while instead, and give up keeping both files.
  private HeldInode lockDestinationHoldingSource() throws IOException {
    HeldInode target = HeldInode.open(destination, options.lock());
    try {
      long deadline = System.nanoTime() + DESTINATION_LOCK_WAIT_MILLIS * 1_000_000;
      while (!target.tryLock()) {
        if (System.nanoTime() > deadline) {
          throw new IOException("the destination " + destination + " stays locked; the data"
              + " is in both files, run the move again to finish");
        }
        pause(5);
      }
      return target;
    } catch (IOException | RuntimeException | Error e) {
      target.close();
      throw e;
    }
  }

  private MoveResult merge() throws IOException {
    boolean sourceFirst = sourceFirst();
    try (HeldInode from = HeldInode.open(source, options.lock());
        HeldInode into = HeldInode.open(destination, options.lock())) {
      (sourceFirst ? from : into).lock();
      (sourceFirst ? into : from).lock();
      step("both-locked");
      if (!from.isAt(source) || !into.isAt(destination)) {
        throw new Refused("the source or destination was moved or replaced while waiting for"
            + " its lock; try again");
      }
      requireComparable(readHeader(from.inode(), source));
      readHeader(into.inode(), destination);
      long filled = 0;
      try (WhisperFile in = WhisperFile.open(
              from.inode(), WhisperFile.Options.READ.withAccess(WhisperFile.Access.CHANNEL));
          WhisperFile out = WhisperFile.open(into.inode(),
              WhisperFile.Options.UPDATE_UNLOCKED.withAccess(WhisperFile.Access.CHANNEL))) {
        byte[] taken = Files.readAllBytes(from.inode());
        filled += fill(in, out);
        for (int pass = 1; ; pass++) { // carry over what an unlocked writer added meanwhile
          byte[] again = Files.readAllBytes(from.inode());
          if (Arrays.equals(again, taken)) {
            break;
          }
          if (pass == MAX_PASSES) {
            throw new Refused("the source kept changing during the merge; try again");
          }
          taken = again;
          filled += fill(in, out);
        }
        out.force();
        step("filled");
        removeSource();
        step("unlinked");
        SyncedFiles.forceDirectory(folderOf(source));
        drain(from, sourceFirst ? List.of(from, into) : List.of(into, from));
        if (!Arrays.equals(taken, Files.readAllBytes(from.inode()))) {
          filled += fill(in, out);
          out.force();
        }
      }
      return new MoveResult.Merged(source, destination, false, filled);
    }
  }

  private void requireComparable(Header header) throws Refused {
    if (header.fileSize() > MAX_COMPARED_BYTES) {
      throw new Refused(source + " is over 2 GB; only a rename (same file system, no"
          + " destination) can move it");
    }
  }

  private long wouldFill() throws IOException {
    try (WhisperFile in = WhisperFile.open(source);
        WhisperFile out = WhisperFile.open(destination)) {
      return Fill.fill(in, out, FillRequest.at(options.now().getAsLong()).withDryRun(true))
          .total();
    }
  }

  private long fill(WhisperFile in, WhisperFile out) throws IOException {
    return Fill.fill(in, out, FillRequest.at(options.now().getAsLong())).total();
  }

  // The fixed order two files are locked in, whoever moves which way: by real path.
  private boolean sourceFirst() throws IOException {
    return source.toRealPath().toString().compareTo(destination.toRealPath().toString()) < 0;
  }

  // After the source's name is gone: let writers that opened it before and queued on its lock
  // run, then take the locks back; the caller carries over what they wrote. Every lock held is
  // released and taken back in the fixed order, so a mover waiting for one of them cannot
  // deadlock with us. Waiters still seen in /proc/locks (we may have been quicker than they
  // woke) get another turn, for at most HANDOVER_LIMIT_MILLIS.
  private void drain(HeldInode source, List<HeldInode> inLockOrder) throws IOException {
    long deadline = System.nanoTime() + HANDOVER_LIMIT_MILLIS * 1_000_000;
    long pause = options.drainMillis();
    do {
      for (HeldInode held : inLockOrder.reversed()) {
        held.unlock();
      }
      if (pause > 0) {
        pause(pause);
      }
      for (HeldInode held : inLockOrder) {
        held.lock();
      }
      pause = 1;
    } while (options.lock() && source.othersWaiting() && System.nanoTime() < deadline);
    step("drained");
  }

  private static void pause(long millis) throws IOException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static Path folderOf(Path path) {
    return path.toAbsolutePath().getParent();
  }

  private void step(String name) {
    options.steps().accept(name);
  }
}
