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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Bad input: one line on stderr naming what is wrong, a non-zero status, nothing changed. */
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
  void forgetWithoutARuleIsAUsageError() {
    CliRun run = CliRun.of("forget", "-r", temp.resolve("repo").toString());
    assertEquals(2, run.status());
    assertTrue(run.err().contains("--keep-"), run.err());
  }
}
