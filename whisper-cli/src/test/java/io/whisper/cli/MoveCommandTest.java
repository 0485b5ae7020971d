package io.whisper.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.whisper.core.AggregationMethod;
import io.whisper.core.Allocation;
import io.whisper.core.Point;
import io.whisper.core.Retention;
import io.whisper.core.TestFiles;
import io.whisper.core.Whisper;
import io.whisper.core.WhisperFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MoveCommandTest {
  // One clock for every file of a test, so points of two files can share a slot.
  private static final long NOW = System.currentTimeMillis() / 1000;

  @TempDir Path dir;

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  private static Path create(Path path, double value) throws IOException {
    Files.createDirectories(path.getParent());
    Whisper.create(path, List.of(Retention.parse("1s:10m")), 0.5, AggregationMethod.AVERAGE,
        Allocation.SPARSE, false);
    try (WhisperFile file = WhisperFile.openForUpdate(path)) {
      file.updateMany(List.of(new Point(NOW - 5, value)), NOW);
    }
    return path;
  }

  private static List<Double> values(Path path) throws IOException {
    return java.util.Arrays.stream(TestFiles.slotValues(path, 0)).boxed()
        .filter(v -> v != 0.0).toList();
  }

  private List<String> files() throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString())
          .sorted().toList();
    }
  }

  @Test
  void movesOneFileSilently() throws IOException {
    create(dir.resolve("a.wsp"), 1.5);
    CliRun r = run("move", dir.resolve("a.wsp").toString(), dir.resolve("new/x/a.wsp").toString());
    assertEquals(new CliRun(0, "", ""), r);
    assertEquals(List.of("new/x/a.wsp"), files());
    assertEquals(List.of(1.5), values(dir.resolve("new/x/a.wsp")));
  }

  @Test
  void aFailedSingleMoveSaysWhyInOneLine() throws IOException {
    CliRun r = run("move", dir.resolve("none.wsp").toString(), dir.resolve("b.wsp").toString());
    assertEquals(1, r.status());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().startsWith("whisper move: ") && r.err().contains("no such file or directory"), r.err());
  }

  @Test
  void batchReportsBadLinesByNumberAndMovesTheRest() throws IOException {
    create(dir.resolve("a.wsp"), 1);
    create(dir.resolve("b.wsp"), 2);
    Path list = dir.resolve("list.txt");
    Files.writeString(list, String.join("\n",
        "# rebalance plan",
        "",
        dir.resolve("a.wsp") + " " + dir.resolve("n/a.wsp"),
        dir.resolve("missing.wsp") + " " + dir.resolve("n/missing.wsp"),
        "one two three",
        "  " + dir.resolve("b.wsp") + "\t" + dir.resolve("n/b.wsp") + "  ",
        ""));

    CliRun r = run("move", "--batch", list.toString());

    assertEquals(1, r.status());
    List<String> errors = r.err().lines().toList();
    assertEquals(3, errors.size(), r.err());
    assertTrue(errors.get(0).startsWith("whisper move: line 4: "), errors.get(0));
    assertTrue(errors.get(1).startsWith("whisper move: line 5: "), errors.get(1));
    assertEquals("whisper move: moved 2: 2 renamed, 0 copied, 0 merged; 2 failed", errors.get(2));
    assertEquals("", r.out());
    assertEquals(List.of("list.txt", "n/a.wsp", "n/b.wsp"), files());
  }

  /**
   * A batch that names a file twice is refused whole, before anything moves, with both line
   * numbers (before: two sources for one destination were renamed and merged, and the second
   * source deleted with its values at shared timestamps).
   */
  @Test
  void batchNamingAFileTwiceIsRefusedBeforeAnythingMoves() throws IOException {
    create(dir.resolve("a.wsp"), 1);
    create(dir.resolve("b.wsp"), 2);
    create(dir.resolve("c.wsp"), 3);
    Path list = dir.resolve("list.txt");
    Files.writeString(list, String.join("\n",
        dir.resolve("c.wsp") + " " + dir.resolve("n/c.wsp"),
        dir.resolve("a.wsp") + " " + dir.resolve("n/x.wsp"),
        "# a comment",
        dir.resolve("b.wsp") + " " + dir.resolve("n/./x.wsp"),
        dir.resolve("a.wsp") + " " + dir.resolve("n/y.wsp"),
        ""));

    for (String dryRun : List.of("-n", "-j1")) {
      CliRun r = run("move", dryRun, "--batch", list.toString());

      assertEquals(2, r.status(), r.err());
      assertEquals("", r.out());
      assertEquals(List.of(
          "whisper move: line 4: " + dir.resolve("n/./x.wsp") + " is also named on line 2",
          "whisper move: line 5: " + dir.resolve("a.wsp") + " is also named on line 2",
          "whisper move: nothing moved: a batch names each file once"), r.err().lines().toList());
      assertEquals(List.of("a.wsp", "b.wsp", "c.wsp", "list.txt"), files());
    }
  }

  @Test
  void batchFromStandardInputWithJsonRecords() throws IOException {
    create(dir.resolve("a.wsp"), 1);
    create(dir.resolve("b.wsp"), 2);
    create(dir.resolve("n/b.wsp"), 3);
    String plan = dir.resolve("a.wsp") + " " + dir.resolve("n/a.wsp") + "\n"
        + dir.resolve("b.wsp") + " " + dir.resolve("n/b.wsp") + "\n"
        + dir.resolve("c.wsp") + " " + dir.resolve("n/c.wsp") + "\n";
    InputStream stdin = System.in;
    CliRun r;
    try {
      System.setIn(new ByteArrayInputStream(plan.getBytes(StandardCharsets.UTF_8)));
      r = run("move", "--json", "-j", "2", "--batch", "-");
    } finally {
      System.setIn(stdin);
    }
    assertEquals(1, r.status(), r.err());
    assertEquals("", r.err());
    List<String> records = r.out().lines().toList();
    assertEquals(4, records.size(), r.out());
    assertEquals("{\"summary\": true, \"renamed\": 1, \"copied\": 0, \"merged\": 1, \"failed\": 1,"
        + " \"dry_run\": false, \"exit\": 1}", records.get(3));
    assertEquals("{\"line\": 1, \"source\": \"" + dir.resolve("a.wsp") + "\", \"destination\": \""
        + dir.resolve("n/a.wsp") + "\", \"action\": \"renamed\", \"status\": \"ok\"}",
        records.get(0));
    assertTrue(records.get(1).contains("\"action\": \"merged\", \"status\": \"ok\","
        + " \"slots_filled\": 0}"), records.get(1));
    assertTrue(records.get(2).startsWith("{\"line\": 3,")
        && records.get(2).contains("\"action\": null, \"status\": \"failed\", \"error\": \"no such"),
        records.get(2));
    assertEquals(List.of("n/a.wsp", "n/b.wsp"), files());
    assertEquals(List.of(3.0), values(dir.resolve("n/b.wsp"))); // same slot: dst's data wins
  }

  @Test
  void treeMovesEveryWspToTheSameRelativePath() throws IOException {
    Path from = dir.resolve("old");
    create(from.resolve("app/cpu.wsp"), 1);
    create(from.resolve("app/disk/sda.wsp"), 2);
    create(from.resolve("z.wsp"), 3);
    Files.writeString(from.resolve("app/notes.txt"), "not whisper");

    CliRun r = run("move", "-j", "2", from.toString(), dir.resolve("new").toString());

    assertEquals(0, r.status(), r.err());
    assertEquals("whisper move: moved 3: 3 renamed, 0 copied, 0 merged; 0 failed\n", r.err());
    assertEquals("", r.out());
    assertEquals(List.of("new/app/cpu.wsp", "new/app/disk/sda.wsp", "new/z.wsp",
        "old/app/notes.txt"), files());
    assertEquals(List.of(2.0), values(dir.resolve("new/app/disk/sda.wsp")));
  }

  @Test
  void dryRunSaysWhatItWouldDoAndChangesNothing() throws IOException {
    Path from = dir.resolve("old");
    create(from.resolve("a.wsp"), 1);
    create(from.resolve("b.wsp"), 2);
    create(dir.resolve("new/b.wsp"), 3);

    CliRun r = run("move", "-n", "--copy", from.toString(), dir.resolve("new").toString());

    assertEquals(0, r.status(), r.err());
    assertEquals("would copy " + from.resolve("a.wsp") + " -> " + dir.resolve("new/a.wsp") + "\n"
        + "would merge " + from.resolve("b.wsp") + " -> " + dir.resolve("new/b.wsp")
        + " (0 slots to fill)\n", r.out());
    assertEquals("whisper move: would move 2: 0 renamed, 1 copied, 1 merged; 0 failed\n", r.err());
    assertEquals(List.of("new/b.wsp", "old/a.wsp", "old/b.wsp"), files());
  }

  @Test
  void usageErrorsExitTwo() throws IOException {
    Path from = Files.createDirectories(dir.resolve("old"));
    assertEquals(2, run("move").status());
    assertEquals(2, run("move", "only-one").status());
    assertEquals(2, run("move", "--batch", "x", "a", "b").status());
    assertEquals(2, run("move", "-j", "0", "a", "b").status());
    assertEquals(2, run("move", "--batch", dir.resolve("no-such-list").toString()).status());
    CliRun inside = run("move", from.toString(), from.resolve("sub").toString());
    assertEquals(2, inside.status());
    assertTrue(inside.err().contains("is inside"), inside.err());
  }

  @Test
  void aFileIsNotMovedOntoAFolder() throws IOException {
    create(dir.resolve("a.wsp"), 1);
    Files.createDirectories(dir.resolve("folder"));
    CliRun r = run("move", dir.resolve("a.wsp").toString(), dir.resolve("folder").toString());
    assertEquals(1, r.status());
    assertTrue(r.err().contains("is a folder"), r.err());
    assertFalse(Files.exists(dir.resolve("folder/a.wsp")));
    assertTrue(Files.exists(dir.resolve("a.wsp")));
  }
}
