package io.whisper.cli.dropin;

import static io.whisper.cli.dropin.DropinFiles.NOW;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.whisper.cli.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code whisper diff} against whisper-diff 1.1.4, run at the same clock second. */
class DiffCommandTest {
  private static final List<List<String>> OPTIONS = List.of(
      List.of(),
      List.of("--summary"),
      List.of("--json"),
      List.of("--summary", "--json"),
      List.of("--columns"),
      List.of("--columns", "--no-headers"),
      List.of("--no-headers"),
      List.of("--ignore-empty"),
      List.of("--summary", "--columns", "--no-headers", "--ignore-empty"),
      List.of("--ignore-empty", "--json"),
      List.of("--until=" + (NOW - 290)),
      List.of("--until", Long.toString(NOW - 3000), "--summary"),
      List.of("--until=0", "--columns"),
      List.of("--until=" + (NOW + 100_000), "--summary"),
      // argparse takes any unambiguous prefix of a long option
      List.of("--sum", "--ign"),
      List.of("--col", "--no", "--unt=" + (NOW - 290)));

  private static final List<List<String>> PAIRS = List.of(
      List.of("gappy", "other"), List.of("empty", "full"), List.of("full", "gappy"),
      List.of("other", "other"), List.of("recent", "gappy"));

  @RegisterExtension static final ReferenceFixture FIXTURE = new ReferenceFixture();

  static Stream<Arguments> pairs() throws IOException {
    return DropinFiles.kindCases(PAIRS);
  }

  @ParameterizedTest(name = "{0}: {1} vs {2}")
  @MethodSource("pairs")
  void diff_everyOutputFormat_printsWhatWhisperDiffPrints(String kind, String a, String b)
      throws IOException {
    String pathA = FIXTURE.files().file(kind, a).toString();
    String pathB = FIXTURE.files().file(kind, b).toString();
    List<Executable> checks = new ArrayList<>();
    for (List<String> options : OPTIONS) {
      List<String> args = new ArrayList<>(options);
      args.add(pathA);
      args.add(pathB);
      CliRun expected = FIXTURE.reference().run("diff", NOW, args);
      List<String> ours = new ArrayList<>(List.of("diff"));
      ours.addAll(args);
      CliRun actual = CliRun.of(FixedClock.at(NOW), ours.toArray(String[]::new));
      checks.addAll(Compare.sameOutcome("diff", expected, actual, args));
    }
    assertAll(checks);
  }

  @Test
  void diff_differentArchives_failsWithWhisperDiffsMessage() throws IOException {
    String a = FIXTURE.files().file("s1-average", "gappy").toString();
    String b = FIXTURE.files().file("s2-average", "gappy").toString();
    CliRun expected = FIXTURE.reference().run("diff", NOW, a, b);
    CliRun actual = CliRun.of(FixedClock.at(NOW), "diff", a, b);
    String message = a + " and " + b
        + " archive configurations are unalike. Resize the input before diffing";
    assertAll(
        () -> assertEquals(1, expected.status()),
        () -> assertTrue(expected.err().endsWith("NotImplementedError: " + message + "\n")),
        () -> assertEquals(expected.status(), actual.status()),
        () -> assertEquals(expected.out(), actual.out()),
        () -> assertEquals("whisper diff: " + message + "\n", actual.err()));
  }

  @Test
  void diff_badArguments_exitLikeWhisperDiff() throws IOException {
    String a = FIXTURE.files().file("s1-average", "gappy").toString();
    String missing = FIXTURE.work().resolve("missing.wsp").toString();
    List<List<String>> cases = List.of(
        List.of(), List.of(a), List.of(a, a, a), List.of("--bogus", a, a), List.of("-h"),
        List.of("--until=soon", a, a), List.of("--until"), List.of(a, missing),
        List.of(missing, a));
    List<Executable> checks = new ArrayList<>();
    for (List<String> args : cases) {
      CliRun expected = FIXTURE.reference().run("diff", NOW, args);
      List<String> ours = new ArrayList<>(List.of("diff"));
      ours.addAll(args);
      CliRun actual = CliRun.of(FixedClock.at(NOW), ours.toArray(String[]::new));
      checks.add(() -> assertEquals(expected.status(), actual.status(), "status of " + args));
      checks.add(() -> assertEquals(expected.out().isEmpty(), actual.out().isEmpty(),
          "help on stdout or not, for " + args));
      checks.add(() -> assertEquals(expected.err().isEmpty(), actual.err().isEmpty(),
          "stderr or not, for " + args));
    }
    assertAll(checks);
  }

  @Test
  void diff_missingFile_namesIt() {
    String missing = FIXTURE.work().resolve("missing.wsp").toString();
    CliRun run = CliRun.of(FixedClock.at(NOW), "diff", missing, missing);
    assertEquals(1, run.status());
    assertEquals("[ERROR] File \"" + missing + "\" does not exist!\n", run.err());
  }

  @Test
  void diff_onTheWallClock_matchesTheInstalledScript() throws IOException {
    String a = FIXTURE.files().file("s2-max", "gappy").toString();
    String b = FIXTURE.files().file("s2-max", "other").toString();
    SameSecond.Pair result = SameSecond.run(
        () -> ReferenceScripts.command(
            List.of(ReferenceScripts.script("diff").toString(), "--columns", a, b)),
        () -> CliRun.of("diff", "--columns", a, b));
    assertEquals(result.reference().status(), result.ours().status());
    assertEquals(result.reference().out(), result.ours().out());
  }
}
