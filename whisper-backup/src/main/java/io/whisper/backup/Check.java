package io.whisper.backup;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a repository: every index readable, every indexed pack present, every snapshot's
 * trees readable and every file's chunks indexed; with {@code readData}, every pack read and
 * every blob in it verified against its SHA-256. What is damaged is reported by the files
 * (metrics) it affects, snapshot by snapshot, so an operator knows what a restore would lack.
 */
public final class Check {
  private Check() {}

  /** A file that cannot be restored whole from one snapshot. */
  public record Affected(Snapshot snapshot, String path, String reason) {}

  /**
   * What a check found.
   *
   * @param errors problems with the repository itself (missing packs, damaged indexes, trees)
   * @param affected files that a restore would refuse
   * @param notes harmless findings (data a killed backup left, which prune removes)
   */
  public record Report(int snapshots, int packs, long blobs, long packsRead, List<String> errors,
      List<Affected> affected, List<String> notes) {
    /** Returns true if nothing is damaged. */
    public boolean ok() {
      return errors.isEmpty() && affected.isEmpty();
    }
  }

  /** Called after each pack read, for progress. */
  public interface Progress {
    void packRead();
  }

  /** Checks the repository; {@code readData} reads every pack. */
  public static Report run(Repository repository, boolean readData, Progress progress)
      throws IOException {
    List<String> errors = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    Index index = repository.index();
    Set<String> stored = new HashSet<>(repository.store().list("data/"));
    Map<BlobId, String> damaged = new LinkedHashMap<>();
    long packsRead = 0;
    for (Map.Entry<BlobId, List<PackEntry>> pack : index.packs().entrySet()) {
      String name = Pack.name(pack.getKey());
      if (!stored.remove(name)) {
        errors.add("pack " + pack.getKey().shortHex() + " is missing");
        for (PackEntry entry : pack.getValue()) {
          damaged.putIfAbsent(entry.id(), "pack " + pack.getKey().shortHex() + " is missing");
        }
        continue;
      }
      if (readData) {
        readPack(repository, pack.getKey(), pack.getValue(), errors, damaged);
        packsRead++;
        progress.packRead();
      }
    }
    if (!stored.isEmpty()) {
      notes.add(stored.size() + " pack" + (stored.size() == 1 ? " is" : "s are")
          + " in no index (left by an interrupted backup or prune; prune removes them)");
    }
    List<Snapshot> snapshots = repository.snapshots();
    List<Affected> affected = new ArrayList<>();
    for (Snapshot snapshot : snapshots) {
      for (Snapshot.Root root : snapshot.roots()) {
        TreeWalk.walk(repository, root.tree(), new TreeWalk.Visitor() {
          @Override
          public void file(List<String> folder, Node.File file) {
            for (BlobId chunk : file.chunks()) {
              String reason = index.contains(chunk)
                  ? damaged.get(chunk)
                  : "chunk " + chunk.shortHex() + " is in no index";
              if (reason != null) {
                affected.add(new Affected(snapshot, path(root, folder, file.name()), reason));
                return;
              }
            }
          }

          @Override
          public void damagedTree(List<String> folder, BlobId tree, IOException e) {
            String where = path(root, folder, "");
            errors.add("snapshot " + snapshot.id().shortHex() + ": the listing of " + where
                + " is unreadable: " + e.getMessage());
            affected.add(new Affected(snapshot, where + "*", e.getMessage()));
          }
        });
      }
    }
    return new Report(snapshots.size(), index.packs().size(), index.size(), packsRead,
        errors, affected, notes);
  }

  // Reads a whole pack and verifies it, blob by blob against the index (not the trailer,
  // which may be what is damaged).
  private static void readPack(Repository repository, BlobId pack, List<PackEntry> entries,
      List<String> errors, Map<BlobId, String> damaged) throws IOException {
    byte[] bytes;
    try {
      bytes = repository.store().get(Pack.name(pack));
    } catch (NoSuchFileException e) {
      errors.add("pack " + pack.shortHex() + " vanished during the check");
      return;
    }
    if (BlobId.hash(bytes).equals(pack)) {
      return; // the bytes named: every blob in it is the one the index says
    }
    int bad = 0;
    for (PackEntry entry : entries) {
      String problem = null;
      if ((long) entry.offset() + entry.length() > bytes.length) {
        problem = "pack " + pack.shortHex() + " is truncated";
      } else {
        byte[] stored = java.util.Arrays.copyOfRange(
            bytes, entry.offset(), entry.offset() + entry.length());
        try {
          Repository.verify(entry.id(), pack, stored);
        } catch (DamagedBlobException e) {
          problem = e.getMessage();
        }
      }
      if (problem != null) {
        bad++;
        damaged.putIfAbsent(entry.id(), problem);
      }
    }
    errors.add("pack " + pack.shortHex() + " is damaged (its SHA-256 does not match its name): "
        + bad + " of its " + entries.size() + " blobs are unreadable");
  }

  // The file's path as it was backed up: the root's path, then the folders.
  static String path(Snapshot.Root root, List<String> folder, String name) {
    StringBuilder path = new StringBuilder(root.path());
    for (String part : folder) {
      path.append('/').append(part);
    }
    return name.isEmpty() ? path.append('/').toString() : path.append('/').append(name).toString();
  }
}
