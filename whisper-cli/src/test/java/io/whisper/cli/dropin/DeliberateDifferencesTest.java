package io.whisper.cli.dropin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.whisper.cli.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the scripts are wrong we do the right thing (README: differences from whisper-*). */
class DeliberateDifferencesTest {
  private static final Path TESTDATA = Path.of(System.getProperty("whisper.testdata"));

  @TempDir Path dir;

  @Test
  void createRefusesZeroPointsAndLeavesNoFile() throws IOException {
    Path file = dir.resolve("z.wsp");
    CliRun run = CliRun.of("create", file.toString(), "1d:1h");
    assertEquals(1, run.status());
    assertEquals("", run.out());
    assertTrue(run.err().startsWith("[ERROR] Each archive must have at least one point"), run::toString);
    assertFalse(Files.exists(file));
    assertEquals(List.of(), list(dir));
  }

  @Test
  void createWithBadMethodOrNanLeavesNoFile() throws IOException {
    Path file = dir.resolve("m.wsp");
    CliRun method = CliRun.of("create", "--aggregationMethod=median", file.toString(), "60:10");
    assertEquals(new CliRun(1, "", "[ERROR] Unrecognized aggregation method: median\n"), method);
    CliRun nan = CliRun.of("create", "--xFilesFactor=nan", file.toString(), "60:10");
    assertEquals(new CliRun(1, "", "[ERROR] Invalid xFilesFactor nan, not between 0 and 1\n"), nan);
    assertEquals(List.of(), list(dir));
  }

  @Test
  void overwriteChecksEverythingBeforeItTouchesTheOldFile() throws IOException {
    Path file = dir.resolve("o.wsp");
    Files.copy(TESTDATA.resolve("good/agg-max.wsp"), file);
    byte[] before = Files.readAllBytes(file);
    for (List<String> bad : List.of(
        List.of("--aggregationMethod=median", "60:10"), List.of("--xFilesFactor=2", "60:10"),
        List.of("60:10", "60:20"), List.of("60:0"), List.of("1x:5"))) {
      String[] args = concat(List.of("create", "--overwrite", file.toString()), bad);
      CliRun run = CliRun.of(args);
      assertEquals(1, run.status(), run::toString);
      assertEquals("", run.out(), "no 'Overwriting' before a failure");
      assertArrayEquals(before, Files.readAllBytes(file), String.join(" ", bad));
    }
    assertEquals(List.of("o.wsp"), list(dir));
    CliRun ok = CliRun.of("create", "--overwrite", file.toString(), "60:10");
    assertEquals(new CliRun(0, "Overwriting existing file: " + file + "\nCreated: " + file
        + " (148 bytes)\n", ""), ok);
    assertEquals(List.of("o.wsp"), list(dir));
  }

  /** whisper-fetch 1.1.4 prints the value of 1020 at 840, the range's first slot; we, at 1020. */
  @Test
  void fetchDropKeepsValuesOnTheirOwnTimestamps() throws IOException {
    Path file = dir.resolve("d.wsp");
    assertEquals(0, CliRun.of("create", file.toString(), "60:10").status());
    assertEquals(0, Commands.updateAt(1100, "", file.toString(), "960:0", "1020:2.5").status());
    CliRun run = Commands.fetchAt(1100, "--drop=empty", "--from=800", "--until=1100", file.toString());
    assertEquals(new CliRun(0, "1020\t2.500000\n", ""), run);
    CliRun nulls = Commands.fetchAt(1100, "--drop=nulls", "--from=800", "--until=1100", file.toString());
    assertEquals(new CliRun(0, "960\t0.000000\n1020\t2.500000\n", ""), nulls);
    CliRun json = Commands.fetchAt(1100, "--json", "--drop=nulls", "--from=800", "--until=1100",
        file.toString());
    assertEquals(new CliRun(0, "{\n    \"start\" : 840,\n    \"end\" : 1140,\n    \"step\" : 60,\n"
        + "    \"values\" : [0.0, 2.5]\n  }\n", ""), json);
  }

