package io.whisper.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.whisper.backup.store.LocalStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Packs, indexes, trees, snapshots and the keep policy, on a local store. */
class RepositoryFormatTest {
  @TempDir Path temp;

  @Test
  void blobsWrittenArePackedIndexedAndReadBackVerified() throws IOException {
    LocalStore store = new LocalStore(temp.resolve("repo"));
    Repository repo = Repository.init(store, new RepositoryConfig(4096, 8192));
    List<BlobId> ids = new ArrayList<>();
    Random random = new Random(1);
    try (BlobWriter writer = new BlobWriter(repo, 2)) {
      for (int i = 0; i < 10; i++) {
        byte[] raw = new byte[3000];
        random.nextBytes(raw);
        BlobId id = BlobId.hash(raw);
        ids.add(id);
        assertTrue(writer.add(BlobType.DATA, id, BlobCodec.encode(raw, 0, raw.length, true)));
        assertFalse(writer.add(BlobType.DATA, id, BlobCodec.encode(raw, 0, raw.length, true)));
      }
      writer.finish();
    }
    assertTrue(store.list("data/").size() >= 3, "packs of about 8 KiB: " + store.list("data/"));
    Repository reopened = Repository.open(store);
    assertEquals(10, reopened.index().size());
    List<byte[]> back = reopened.read(ids);
    for (int i = 0; i < ids.size(); i++) {
      assertEquals(ids.get(i), BlobId.hash(back.get(i)));
    }
    // Each pack's trailer lists what the index says of it, and the pack is named by its hash.
    for (Map.Entry<BlobId, List<PackEntry>> pack : reopened.index().packs().entrySet()) {
      byte[] bytes = store.get(Pack.name(pack.getKey()));
      assertEquals(pack.getKey(), BlobId.hash(bytes));
      assertEquals(pack.getValue(), Pack.entries(bytes));
    }
  }

  @Test
  void treesAndSnapshotsRoundTrip() throws IOException {
    BlobId a = BlobId.hash(new byte[] {1});
    Tree tree = new Tree(List.of(
        new Node.File("z.wsp", 10, 123_456_789L, 42, 0644, 1000, 1000, List.of(a, a)),
        new Node.Folder("dir with space", a)));
    assertEquals(tree, Tree.decode(tree.encode()));
    assertEquals("dir with space", tree.nodes().getFirst().name(), "sorted by name");
    assertTrue(tree.find("z.wsp") instanceof Node.File);

    Snapshot snapshot = new Snapshot(null, Instant.parse("2026-01-02T03:04:05.678Z"), "node1",
        List.of(new Snapshot.Root("/srv/my whisper", a)), 7, 8);
    Repository repo = Repository.init(new LocalStore(temp.resolve("repo")),
        RepositoryConfig.defaults());
    Snapshot saved = repo.save(snapshot);
    Snapshot read = repo.snapshot(saved.id().hex().substring(0, 6));
    assertEquals(saved, read);
    assertEquals(List.of("/srv/my whisper"), read.paths());
    assertThrows(java.nio.file.NoSuchFileException.class, () -> repo.snapshot("ffffffff0"));
  }

  @Test
  void aSecondInitIsRefusedAndAForeignConfigIsNamed() throws IOException {
    LocalStore store = new LocalStore(temp.resolve("repo"));
    Repository.init(store, RepositoryConfig.defaults());
    IOException twice = assertThrows(IOException.class,
        () -> Repository.init(store, RepositoryConfig.defaults()));
    assertTrue(twice.getMessage().contains("already"), twice.getMessage());
    Files.createDirectories(temp.resolve("other"));
    Files.writeString(temp.resolve("other/config"), "something else\n");
    IOException foreign = assertThrows(IOException.class,
        () -> Repository.open(new LocalStore(temp.resolve("other"))));
    assertTrue(foreign.getMessage().contains("not a whisper backup repository"),
        foreign.getMessage());
  }

  @Test
  void keepPolicyKeepsTheNewestOfEachPeriod() {
    List<Snapshot> snapshots = new ArrayList<>();
    Instant start = Instant.parse("2026-03-01T00:30:00Z");
    for (int hour = 0; hour < 72; hour += 6) { // every 6 hours for 3 days
      snapshots.add(new Snapshot(BlobId.hash(new byte[] {(byte) hour}),
          start.plusSeconds(3600L * hour), "h", List.of(), 0, 0));
    }
    List<KeepPolicy.Decision> daily =
        new KeepPolicy(0, 0, 2, 0, 0, ZoneOffset.UTC).apply(snapshots);
    List<Instant> kept = daily.stream().filter(KeepPolicy.Decision::keep)
        .map(d -> d.snapshot().time()).toList();
    assertEquals(List.of(Instant.parse("2026-03-03T18:30:00Z"),
        Instant.parse("2026-03-02T18:30:00Z")), kept);
    List<KeepPolicy.Decision> last =
        new KeepPolicy(3, 0, 0, 0, 0, ZoneOffset.UTC).apply(snapshots);
    assertEquals(3, last.stream().filter(KeepPolicy.Decision::keep).count());
    assertEquals(12, last.size());
  }
}
