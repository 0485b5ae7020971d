package io.whisper.cli.serve;

import io.whisper.core.os.DirectoryListing;
import io.whisper.core.os.HeldFolder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * A node's trash: a folder outside the storage tree (carbon and graphite-web never see it) on
 * the same file system, holding one batch folder per delete, named by its UTC time
 * ({@code 20261204T203000Z-1f2e}), with the deleted files at their paths below the root.
 * Deleting is a rename into it, never over a name (RENAME_NOREPLACE); purging removes the
 * batches older than an age.
 */
final class Trash {
  /** A batch's name: the UTC second it was made, and a random suffix against collisions. */
  static final Pattern BATCH = Pattern.compile("(\\d{8}T\\d{6})Z-[0-9a-f]{1,32}");
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

  private Trash() {}

  /** Answers {@link Frames#TRASH}: a batch name, then the paths to move into it. */
  static void move(Server.Root root, Frames.Frame request, Server server) throws IOException {
    byte[] batch = checkedBatch(request.getBytes());
    int count = request.getInt();
    Files.createDirectories(root.trash());
    long moved = 0;
    long failed = 0;
    try (HeldFolder trash = HeldFolder.open(root.trash());
        HeldFolder batchFolder = trash.makeFolder(batch)) {
      for (int i = 0; i < count; i++) {
        byte[] path = request.getBytes();
        try {
          moveOne(root, path, batchFolder);
          server.result(path, "");
          moved++;
        } catch (IOException e) {
          server.result(path, e.getMessage());
          failed++;
        }
      }
    }
    server.done("moved", moved, "failed", failed);
  }

  /**
   * Answers {@link Frames#RETIRE}: a batch name, a path and a SHA-256. Under the file's
   * exclusive flock (so carbon cannot write in between), moves it to the trash if its content
   * still has that digest; otherwise says it changed and leaves it. A file already gone (a run
   * killed after retiring it) is reported as gone.
   */
  static void retire(Server.Root root, Frames.Frame request, Server server) throws IOException {
    byte[] batch = checkedBatch(request.getBytes());
    byte[] path = request.getBytes();
    byte[] digest = request.getBytes();
    RelativeName name = RelativeName.parse(path);
    if (!TreeWalk.isMetric(name.last())) {
      throw new IOException("not a .wsp file");
    }
    HeldFolder parent;
    HeldFolder.OpenFile file;
    try {
      parent = name.openParent(root.path());
    } catch (NoSuchFileException e) {
      server.done("retired", 0, "changed", 0, "gone", 1);
      return;
    }
    try (parent) {
      try {
        file = parent.openFile(name.last());
      } catch (NoSuchFileException e) {
        server.done("retired", 0, "changed", 0, "gone", 1);
        return;
      }
      try (file) {
        file.lockExclusive();
        if (!MessageDigest.isEqual(digest, Digests.sha256(file.channel()))) {
          server.done("retired", 0, "changed", 1, "gone", 0);
          return;
        }
        Files.createDirectories(root.trash());
        try (HeldFolder trash = HeldFolder.open(root.trash());
            HeldFolder batchFolder = trash.makeFolder(batch)) {
          moveOne(root, path, batchFolder); // the lock stays with the file, now in the trash
        }
      }
    }
    server.done("retired", 1, "changed", 0, "gone", 0);
  }

  private static byte[] checkedBatch(byte[] batch) throws IOException {
    if (!BATCH.matcher(new String(batch, StandardCharsets.ISO_8859_1)).matches()) {
      throw new IOException("bad trash batch name");
    }
    return batch;
  }

  private static void moveOne(Server.Root root, byte[] path, HeldFolder batch)
      throws IOException {
    RelativeName name = RelativeName.parse(path);
    if (!TreeWalk.isMetric(name.last())) {
      throw new IOException("not a .wsp file");
    }
    try (HeldFolder parent = name.openParent(root.path())) {
      if (parent.status(name.last()).type() != DirectoryListing.Type.FILE) {
        throw new IOException("not a regular file");
      }
      // the same folders below the batch as below the root
      HeldFolder target = batch;
      try {
        for (byte[] component : name.components().subList(0, name.components().size() - 1)) {
          HeldFolder next = target.makeFolder(component);
          if (target != batch) {
            target.close();
          }
          target = next;
        }
        parent.moveTo(name.last(), target, name.last());
      } finally {
        if (target != batch) {
          target.close();
        }
      }
    }
  }

  /** Answers {@link Frames#PURGE}: removes the batches older than {@code ageSeconds}. */
  static void purge(Server.Root root, long ageSeconds, Server server) throws IOException {
    long removed = 0;
    long kept = 0;
    if (Files.isDirectory(root.trash())) {
      LocalDateTime cutoff = LocalDateTime.now(ZoneOffset.UTC).minusSeconds(ageSeconds);
      try (HeldFolder trash = HeldFolder.open(root.trash())) {
        for (HeldFolder.Entry entry : trash.list()) {
          var matcher = BATCH.matcher(new String(entry.name(), StandardCharsets.ISO_8859_1));
          if (entry.type() != DirectoryListing.Type.DIRECTORY || !matcher.matches()) {
            continue; // not ours
          }
          if (LocalDateTime.parse(matcher.group(1), STAMP).isBefore(cutoff)) {
            trash.removeTree(entry.name());
            removed++;
          } else {
            kept++;
          }
        }
      }
    }
    server.done("removed", removed, "kept", kept);
  }
}
