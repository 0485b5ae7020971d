package io.whisper.cli.backup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.whisper.backup.BlobId;
import io.whisper.backup.Index;
import io.whisper.backup.Node;
import io.whisper.backup.Pack;
import io.whisper.backup.Repository;
import io.whisper.backup.Snapshot;
import io.whisper.backup.TreeWalk;
import io.whisper.backup.store.LocalStore;
import io.whisper.backup.store.ObjectStore;
import io.whisper.backup.store.S3Store;
import io.whisper.cli.CliRun;
import io.whisper.core.TestFiles;
import io.whisper.s3.S3Client;
import io.whisper.s3.S3Config;
import io.whisper.s3.S3ProxyExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The backup commands end to end, each against a local folder and against S3 (s3proxy). */
@Tag("slow") // starts s3proxy
class BackupCommandTest {
  @RegisterExtension static final S3ProxyExtension S3 = new S3ProxyExtension();

  @TempDir Path temp;

  @AfterEach
  void restoreEnvironment() {
    RepositoryOption.environment = System.getenv();
  }

  private static long now() {
    return System.currentTimeMillis() / 1000;
  }

  private static CliRun ok(String... args) {
    CliRun run = CliRun.of(args);
    assertEquals(0, run.status(), () -> String.join(" ", args) + ": " + run.err() + run.out());
    return run;
  }

  private static String json(CliRun run, String key) {
    Matcher m = Pattern.compile("\"" + key + "\": (\"?[^,}\"]*)").matcher(run.out());
    assertTrue(m.find(), key + " in " + run.out());
    return m.group(1).replace("\"", "");
  }

  @ParameterizedTest
  @EnumSource(Repositories.class)
  void aRestoredTreeEqualsTheBackedUpTreeByteForByte(Repositories kind) throws IOException {
    String repo = kind.create(temp, S3);
    Path tree = temp.resolve("tree");
    BackupTrees.create(tree, 12, now(), new Random(1));
    CliRun backup = ok("backup", "-r", repo, "--json", tree.toString());
    assertEquals("12", json(backup, "files"));
    assertEquals("12", json(backup, "files_read"));

    ok("restore", "-r", repo, "latest", "--to", temp.resolve("out").toString());

    BackupTrees.assertSameTree(tree, temp.resolve("out"));
    assertTrue(ok("check", "-r", repo, "--read-data").out().contains("no damage found"));
    assertTrue(ok("snapshots", "-r", repo).out().contains(tree.toString()));
  }

  @ParameterizedTest
  @EnumSource(Repositories.class)
  void anUnchangedFileIsNotReadAndAChangedOneAddsOnlyItsChangedChunks(Repositories kind)
      throws IOException {
    String repo = kind.create(temp, S3);
    Path tree = temp.resolve("tree");
    long now = now();
    List<Path> files = BackupTrees.create(tree, 6, now, new Random(2));
    CliRun first = ok("backup", "-r", repo, "--json", tree.toString());
    CliRun second = ok("backup", "-r", repo, "--json", tree.toString());
    assertEquals("0", json(second, "files_read"));
    assertEquals("6", json(second, "files_unchanged"));
    assertEquals("0", json(second, "chunks_added"));

    BackupTrees.write(files.get(3), now + 60, 1, new Random(3)); // one new point
    CliRun third = ok("backup", "-r", repo, "--json", tree.toString());
    assertEquals("1", json(third, "files_read"));
    long added = Long.parseLong(json(third, "chunks_added"));
    // The new point, and its propagation into the two lower archives: at most 3 chunks of 14
    // plus the listings of the folders on its path.
    assertTrue(added >= 1 && added <= 3 + 4, "chunks added: " + added);
    assertTrue(Long.parseLong(json(third, "bytes_added"))
        < Long.parseLong(json(first, "bytes_added")) / 3, third.out() + " vs " + first.out());

    ok("restore", "-r", repo, "latest", "--to", temp.resolve("out").toString());
    assertArrayEquals(Files.readAllBytes(files.get(3)),
        Files.readAllBytes(temp.resolve("out").resolve(tree.relativize(files.get(3)))));
  }

