package io.whisper.cli.names;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.whisper.cli.CliRun;
import io.whisper.core.AggregationMethod;
import io.whisper.core.Allocation;
import io.whisper.core.Retention;
import io.whisper.core.TestFiles;
import io.whisper.core.Whisper;
import io.whisper.core.WhisperFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fill and move where permissions refuse something, run as a user without root's powers (root
 * ignores permissions): created for the test when we are root, else whoever we are.
 */
@Tag("slow") // processes of their own
class PermissionsTest {
  private static final long NOW = 1_700_000_017L;
  private static final long T = NOW - NOW % 60;

  @TempDir Path dir;
  private Processes whisper;

  @BeforeAll
  static void user() throws Exception {
    Processes.createUser();
  }

  @AfterAll
  static void noUser() throws Exception {
    Processes.removeUser();
  }

  @BeforeEach
  void layout() throws IOException {
    whisper = Processes.in(dir);
  }

  @AfterEach
  void deletable() throws IOException { // give back what the test took away, for @TempDir
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path path : all.filter(Files::isDirectory).toList()) {
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxrwxrwx"));
      }
    }
  }

  /** A destination folder that may not be searched: its files are an error, not "missing". */
  @Test
  void fillIntoAFolderThatCannotBeSearchedFailsNamingTheFile() throws Exception {
    create(dir.resolve("src/a/x.wsp"), 5.0);
    create(dir.resolve("src/b/y.wsp"), 6.0);
    Path x = create(dir.resolve("dst/a/x.wsp"), null);
    Path y = create(dir.resolve("dst/b/y.wsp"), null);
    writableByAll(dir.resolve("dst/a/x.wsp"), dir.resolve("dst/b/y.wsp"));
    Files.setPosixFilePermissions(dir.resolve("dst/a"), PosixFilePermissions.fromString("rw-rw-rw-"));

    CliRun run = whisper.unprivileged("fill", "--now=" + NOW, "src", "dst");

    assertEquals(1, run.status(), run.out() + run.err());
    assertEquals("", run.out());
    List<String> errors = run.err().lines().toList();
    assertEquals("whisper fill: dst/a/x.wsp: permission denied", errors.get(0), run.err());
    assertTrue(errors.get(1).startsWith("whisper fill: 2 files: 1 filled (1 slot), 0 complete,"
        + " 0 copied, 0 skipped, 1 failed"), run.err());
    Files.setPosixFilePermissions(dir.resolve("dst/a"), PosixFilePermissions.fromString("rwxr-xr-x"));
    assertEquals(null, valueAt(x));
    assertEquals(6.0, valueAt(y));
  }

  /** The same for a folder named as DST: not "no such folder". */
  @Test
  void fillIntoADestinationThatCannotBeReachedSaysPermissionDenied() throws Exception {
    create(dir.resolve("src/x.wsp"), 5.0);
    create(dir.resolve("locked/dst/x.wsp"), null);
    Files.setPosixFilePermissions(dir.resolve("locked"), PosixFilePermissions.fromString("rw-rw-rw-"));

    CliRun run = whisper.unprivileged("fill", "--now=" + NOW, "src", "locked/dst");

    assertEquals(1, run.status(), run.out() + run.err());
    assertEquals("whisper fill: locked/dst: permission denied\n", run.err());
  }

  /**
   * A source whose folder may not be written cannot be removed: refused before the destination
   * is published (before: a full copy or a second link was left, and each rerun failed the same
   * way). Once the folder may be written, the same command moves it.
   */
  @Test
  void moveOfASourceThatCannotBeRemovedChangesNothingAndARerunFinishesOnceItCan()
      throws Exception {
    Path source = create(dir.resolve("ro/m.wsp"), 4.0);
    Files.createDirectories(dir.resolve("to"));
    writableByAll(dir.resolve("to"), source);
    Files.setPosixFilePermissions(dir.resolve("ro"), PosixFilePermissions.fromString("r-xr-xr-x"));
    byte[] before = Files.readAllBytes(source);

    for (String[] args : List.of(new String[] {"move", "--copy", "ro/m.wsp", "to/m.wsp"},
        new String[] {"move", "ro/m.wsp", "to/m.wsp"})) {
      CliRun run = whisper.unprivileged(args);

      assertEquals(1, run.status(), run.out() + run.err());
      assertEquals("whisper move: ro/m.wsp -> to/m.wsp: the source cannot be removed: its folder "
          + dir.resolve("ro") + " is not writable; nothing was changed\n", run.err());
      assertArrayEquals(before, Files.readAllBytes(source));
      try (Stream<Path> left = Files.list(dir.resolve("to"))) {
        assertEquals(List.of(), left.toList());
      }
    }

    Files.setPosixFilePermissions(dir.resolve("ro"), PosixFilePermissions.fromString("rwxrwxrwx"));
    CliRun rerun = whisper.unprivileged("move", "ro/m.wsp", "to/m.wsp");

    assertEquals(0, rerun.status(), rerun.err());
    assertFalse(Files.exists(source));
    assertEquals(4.0, valueAt(dir.resolve("to/m.wsp")));
  }

  /** The same on a read-only mount, which binds root too (a bind mount, when we are root). */
  @Test
  void moveFromAReadOnlyMountChangesNothing() throws Exception {
    Path source = create(dir.resolve("src/m.wsp"), 4.0);
    Path mounted = Files.createDirectories(dir.resolve("mnt"));
    Files.createDirectories(dir.resolve("to"));
    assumeTrue(Processes.isRoot() && run("mount", "--bind", source.getParent(), mounted) == 0,
        "cannot mount here");
    try {
      assumeTrue(run("mount", "-o", "remount,ro,bind", mounted, mounted) == 0, "no ro remount");
      byte[] before = Files.readAllBytes(source);

      String from = mounted.resolve("m.wsp").toString();
      String to = dir.resolve("to/m.wsp").toString();
      for (String[] args : List.of(new String[] {"move", "--copy", from, to},
          new String[] {"move", from, to})) {
        CliRun run = CliRun.of(args); // as root: only the mount refuses

        assertEquals(1, run.status(), run.out() + run.err());
        assertTrue(run.err().contains(": the source cannot be removed: its folder " + mounted
            + " is "), run.err());
        assertArrayEquals(before, Files.readAllBytes(source));
        try (Stream<Path> left = Files.list(dir.resolve("to"))) {
          assertEquals(List.of(), left.toList());
        }
      }
    } finally {
      run("umount", mounted);
    }
  }

  private static int run(Object... command) throws IOException, InterruptedException {
    return new ProcessBuilder(java.util.Arrays.stream(command).map(Object::toString).toList())
        .inheritIO().start().waitFor();
  }

  private static void writableByAll(Path... paths) throws IOException {
    for (Path path : paths) {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(
          Files.isDirectory(path) ? "rwxrwxrwx" : "rw-rw-rw-"));
    }
  }

  private static Path create(Path path, Double value) throws IOException {
    Files.createDirectories(path.getParent());
    Whisper.create(path, List.of(Retention.parse("1m:10m")), 0.5, AggregationMethod.AVERAGE,
        Allocation.ZERO_FILL, false);
    if (value != null) {
      try (WhisperFile file = WhisperFile.openForUpdate(path)) {
        file.writeSlot(0, T - 60, value);
      }
    }
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r--r--"));
    return path;
  }

  private static Double valueAt(Path path) throws IOException {
    return TestFiles.valueAt(path, 0, T - 60);
  }
}
