package io.whisper.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.whisper.backup.store.LocalStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prune keeps every pack its index names, whatever a killed prune left behind. */
class PruneTest {
  @TempDir Path temp;

  @Test
  void aPackRepackedAgainUnderAKilledPrunesOrphanNameIsKept() throws IOException {
    LocalStore store = new LocalStore(temp.resolve("repo"));
    Repository repo = Repository.init(store, new RepositoryConfig(4096, 8192));
    Random random = new Random(3);
    List<BlobId> data = new ArrayList<>();
    BlobId tree;
    try (BlobWriter writer = new BlobWriter(repo, 1)) {
      for (int i = 0; i < 6; i++) {
        byte[] raw = new byte[3000];
        random.nextBytes(raw);
        data.add(BlobId.hash(raw));
        writer.add(BlobType.DATA, data.getLast(), BlobCodec.encode(raw, 0, raw.length, true));
      }
      // The snapshot needs one blob of each pack of two: every pack is repacked.
      List<BlobId> needed = List.of(data.get(0), data.get(2), data.get(4));
      tree = writer.add(new Tree(List.of(
          new Node.File("a.wsp", 9000, 1, 1, 0644, 0, 0, needed))));
      writer.finish();
    }
    repo = Repository.open(store);
    repo.save(new Snapshot(null, Instant.parse("2026-12-04T00:00:00Z"), "h",
        List.of(new Snapshot.Root("/srv", tree)), 1, 9000));
    List<String> before = store.list("data/");

    // A prune killed after writing its repacked packs, before their index: the same prune on a
    // copy, whose new packs are then put into the repository with no index naming them.
    Path copy = temp.resolve("copy");
    copyTree(temp.resolve("repo"), copy);
    LocalStore copied = new LocalStore(copy);
    Prune.run(Repository.open(copied), false);
    List<String> orphans = new ArrayList<>(copied.list("data/"));
    orphans.removeAll(before);
    assertFalse(orphans.isEmpty(), "the prune repacked nothing");
    for (String orphan : orphans) {
      assertTrue(store.putIfAbsent(orphan, copied.get(orphan)));
    }

    Prune.run(Repository.open(store), false);
    Repository pruned = Repository.open(store);
    List<String> packs = store.list("data/");
    for (BlobId pack : pruned.index().packs().keySet()) {
      assertTrue(packs.contains(Pack.name(pack)), Pack.name(pack) + " is named but gone");
    }
    assertTrue(packs.containsAll(orphans), "the repack wrote the orphans again: " + packs);
    List<BlobId> needed = List.of(data.get(0), data.get(2), data.get(4));
    List<byte[]> back = pruned.read(needed);
    for (int i = 0; i < needed.size(); i++) {
      assertEquals(needed.get(i), BlobId.hash(back.get(i)));
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (var paths = Files.walk(from)) {
      for (Path path : paths.toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target);
        }
      }
    }
  }
}