  @ParameterizedTest
  @EnumSource(Repositories.class)
  void restoringIntoALiveFileFillsItsGapsAndTheLivePointsWin(Repositories kind)
      throws IOException {
    String repo = kind.create(temp, S3);
    Path tree = temp.resolve("tree");
    long now = now();
    Path file = BackupTrees.create(tree, 1, now, new Random(4)).getFirst();
    Map<Long, Double> backedUp = TestFiles.points(file);
    ok("backup", "-r", repo, tree.toString());

    // The live file lost its data and got new points meanwhile, some at the same times.
    Files.delete(file);
    io.whisper.core.Whisper.create(file, BackupTrees.SCHEMA);
    BackupTrees.write(file, now, 30, new Random(5));
    Map<Long, Double> live = TestFiles.points(file);

    CliRun restore = ok("restore", "-r", repo, "latest", "--to", tree.toString(), "--json");
    assertTrue(restore.out().contains("\"status\": \"filled\""), restore.out());
    Map<Long, Double> expected = new TreeMap<>(backedUp);
    expected.putAll(live); // the live file's points win
    assertEquals(expected, TestFiles.points(file));
    assertFalse(live.equals(backedUp));
  }

  @ParameterizedTest
  @EnumSource(Repositories.class)
  void overwriteReplacesTheLiveFileAndKeepsTheOldOneBeside(Repositories kind)
      throws IOException {
    String repo = kind.create(temp, S3);
    Path tree = temp.resolve("tree");
    long now = now();
    Path file = BackupTrees.create(tree, 1, now, new Random(6)).getFirst();
    byte[] backedUp = Files.readAllBytes(file);
    ok("backup", "-r", repo, tree.toString());
    BackupTrees.write(file, now + 60, 2, new Random(7));
    byte[] live = Files.readAllBytes(file);

    CliRun dry = ok("restore", "-r", repo, "latest", "--to", tree.toString(), "--overwrite",
        "-n");
    assertTrue(dry.out().contains("would replace"), dry.out());
    assertArrayEquals(live, Files.readAllBytes(file));

    ok("restore", "-r", repo, "latest", "--to", tree.toString(), "--overwrite");
    assertArrayEquals(backedUp, Files.readAllBytes(file));
    List<Path> kept;
    try (var list = Files.list(file.getParent())) {
      kept = list.filter(p -> p.getFileName().toString().contains(".before-restore-")).toList();
    }
    assertEquals(1, kept.size(), "the old file is kept beside");
    assertArrayEquals(live, Files.readAllBytes(kept.getFirst()));
  }

  @ParameterizedTest
  @EnumSource(Repositories.class)
  void restoreSelectsByPatternAndCatWritesOneFile(Repositories kind) throws IOException {
    String repo = kind.create(temp, S3);
    Path tree = temp.resolve("tree");
    List<Path> files = BackupTrees.create(tree, 9, now(), new Random(8));
    ok("backup", "-r", repo, tree.toString());

    Path out = temp.resolve("out");
    ok("restore", "-r", repo, "latest", "carbon/host1/*/*.wsp", "--to", out.toString());
    Map<String, byte[]> restored = BackupTrees.contents(out);
    assertEquals(3, restored.size(), restored.keySet().toString());
    assertTrue(restored.keySet().stream().allMatch(p -> p.startsWith("carbon/host1/")));

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CatCommand.output = bytes;
    try {
      String path = tree.relativize(files.get(4)).toString();
      ok("cat", "-r", repo, "latest", path);
      assertArrayEquals(Files.readAllBytes(files.get(4)), bytes.toByteArray());
      bytes.reset();
      ok("cat", "-r", repo, "latest", files.get(5).toString()); // by its absolute path
      assertArrayEquals(Files.readAllBytes(files.get(5)), bytes.toByteArray());
      CliRun missing = CliRun.of("cat", "-r", repo, "latest", "carbon/none.wsp");
      assertEquals(1, missing.status());
      assertTrue(missing.err().contains("not in snapshot"), missing.err());
    } finally {
      CatCommand.output = System.out;
    }
  }

  @ParameterizedTest
  @EnumSource(Repositories.class)
  void aDamagedBlobIsNamedByCheckAndRestoreRefusesOnlyItsFile(Repositories kind)
      throws IOException {
    String repo = kind.create(temp, S3);
    Path tree = temp.resolve("tree");
    List<Path> files = BackupTrees.create(tree, 5, now(), new Random(9));
    ok("backup", "-r", repo, tree.toString());
    Path victim = files.get(2);
    damageFirstChunk(kind, repo, tree.relativize(victim).toString());

    CliRun check = CliRun.of("check", "-r", repo);
    assertEquals(0, check.status(), "without --read-data the packs are not read: " + check.out());
    CliRun deep = CliRun.of("check", "-r", repo, "--read-data");
    assertEquals(1, deep.status(), deep.out());
    assertTrue(deep.out().contains("damaged: snapshot "), deep.out());
    assertTrue(deep.out().contains(victim.toString()), deep.out());
    assertEquals(1, deep.out().lines().filter(l -> l.startsWith("damaged: ")).count(),
        "only the file whose chunk was damaged: " + deep.out());

    Path out = temp.resolve("out");
    CliRun restore = CliRun.of("restore", "-r", repo, "latest", "--to", out.toString());
    assertEquals(1, restore.status());
    assertTrue(restore.err().contains(victim.getFileName().toString()), restore.err());
    Map<String, byte[]> restored = BackupTrees.contents(out);
    assertEquals(4, restored.size(), restored.keySet().toString());
    assertFalse(Files.exists(out.resolve(tree.relativize(victim))));
    for (Path file : files) {
      if (!file.equals(victim)) {
        assertArrayEquals(Files.readAllBytes(file),
            restored.get(tree.relativize(file).toString()));
      }
    }
    try (var walk = Files.walk(out)) {
      assertTrue(walk.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")),
          "no temporary file left");
    }
  }

