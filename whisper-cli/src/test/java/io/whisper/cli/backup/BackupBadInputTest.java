package io.whisper.cli.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.whisper.cli.CliRun;
import io.whisper.s3.S3ProxyExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Bad input: one line on stderr naming what is wrong, a non-zero status, nothing changed. */
@Tag("slow") // starts s3proxy
class BackupBadInputTest {
  @RegisterExtension static final S3ProxyExtension S3 = new S3ProxyExtension();

  @TempDir Path temp;

  @AfterEach
  void restoreEnvironment() {
    RepositoryOption.environment = System.getenv();
  }

  private static void assertOneLineError(CliRun run, int status, String command, String part) {
    assertEquals(status, run.status(), run.err() + run.out());
    assertTrue(run.err().startsWith("whisper " + command + ": "), run.err());
    assertTrue(run.err().contains(part), "'" + part + "' in " + run.err());
    assertEquals(1, run.err().lines().count(), run.err());
  }

  @Test
  void noRepositoryIsAUsageError() {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.remove("WHISPER_REPOSITORY");
    RepositoryOption.environment = env;
    CliRun run = CliRun.of("snapshots");
    assertEquals(2, run.status(), run.err());
    assertTrue(run.err().contains("give -r REPO or set WHISPER_REPOSITORY"), run.err());
  }

  @Test
  void aFolderWithoutARepositoryIsNamed() {
    Path missing = temp.resolve("nothing");
    assertOneLineError(CliRun.of("snapshots", "-r", missing.toString()), 1, "snapshots",
        "no repository here");
    assertOneLineError(CliRun.of("restore", "-r", missing.toString(), "latest", "--to",
        temp.resolve("out").toString()), 1, "restore", "no repository here");
    assertTrue(Files.notExists(missing), "nothing is created by a read");
  }

  @Test
  void wrongCredentialsAreNamed() throws IOException {
    String bucket = S3.server().newBucket("x").bucket();
    Map<String, String> env = new HashMap<>(S3.server().env());
    env.put("AWS_SECRET_ACCESS_KEY", "wrong");
    RepositoryOption.environment = env;
    Path tree = temp.resolve("tree");
    BackupTrees.create(tree, 1, System.currentTimeMillis() / 1000, new Random(1));
    CliRun run = CliRun.of("backup", "-r", "s3://" + bucket + "/x", tree.toString());
    assertEquals(1, run.status(), run.err());
    assertTrue(run.err().startsWith("whisper backup: "), run.err());
    assertTrue(run.err().contains("403") || run.err().contains("SignatureDoesNotMatch")
        || run.err().contains("AccessDenied"), run.err());
  }

  @Test
  void aMissingBucketIsNamed() {
    Map<String, String> env = new HashMap<>(S3.server().env());
    RepositoryOption.environment = env;
    CliRun run = CliRun.of("snapshots", "-r", "s3://no-such-bucket-here/x");
    assertEquals(1, run.status(), run.err());
    assertTrue(run.err().startsWith("whisper snapshots: "), run.err());
    assertTrue(run.err().contains("no-such-bucket-here"), run.err());
  }

  @Test
  void aMissingFolderToBackUpIsAUsageError() {
    CliRun run = CliRun.of("backup", "-r", temp.resolve("repo").toString(),
        temp.resolve("none").toString());
    assertEquals(2, run.status());
    assertTrue(run.err().contains("no such folder"), run.err());
    assertTrue(Files.notExists(temp.resolve("repo")));
  }