  @Test
  void nanXFilesFactorIsRefusedAndTheFileKept() throws IOException {
    Path file = dir.resolve("x.wsp");
    Files.copy(TESTDATA.resolve("good/agg-sum.wsp"), file);
    byte[] before = Files.readAllBytes(file);
    assertEquals(new CliRun(1, "", "[ERROR] Invalid xFilesFactor nan, not between 0 and 1\n"),
        CliRun.of("set-xfilesfactor", file.toString(), "nan"));
    assertEquals(new CliRun(1, "", "[ERROR] Invalid xFilesFactor nan, not between 0 and 1\n"),
        CliRun.of("set-aggregation-method", file.toString(), "max", "NaN"));
    assertArrayEquals(before, Files.readAllBytes(file));
  }

  @Test
  void createInAMissingFolderNamesTheFileAsPythonDoes() {
    Path file = dir.resolve("no/such/a.wsp");
    assertEquals(new CliRun(1, "", "[ERROR] [Errno 2] No such file or directory: '" + file + "'\n"),
        CliRun.of("create", file.toString(), "60:10"));
  }

  @Test
  void errorsGoToStderr() throws IOException {
    Path file = dir.resolve("e.wsp");
    Files.copy(TESTDATA.resolve("good/agg-sum.wsp"), file);
    String expected = "Unknown field \"bogus\". Valid fields are "
        + "aggregationMethod,maxRetention,xFilesFactor,archives,fileSize\n";
    assertEquals(new CliRun(1, "", expected), CliRun.of("info", file.toString(), "bogus"));
    CliRun missing = CliRun.of("info", dir.resolve("missing.wsp").toString());
    assertEquals(new CliRun(1, "", "[ERROR] [Errno 2] No such file or directory: '"
        + dir.resolve("missing.wsp") + "'\n"), missing);
    CliRun usage = CliRun.of("fetch");
    assertEquals(1, usage.status());
    assertEquals("", usage.out());
    assertTrue(usage.err().startsWith("whisper fetch: expected one PATH\n"), usage::toString);
  }

  /** whisper-set-aggregation-method silently ignores an xFilesFactor given as a 4th argument. */
  @Test
  void setAggregationMethodRefusesExtraArguments() throws IOException {
    Path file = dir.resolve("s.wsp");
    Files.copy(TESTDATA.resolve("good/agg-sum.wsp"), file);
    byte[] before = Files.readAllBytes(file);
    CliRun run = CliRun.of("set-aggregation-method", file.toString(), "max", "0.1", "extra");
    assertEquals(1, run.status());
    assertArrayEquals(before, Files.readAllBytes(file));
  }

  /**
   * A header whisper.py accepts but fsck calls corrupt: info and dump show it as the scripts do;
   * fetch and update refuse it rather than read or write through it.
   */
  @Test
  void strictReadersRefuseWhatInfoShows() throws IOException {
    Path file = dir.resolve("c.wsp");
    Files.copy(TESTDATA.resolve("corrupt/max-retention-mismatch.wsp"), file);
    byte[] before = Files.readAllBytes(file);
    assertEquals(0, CliRun.of("info", file.toString()).status());
    assertEquals(0, CliRun.of("dump", file.toString()).status());
    CliRun fetch = Commands.fetchAt(1_700_000_000L, file.toString());
    assertEquals(1, fetch.status());
    assertTrue(fetch.err().startsWith("[ERROR] "), fetch::toString);
    CliRun update = Commands.updateAt(1_700_000_000L, "", file.toString(), "1699999990:1");
    assertEquals(1, update.status());
    assertTrue(update.err().startsWith("[ERROR] "), update::toString);
    assertArrayEquals(before, Files.readAllBytes(file));
  }

  @Test
  void blankLinesOnStdinAreSkippedAndNoPointsIsNoWrite() throws IOException {
    Path file = dir.resolve("u.wsp");
    assertEquals(0, CliRun.of("create", file.toString(), "60:10").status());
    byte[] before = Files.readAllBytes(file);
    assertEquals(new CliRun(0, "", ""), Commands.updateAt(1100, "\n  \n", file.toString()));
    assertArrayEquals(before, Files.readAllBytes(file));
    assertEquals(new CliRun(0, "", ""),
        Commands.updateAt(1100, "\n1020:1\n\n1080:2\n", file.toString()));
    assertEquals(new CliRun(0, "1020\t1.000000\n1080\t2.000000\n", ""),
        Commands.fetchAt(1100, "--from=960", "--until=1100", file.toString()));
  }

  private static String[] concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toArray(String[]::new);
  }

  private static List<String> list(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
