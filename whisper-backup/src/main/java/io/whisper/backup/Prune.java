package io.whisper.backup;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Removes what no snapshot needs, under the exclusive lock. Packs with no used blob are
 * deleted; packs mostly unused are repacked (their used blobs, verified, written to new packs).
 * The order keeps every snapshot restorable at every moment, so a crash anywhere leaves
 * only extra data: new packs, then their index, then one index of every pack kept, then the
 * old indexes are deleted, and only then the packs they alone named.
 */
public final class Prune {
  // A pack whose used blobs are less than this share of its bytes is repacked.
  private static final double REPACK_BELOW = 0.8;

  private Prune() {}

  /** What prune did (or, in a dry run, would do). */
  public record Result(int packsDeleted, int packsRepacked, long bytesFreed, long blobsKept) {}

  /** Prunes the repository; the caller holds the exclusive lock. */
  public static Result run(Repository repository, boolean dryRun) throws IOException {
    repository.reloadIndex();
    Index index = repository.index();
    Set<BlobId> used = usedBlobs(repository);
    for (BlobId blob : used) {
      if (!index.contains(blob)) {
        throw new IOException("blob " + blob.shortHex() + " is used but in no index: the"
            + " repository is damaged (whisper check); nothing was pruned");
      }
    }
    Map<BlobId, List<PackEntry>> keep = new LinkedHashMap<>();
    List<BlobId> delete = new ArrayList<>();
    List<BlobId> repack = new ArrayList<>();
    long freed = 0;
    for (Map.Entry<BlobId, List<PackEntry>> pack : index.packs().entrySet()) {
      long total = 0;
      long live = 0;
      for (PackEntry entry : pack.getValue()) {
        total += entry.length();
        Index.Location where = index.find(entry.id());
        // A blob stored twice lives only in the pack the index chose.
        if (used.contains(entry.id()) && where.pack().equals(pack.getKey())) {
          live += entry.length();
        }
      }
      if (live == 0) {
        delete.add(pack.getKey());
        freed += total;
      } else if (live < REPACK_BELOW * total) {
        repack.add(pack.getKey());
        freed += total - live;
      } else {
        keep.put(pack.getKey(), pack.getValue());
      }
    }
    Set<String> indexed = new HashSet<>();
    for (BlobId pack : index.packs().keySet()) {
      indexed.add(Pack.name(pack));
    }
    List<String> orphans = new ArrayList<>();
    for (String name : repository.store().list("data/")) {
      if (!indexed.contains(name)) {
        orphans.add(name);
      }
    }
    Result result = new Result(delete.size() + orphans.size(), repack.size(), freed,
        used.size());
    if (dryRun || (delete.isEmpty() && repack.isEmpty() && orphans.isEmpty())) {
      return result;
    }
    Index fresh = new Index();
    try (BlobWriter writer = new BlobWriter(repository, fresh, 2)) {
      for (BlobId pack : repack) {
        for (PackEntry entry : index.packs().get(pack)) {
          Index.Location where = index.find(entry.id());
          if (used.contains(entry.id()) && where.pack().equals(pack)) {
            byte[] stored = repository.store().get(Pack.name(pack), entry.offset(),
                entry.length());
            Repository.verify(entry.id(), pack, stored); // never copy a damaged blob
            writer.add(entry.type(), entry.id(), stored);
          }
        }
      }
      writer.finish();
    }
    keep.putAll(fresh.packs());
    String full = Index.write(repository.store(), keep);
    // Every other index (the old ones, and the repack's own) names nothing the full one
    // lacks but packs about to go.
    for (String old : repository.store().list(Index.PREFIX)) {
      if (!old.equals(full)) {
        repository.store().delete(old);
      }
    }
    for (BlobId pack : delete) {
      repository.store().delete(Pack.name(pack));
    }
    for (BlobId pack : repack) {
      repository.store().delete(Pack.name(pack));
    }
    // A pack is named by its content: a prune killed after writing a repacked pack (before
    // its index) left an orphan that this repack has just written again, byte for byte, under
    // the same name. The full index names it now; it is no orphan any more.
    Set<String> named = new HashSet<>();
    for (BlobId pack : keep.keySet()) {
      named.add(Pack.name(pack));
    }
    for (String orphan : orphans) {
      if (!named.contains(orphan)) {
        repository.store().delete(orphan);
      }
    }
    repository.reloadIndex();
    return result;
  }

  /** Returns every blob the snapshots need: their trees and their files' chunks. */
  static Set<BlobId> usedBlobs(Repository repository) throws IOException {
    Set<BlobId> used = new HashSet<>();
    for (Snapshot snapshot : repository.snapshots()) {
      for (Snapshot.Root root : snapshot.roots()) {
        used.add(root.tree());
        TreeWalk.walk(repository, root.tree(), new TreeWalk.Visitor() {
          @Override
          public void file(List<String> folder, Node.File file) {
            used.addAll(file.chunks());
          }

          @Override
          public void tree(BlobId tree) {
            used.add(tree);
          }
        });
      }
    }
    return used;
  }
}