  @Test
  void aFullDiskFailsTheBackupAndLeavesTheRepositoryWhole() throws Exception {
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
        "mounting a small tmpfs needs root (CI runs as root)");
    Path mount = temp.resolve("small");
    Files.createDirectories(mount);
    Process mounting = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs",
        mount.toString()).inheritIO().start();
    Assumptions.assumeTrue(mounting.waitFor() == 0, "cannot mount a tmpfs here");
    try {
      String repo = mount.resolve("repo").toString();
      Path small = temp.resolve("small-tree");
      BackupTrees.create(small, 1, System.currentTimeMillis() / 1000, new Random(2));
      assertEquals(0, CliRun.of("backup", "-r", repo, small.toString()).status());
      Path big = temp.resolve("tree");
      long now = System.currentTimeMillis() / 1000;
      Random random = new Random(3);
      for (Path file : BackupTrees.create(big, 100, now, random)) {
        BackupTrees.writeNoise(file, now, random); // 100 files of about 15 KB compressed
      }
      CliRun run = CliRun.of("backup", "-r", repo, big.toString());
      assertOneLineError(run, 1, "backup", "No space left on device");
      // Only whole objects, no temporary files, and the first snapshot restores.
      try (var walk = Files.walk(mount)) {
        assertTrue(walk.noneMatch(p -> p.getFileName().toString().startsWith(".")),
            "a temporary file was left behind");
      }
      assertEquals(1, CliRun.of("snapshots", "-r", repo).out().lines().count());
      CliRun check = CliRun.of("check", "-r", repo, "--read-data");
      assertEquals(0, check.status(), check.out() + check.err());
      Path out = temp.resolve("out");
      assertEquals(0, CliRun.of("restore", "-r", repo, "latest", "--to", out.toString())
          .status());
      assertEquals(BackupTrees.contents(small).keySet(), BackupTrees.contents(out).keySet());
    } finally {
      new ProcessBuilder("umount", mount.toString()).inheritIO().start().waitFor();
    }
  }

  @Test
  void anS3ServerStoppedMidUploadFailsTheBackupWhichTheNextRunCompletes() throws Exception {
    String bucket = S3.server().newBucket("mid").bucket();
    Map<String, String> env = new HashMap<>(S3.server().env());
    RepositoryOption.environment = env;
    String repo = "s3://" + bucket + "/mid";
    Path tree = temp.resolve("tree");
    BackupTrees.create(tree, 60, System.currentTimeMillis() / 1000, new Random(4));
    assertEquals(0, CliRun.of("init", "-r", repo, "--pack-size", "32768").status());
    java.util.concurrent.CompletableFuture<CliRun> backup =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> CliRun.of("backup", "-r", repo, "-j", "1", tree.toString()));
    // Stop the server once some packs are stored: mid-upload.
    Path objects = S3.server().dataDir().resolve(bucket);
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (countPacks(objects) < 3 && !backup.isDone() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    S3.server().kill();
    CliRun failed;
    try {
      failed = backup.get(120, java.util.concurrent.TimeUnit.SECONDS);
    } finally {
      S3.server().restart();
    }
    assertOneLineError(failed, 1, "backup", S3.server().endpoint().toString());
    assertEquals(0, CliRun.of("snapshots", "-r", repo).out().lines().count(),
        "no snapshot of a failed backup");
    CliRun check = CliRun.of("check", "-r", repo, "--read-data");
    assertEquals(0, check.status(), check.out() + check.err());
    CliRun again = CliRun.of("backup", "-r", repo, tree.toString());
    assertEquals(0, again.status(), again.err());
    Path out = temp.resolve("out");
    assertEquals(0, CliRun.of("restore", "-r", repo, "latest", "--to", out.toString())
        .status());
    BackupTrees.assertSameTree(tree, out);
  }

  private static long countPacks(Path bucket) throws IOException {
    if (!Files.isDirectory(bucket)) {
      return 0;
    }
    try (var walk = Files.walk(bucket)) {
      return walk.filter(p -> p.toString().contains("/data/")).filter(Files::isRegularFile)
          .count();
    }
  }

  @Test
  void aMistypedCommandSuggestsTheNearestByEdits() {
    for (String[] typo : new String[][] {{"bakcup", "backup"}, {"chekc", "check"},
        {"snapshot", "snapshots"}, {"fecth", "fetch"}, {"restor", "restore"}}) {
      CliRun run = CliRun.of(typo[0]);
      assertEquals(2, run.status());
      assertTrue(run.err().contains("did you mean " + typo[1] + "?"), run.err());
    }
  }

  @Test
  void forgetWithoutARuleIsAUsageError() {
    CliRun run = CliRun.of("forget", "-r", temp.resolve("repo").toString());
    assertEquals(2, run.status());
    assertTrue(run.err().contains("--keep-"), run.err());
  }
}
