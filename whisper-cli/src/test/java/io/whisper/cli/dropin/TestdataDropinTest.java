package io.whisper.cli.dropin;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.whisper.cli.CliRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * merge, diff and resize on the reference-made files of testdata/good, at testdata's clock
 * second, against the scripts run at that second: wrapped rings, special values (NaN, -0.0,
 * infinities), unsorted schemas and xFilesFactor edge cases.
 */
class TestdataDropinTest {
  private static final long NOW = 1_700_000_000L;

  @TempDir static Path work;
  private static Path good;
  private static ReferenceScripts reference;

  @BeforeAll
  static void setUp() throws IOException {
    ReferenceScripts.assumeInstalled();
    good = Path.of(System.getProperty("whisper.testdata", "../testdata")).resolve("good");
    assertTrue(Files.isDirectory(good), "testdata/good at " + good);
    reference = ReferenceScripts.start(work);
  }

  @AfterAll
  static void tearDown() throws IOException {
    if (reference != null) {
      reference.close();
    }
  }

  @ParameterizedTest(name = "{0} vs {1}")
  @CsvSource({
      "agg-average, agg-max", "agg-sum, agg-avg_zero", "agg-absmax, agg-absmin",
      "special-average, special-max", "special-average, special-average",
      "spec-5.1, wrapped-ring", "empty, spec-5.1", "mixed-age, spec-5.1", "xff-0.3, xff-0",
      "sparse, fallocate", "single-archive, single-archive", "agg-last, three-archives"})
  void diff_testdataPair_printsWhatWhisperDiffPrints(String a, String b) throws IOException {
    List<Executable> checks = new ArrayList<>();
    List<List<String>> optionSets = List.of(List.of(), List.of("--json"), List.of("--columns"),
        List.of("--summary", "--ignore-empty"), List.of("--until=" + (NOW - 700), "--json"));
    for (List<String> options : optionSets) {
      List<String> args = new ArrayList<>(options);
      args.add(file(a).toString());
      args.add(file(b).toString());
      CliRun expected = reference.run(ReferenceScripts.script("diff"), NOW, args);
      List<String> ours = new ArrayList<>(List.of("diff"));
      ours.addAll(args);
      checks.addAll(Compare.sameOutcome("diff", expected,
          CliRun.of(FixedClock.at(NOW), ours.toArray(String[]::new)), args));
    }
    assertAll(checks);
  }

  @ParameterizedTest(name = "{0} into {1}")
  @CsvSource({
      "agg-average, agg-max", "agg-max, agg-average", "agg-avg_zero, agg-sum",
      "special-max, special-average", "spec-5.1, wrapped-ring", "wrapped-ring, empty",
      "spec-5.1, mixed-age", "xff-0, xff-0.3", "single-archive, single-archive"})
  void merge_testdataPair_leavesTheBytesWhisperMergeLeaves(String source, String destination)
      throws IOException {
    List<Executable> checks = new ArrayList<>();
    int n = 0;
    for (List<String> options : List.<List<String>>of(List.of(), List.of("--from=" + (NOW - 900)),
        List.of("--until=" + (NOW - 2000)))) {
      Path theirs = copy(destination, "merge-r-" + source + n);
      Path ours = copy(destination, "merge-j-" + source + n++);
      List<String> args = new ArrayList<>(options);
      args.add(file(source).toString());
      CliRun expected = reference.run(ReferenceScripts.script("merge"), NOW,
          concat(args, theirs.toString()));
      List<String> ourArgs = new ArrayList<>(List.of("merge"));
      ourArgs.addAll(concat(args, ours.toString()));
      CliRun actual = CliRun.of(FixedClock.at(NOW), ourArgs.toArray(String[]::new));
      checks.addAll(Compare.sameOutcome("merge", expected, actual, args));
      byte[] theirBytes = Files.readAllBytes(theirs);
      byte[] ourBytes = Files.readAllBytes(ours);
      checks.add(() -> assertArrayEquals(theirBytes, ourBytes, "destination, " + args));
    }
    assertAll(checks);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "agg-average", "agg-absmin", "special-average", "special-max", "wrapped-ring",
      "three-archives", "single-archive-wrapped", "set-order", "xff-0.3", "dupes", "empty"})
  void resize_testdataFile_leavesTheBytesOfWhisperResizeKeepingTheOldestPoint(String name)
      throws IOException {
    String script = Files.readString(ReferenceScripts.script("resize"), StandardCharsets.UTF_8);
    Path patched = Files.createDirectories(work.resolve("patched-" + name))
        .resolve("whisper-resize");
    Files.writeString(patched, script.replace(
        "fromTime = now - archive['retention'] + archive['secondsPerPoint']",
        "fromTime = now - archive['retention']"));
    List<Executable> checks = new ArrayList<>();
    for (List<String> args : List.of(List.of("60:30", "5m:1d"), List.of("10s:2h", "1h:1d"),
        List.of("--aggregationMethod=last", "--xFilesFactor=0", "1m:1h", "15m:1d"))) {
      Path theirs = copy(name, "resize-r-" + args.size() + args.getFirst());
      Path ours = copy(name, "resize-j-" + args.size() + args.getFirst());
      CliRun expected = reference.run(patched, NOW,
          concat(List.of(theirs.toString()), args));
      List<String> ourArgs = new ArrayList<>(List.of("resize", ours.toString()));
      ourArgs.addAll(args);
      CliRun actual = CliRun.of(FixedClock.at(NOW), ourArgs.toArray(String[]::new));
      String theirOut = expected.out().replace(theirs.getParent().toString(), "DIR");
      String ourOut = actual.out().replace(ours.getParent().toString(), "DIR");
      byte[] theirBytes = Files.readAllBytes(theirs);
      byte[] ourBytes = Files.readAllBytes(ours);
      byte[] theirBackup = Files.readAllBytes(theirs.resolveSibling(name + ".wsp.bak"));
      byte[] ourBackup = Files.readAllBytes(ours.resolveSibling(name + ".wsp.bak"));
      checks.add(() -> assertEquals(expected.status(), actual.status(), "status, " + args));
      checks.add(() -> assertEquals(theirOut, ourOut, "stdout, " + args));
      checks.add(() -> assertArrayEquals(theirBytes, ourBytes, "file, " + args));
      checks.add(() -> assertArrayEquals(theirBackup, ourBackup, ".bak, " + args));
    }
    assertAll(checks);
  }

  private static Path file(String name) {
    return good.resolve(name + ".wsp");
  }

  private static Path copy(String name, String dir) throws IOException {
    Path target = Files.createDirectories(work.resolve(dir)).resolve(name + ".wsp");
    return Files.copy(file(name), target);
  }

  private static List<String> concat(List<String> first, String last) {
    return concat(first, List.of(last));
  }

  private static List<String> concat(List<String> first, List<String> rest) {
    List<String> all = new ArrayList<>(first);
    all.addAll(rest);
    return all;
  }
}