  @ParameterizedTest
  @EnumSource(Repositories.class)
  void aBackupWithNothingChangedReusesTheListingsAndWritesOnlyItsSnapshot(Repositories kind)
      throws IOException {
    String repo = kind.create(temp, S3);
    Path tree = temp.resolve("tree");
    long now = now();
    List<Path> files = BackupTrees.create(tree, 6, now, new Random(12));
    ok("backup", "-r", repo, tree.toString());
    ObjectStore store = store(kind, repo);
    List<String> packs = store.list("data/");
    List<String> indexes = store.list("index/");

    ok("backup", "-r", repo, tree.toString());
    assertEquals(packs, store.list("data/"), "no pack written");
    assertEquals(indexes, store.list("index/"), "no index written");

    // One file of carbon/host1/sub1 changes: its folders' listings are new, host0's the same.
    Path changed = files.get(1);
    assertTrue(changed.toString().contains("carbon/host1/sub1"), changed.toString());
    BackupTrees.write(changed, now + 60, 1, new Random(13));
    ok("backup", "-r", repo, tree.toString());
    try (Repository repository = Repository.open(store)) {
      List<Snapshot> snapshots = repository.snapshots();
      assertEquals(3, snapshots.size());
      BlobId first = snapshots.get(0).roots().getFirst().tree();
      assertEquals(first, snapshots.get(1).roots().getFirst().tree());
      BlobId third = snapshots.get(2).roots().getFirst().tree();
      assertFalse(first.equals(third));
      assertEquals(folder(repository, first, "carbon", "host0"),
          folder(repository, third, "carbon", "host0"));
      assertFalse(folder(repository, first, "carbon", "host1")
          .equals(folder(repository, third, "carbon", "host1")));
    }
    Path out = temp.resolve("out");
    ok("restore", "-r", repo, "latest", "--to", out.toString());
    BackupTrees.assertSameTree(tree, out);
  }

  private static ObjectStore store(Repositories kind, String repo) throws IOException {
    return kind == Repositories.LOCAL ? new LocalStore(Path.of(repo))
        : new S3Store(S3Config.parse(repo, RepositoryOption.environment));
  }

  // The tree id of a folder below a snapshot root.
  private static BlobId folder(Repository repository, BlobId root, String... names)
      throws IOException {
    BlobId id = root;
    for (String name : names) {
      id = ((Node.Folder) repository.tree(id).find(name)).tree();
    }
    return id;
  }

