package io.whisper.cli.names;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.whisper.cli.CliRun;
import io.whisper.core.AggregationMethod;
import io.whisper.core.Allocation;
import io.whisper.core.Retention;
import io.whisper.core.TestFiles;
import io.whisper.core.Whisper;
import io.whisper.core.WhisperFile;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fsck, fill and move through the real launcher with no locale ({@code env -i}, as cron runs
 * them) over names that are UTF-8 but not ASCII, not UTF-8 at all, or hold an escape sequence
 * and a newline: every file is processed, and text output prints each name on one line with
 * its control characters escaped. (Before: the first non-ASCII name stopped the whole run with
 * "Malformed input or input contains unmappable characters", a name that is not UTF-8 was
 * "no such file" or "skipped ... missing", and names were printed raw.)
 */
@Tag("slow") // processes of their own
class HostileNamesTest {
  private static final long NOW = 1_700_000_017L;
  private static final long T = NOW - NOW % 60;
  /** The names as URI path segments: the bytes exactly, whatever the test JVM's locale. */
  private static final List<String> NAMES = List.of(
      "caf%C3%A9.wsp", "bad%FF.wsp", "ctl%1B%5B31mred%0Ax.wsp", "plain.wsp");
  /** The same names as text output must print them. */
  private static final List<String> SHOWN = List.of(
      "café.wsp", "bad\uFFFD.wsp", "ctl\\u001b[31mred\\nx.wsp", "plain.wsp");
  private static final Map<String, String> NO_LOCALE = Map.of();

  @TempDir Path dir;
  private Processes whisper;

  @BeforeEach
  void launcher() throws IOException {
    whisper = Processes.in(dir);
  }

  @Test
  void fsckChecksEveryNameAndFixMovesTheCorruptOneByItsBytes() throws Exception {
    for (String name : NAMES) {
      create(named("tree", name), 1.0);
    }
    try (FileChannel truncate = FileChannel.open(named("tree", "bad%FF.wsp"),
        StandardOpenOption.WRITE)) {
      truncate.truncate(100);
    }

    CliRun run = whisper.launcher(dir, NO_LOCALE, "fsck", "-v", "tree");

    assertEquals(4, run.status(), run.err());
    assertEquals(List.of(
        "tree/bad\uFFFD.wsp: file has 100 bytes but its archives need 148",
        "tree/café.wsp: ok",
        "tree/ctl\\u001b[31mred\\nx.wsp: ok",
        "tree/plain.wsp: ok"), run.out().lines().toList());
    assertTrue(run.err().startsWith("whisper fsck: 4 files"), run.err());
    assertTrue(run.err().contains(": 1 corrupt"), run.err());

    CliRun fix = whisper.launcher(dir, NO_LOCALE, "fsck", "-f", "--min-age", "0", "tree");

    assertEquals(1, fix.status(), fix.out() + fix.err());
    List<String> names = rawNames(dir.resolve("tree"));
    assertEquals(4, names.size(), names.toString());
    assertTrue(names.stream().anyMatch(n -> n.startsWith("bad%FF.wsp.corrupt.")), names.toString());
    assertFalse(names.contains("bad%FF.wsp"), names.toString());
  }

  @Test
  void fillFillsEveryNameAndPrintsEachOnOneEscapedLine() throws Exception {
    for (String name : NAMES) {
      create(named("src", name), 7.0);
      if (!name.startsWith("ctl")) {
        create(named("dst", name), null);
      }
    }

    CliRun run = whisper.launcher(dir, NO_LOCALE, "fill", "--now=" + NOW, "src", "dst");

    assertEquals(0, run.status(), run.err());
    assertEquals("skipped dst/" + SHOWN.get(2) + ": missing (--copy-missing copies it)\n",
        run.out());
    assertTrue(run.err().startsWith("whisper fill: 4 files: 3 filled (3 slots), 0 complete,"
        + " 0 copied, 1 skipped, 0 failed"), run.err());
    for (String name : NAMES) {
      if (!name.startsWith("ctl")) {
        assertEquals(7.0, valueAt(named("dst", name)), name);
      }
    }
  }

