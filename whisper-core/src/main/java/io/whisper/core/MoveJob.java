package io.whisper.core;

import io.whisper.core.os.Failures;
import io.whisper.core.os.HeldInode;
import io.whisper.core.os.SyncedFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

/**
 * One move under way, what its three paths ({@link MoveByRename}, {@link MoveByCopy},
 * {@link MoveByMerge}) share: the files, the options, the locks taken in one order, the source's
 * removal, the drain of queued writers, and reading the source until it stops changing.
 */
final class MoveJob {
  private static final int MAX_PASSES = 5;
  private static final long HANDOVER_LIMIT_MILLIS = 2000;
  // Copies and merges compare whole files in memory: a Java array's limit.
  private static final long MAX_COMPARED_BYTES = Integer.MAX_VALUE - 8;

  /** A refusal: the reason is the whole message, nothing was changed. */
  static final class Refused extends IOException {
    private static final long serialVersionUID = 1L;

    Refused(String reason) {
      super(reason);
    }
  }

  /** Takes something from the source (a copy, a fill) and returns the source's bytes it took. */
  @FunctionalInterface
  interface Take {
    byte[] take() throws IOException;
  }

  final Path source;
  final Path destination;
  final Move.Request options;

  MoveJob(Path source, Path destination, Move.Request options) {
    this.source = source;
    this.destination = destination;
    this.options = options;
  }

  /**
   * The one "read until stable" loop: takes from the source until the source reads as what the
   * last take saw (an unlocked writer, carbon's default, may change it meanwhile), at most
   * {@link #MAX_PASSES} times; returns the bytes of the last take.
   *
   * @param during names the work in the refusal ("copy", "merge")
   */
  byte[] untilStable(HeldInode from, Take take, String during) throws IOException {
    byte[] taken = take.take();
    for (int pass = 1; ; pass++) {
      if (Arrays.equals(Files.readAllBytes(from.inode()), taken)) {
        return taken;
      }
      if (pass == MAX_PASSES) {
        throw new Refused("the source kept changing during the " + during + "; try again");
      }
      taken = take.take();
    }
  }

  /** Returns the source opened and locked, checked to still be the file at its path. */
  HeldInode lockedSource() throws IOException {
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

  // Removes the source once the destination holds its data; should that still fail (the
  // folder's permissions changed meanwhile), says what is where.
  void removeSource() throws IOException {
    try {
      Files.delete(source);
    } catch (IOException e) {
      throw new IOException("the destination " + destination + " is complete, but the source"
          + " could not be removed (" + Failures.describe(e) + "): both hold the data; remove"
          + " the source, or run the move again once it can be", e);
    }
  }

  /** Removes the source's name, then makes the removal durable. */
  void unlinkSource() throws IOException {
    removeSource();
    step("unlinked");
    SyncedFiles.forceDirectory(folderOf(source));
  }

  void requireComparable(Header header) throws Refused {
    if (header.fileSize() > MAX_COMPARED_BYTES) {
      throw new Refused(source + " is over 2 GB; only a rename (same file system, no"
          + " destination) can move it");
    }
  }

  boolean renames(Path destinationFolder) throws IOException {
    return !options.alwaysCopy()
        && Files.getFileStore(source).equals(Files.getFileStore(destinationFolder));
  }

  long fill(WhisperFile in, WhisperFile out, boolean dryRun) throws IOException {
    return Fill.fill(in, out, Fill.Request.at(options.now().getAsLong()).withDryRun(dryRun))
        .total();
  }

  // The fixed order two files are locked in, whoever moves which way: by real path.
  boolean sourceFirst() throws IOException {
    return source.toRealPath().toString().compareTo(destination.toRealPath().toString()) < 0;
  }

  // After the source's name is gone: let writers that opened it before and queued on its lock
  // run, then take the locks back; the caller carries over what they wrote. Every lock held is
  // released and taken back in the fixed order, so a mover waiting for one of them cannot
  // deadlock with us. Waiters still seen in /proc/locks (we may have been quicker than they
  // woke) get another turn, for at most HANDOVER_LIMIT_MILLIS.
  void drain(HeldInode held, List<HeldInode> inLockOrder) throws IOException {
    long deadline = System.nanoTime() + HANDOVER_LIMIT_MILLIS * 1_000_000;
    long pause = options.drainMillis();
    do {
      for (HeldInode each : inLockOrder.reversed()) {
        each.unlock();
      }
      if (pause > 0) {
        pause(pause);
      }
      for (HeldInode each : inLockOrder) {
        each.lock();
      }
      pause = 1;
    } while (options.lock() && held.othersWaiting() && System.nanoTime() < deadline);
    step("drained");
  }

  void step(String name) {
    options.steps().accept(name);
  }

  // Strict header checks; `shown` names the file in messages when `read` is a /proc path.
  static Header readHeader(Path read, Path shown) throws IOException {
    try (FileChannel channel = FileChannel.open(read, StandardOpenOption.READ)) {
      return HeaderCodec.read(channel, shown);
    }
  }

  static void pause(long millis) throws IOException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  static Path folderOf(Path path) {
    return path.toAbsolutePath().getParent();
  }
}