  // Flips a byte inside the stored first chunk of a file (its header: unique to it).
  private void damageFirstChunk(Repositories kind, String repo, String path) throws IOException {
    ObjectStore store = store(kind, repo);
    try (Repository repository = Repository.open(store)) {
      Snapshot snapshot = repository.snapshot("latest");
      List<BlobId> chunk = new ArrayList<>();
      TreeWalk.walk(repository, snapshot.roots().getFirst().tree(), (folder, file) -> {
        if ((String.join("/", folder) + "/" + file.name()).equals(path)) {
          chunk.add(file.chunks().getFirst());
        }
      });
      Index.Location where = repository.index().find(chunk.getFirst());
      String name = Pack.name(where.pack());
      byte[] pack = store.get(name);
      pack[where.entry().offset() + where.entry().length() / 2] ^= 0x40;
      if (kind == Repositories.LOCAL) {
        Path file = Path.of(repo, name);
        file.toFile().setWritable(true);
        Files.write(file, pack);
      } else {
        new S3Client(S3Config.parse(repo, RepositoryOption.environment)).put(name, pack);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Repositories.class)
  void forgetWithPruneKeepsWhatTheKeptSnapshotsNeedAndNothingElse(Repositories kind)
      throws IOException {
    String repo = kind.create(temp, S3);
    Path tree = temp.resolve("tree");
    long now = now();
    List<Path> files = BackupTrees.create(tree, 6, now, new Random(10));
    ok("backup", "-r", repo, tree.toString());
    for (int round = 1; round <= 3; round++) {
      for (Path file : files) {
        if (Files.exists(file)) {
          BackupTrees.write(file, now + 60L * round, 1, new Random(round));
        }
      }
      Files.delete(files.get(round)); // a metric gone: its chunks only in older snapshots
      ok("backup", "-r", repo, tree.toString());
    }
    assertEquals(4, ok("snapshots", "-r", repo).out().lines().count());

    CliRun dry = ok("forget", "-r", repo, "--keep-last", "1", "--prune", "-n");
    assertTrue(dry.out().contains("would forget 3 snapshots"), dry.out());
    assertEquals(4, ok("snapshots", "-r", repo).out().lines().count());

    CliRun forget = ok("forget", "-r", repo, "--keep-last", "1", "--prune", "--json");
    assertTrue(forget.out().contains("\"packs_deleted\": "), forget.out());
    assertEquals(1, ok("snapshots", "-r", repo).out().lines().count());
    assertTrue(ok("check", "-r", repo, "--read-data").out().contains("no damage found"));

    Path out = temp.resolve("out");
    ok("restore", "-r", repo, "latest", "--to", out.toString());
    BackupTrees.assertSameTree(tree, out);

    // Nothing left to prune: a second prune frees nothing.
    CliRun again = ok("forget", "-r", repo, "--prune", "--json");
    assertTrue(again.out().contains("\"bytes_freed\": 0"), again.out());
  }

  @org.junit.jupiter.api.Test
  void aFileIsReadUnderASharedFlockThatWaitsForCarbonsExclusiveOne() throws Exception {
    String repo = Repositories.LOCAL.create(temp, S3);
    Path tree = temp.resolve("tree");
    long now = now();
    Path file = BackupTrees.create(tree, 1, now, new Random(12)).getFirst();
    java.util.concurrent.CompletableFuture<CliRun> backup;
    try (io.whisper.core.os.FileLock _ = io.whisper.core.os.FileLock.exclusive(file)) {
      backup = java.util.concurrent.CompletableFuture.supplyAsync(
          () -> CliRun.of("backup", "-r", repo, "--json", tree.toString()));
      Thread.sleep(1500);
      assertFalse(backup.isDone(), "the backup read the file while a writer held its lock");
      // The writer's update, through its lock (another flock on the file would wait for it).
      try (io.whisper.core.WhisperFile whisper = io.whisper.core.WhisperFile.open(
          file, io.whisper.core.WhisperFile.Options.UPDATE_UNLOCKED)) {
        whisper.update(42.0, now, now);
      }
    }
    CliRun done = backup.get(60, java.util.concurrent.TimeUnit.SECONDS);
    assertEquals(0, done.status(), done.err());
    // What was stored is the file after the write, not a torn or earlier state.
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CatCommand.output = bytes;
    try {
      ok("cat", "-r", repo, "latest", tree.relativize(file).toString());
    } finally {
      CatCommand.output = System.out;
    }
    assertArrayEquals(Files.readAllBytes(file), bytes.toByteArray());
  }

  @ParameterizedTest
  @EnumSource(Repositories.class)
  void anotherHostsExclusiveLockStopsABackupAndAStaleOneDoesNot(Repositories kind)
      throws IOException {
    String repo = kind.create(temp, S3);
    Path tree = temp.resolve("tree");
    BackupTrees.create(tree, 2, now(), new Random(11));
    ok("init", "-r", repo);
    ObjectStore store = store(kind, repo);
    store.putIfAbsent("locks/0123", ("host elsewhere\npid 1\nexclusive true\ntime "
        + java.time.Instant.now() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    CliRun locked = CliRun.of("backup", "-r", repo, tree.toString());
    assertEquals(1, locked.status());
    assertTrue(locked.err().startsWith("whisper backup: ") && locked.err().contains("is locked"),
        locked.err());
    assertEquals(1, locked.err().lines().count(), locked.err());
    assertEquals(0, ok("snapshots", "-r", repo).out().lines().count());

    store.delete("locks/0123");
    store.putIfAbsent("locks/4567", ("host elsewhere\npid 1\nexclusive true\ntime "
        + java.time.Instant.now().minusSeconds(31 * 60) + "\n")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    ok("backup", "-r", repo, tree.toString());
    assertEquals(List.of(), store.list("locks/"), "the stale lock is removed, ours released");
  }
}