  @Test
  void moveMovesEveryNameByItsBytes() throws Exception {
    for (String name : NAMES) {
      create(named("old/a", name), 3.0);
    }

    CliRun run = whisper.launcher(dir, NO_LOCALE, "move", "old", "new");

    assertEquals(0, run.status(), run.err());
    assertEquals("whisper move: moved 4: 4 renamed, 0 copied, 0 merged; 0 failed\n", run.err());
    assertEquals(List.of(), rawNames(dir.resolve("old/a")));
    assertEquals(NAMES.stream().sorted().toList(), rawNames(dir.resolve("new/a")));
    for (String name : NAMES) {
      assertEquals(3.0, valueAt(named("new/a", name)), name);
    }
  }

  @Test
  void aMoveThatFailsNamesTheFilesOnOneEscapedLine() throws Exception {
    Path source = named("old", "ctl%1B%5B31mred%0Ax.wsp");
    Files.createDirectories(source.getParent());
    Files.writeString(source, "not whisper");

    CliRun run = whisper.launcher(dir, NO_LOCALE, "move", "old", "new");

    assertEquals(1, run.status(), run.err());
    List<String> lines = run.err().lines().toList();
    assertEquals(2, lines.size(), run.err());
    assertTrue(lines.get(0).startsWith("whisper move: old/" + SHOWN.get(2) + " -> new/"
        + SHOWN.get(2) + ": "), lines.get(0));
    assertFalse(run.err().contains("\033"), run.err());
  }

  /**
   * A name that is not UTF-8 given as an argument, or on a line of a move batch, names that
   * very file (before: decoded to U+FFFD, it named another one, "no such file").
   */
  @Test
  void argumentsAndBatchLinesThatAreNotUtf8NameTheirFiles() throws Exception {
    create(named("tree", "bad%FF.wsp"), 2.0);

    CliRun fsck = whisper.launcherFromShell(dir, "fsck -v \"$(printf 'tree/bad\\377.wsp')\"");

    assertEquals(0, fsck.status(), fsck.err());
    assertEquals("tree/bad\uFFFD.wsp: ok\n", fsck.out());

    byte[] line = "tree/bad\u00ff.wsp moved/bad\u00ff.wsp\n".getBytes(StandardCharsets.ISO_8859_1);
    Files.write(dir.resolve("plan.txt"), line);
    CliRun move = whisper.launcher(dir, NO_LOCALE, "move", "--batch", "plan.txt");

    assertEquals(0, move.status(), move.err());
    assertEquals(List.of(), rawNames(dir.resolve("tree")));
    assertEquals(List.of("bad%FF.wsp"), rawNames(dir.resolve("moved")));
    assertEquals(2.0, valueAt(named("moved", "bad%FF.wsp")));
  }

  private Path named(String folder, String uriName) throws IOException {
    Path parent = Files.createDirectories(dir.resolve(folder));
    return Path.of(URI.create(parent.toUri().getRawPath().replaceFirst("^", "file://") + uriName));
  }

  // The names in a folder as URI segments (the bytes exactly), sorted.
  private static List<String> rawNames(Path folder) throws IOException {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
      for (Path entry : entries) {
        String raw = entry.toUri().getRawPath();
        names.add(raw.substring(raw.lastIndexOf('/') + 1));
      }
    }
    return names.stream().sorted().toList();
  }

  private static void create(Path path, Double value) throws IOException {
    Whisper.create(path, List.of(Retention.parse("1m:10m")), 0.5, AggregationMethod.AVERAGE,
        Allocation.ZERO_FILL, false);
    if (value != null) {
      try (WhisperFile file = WhisperFile.openForUpdate(path)) {
        file.writeSlot(0, T - 60, value);
      }
    }
  }

  private static Double valueAt(Path path) throws IOException {
    return TestFiles.valueAt(path, 0, T - 60);
  }
}
