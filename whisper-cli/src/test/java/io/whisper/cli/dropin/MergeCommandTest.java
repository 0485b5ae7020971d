package io.whisper.cli.dropin;

import static io.whisper.cli.dropin.DropinFiles.NOW;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.whisper.cli.CliRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code whisper merge} against whisper-merge 1.1.4 at the same clock second: same status,
 * output, and destination bytes; the source is never written.
 */
class MergeCommandTest {
  private static final List<List<String>> OPTIONS = List.of(
      List.of(),
      List.of("--from=" + (NOW - 1000)),
      List.of("--until=" + (NOW - 300)),
      List.of("--from", Long.toString(NOW - 4000), "--until", Long.toString(NOW - 1000)),
      List.of("--until=0"),
      List.of("--from=" + (NOW + 10)),
      List.of("--from=" + (NOW - 50), "--until=" + (NOW - 100)),
      List.of("--until=" + (NOW + 5000)),
      List.of("--fr=" + (NOW - 1000), "--un=" + (NOW - 300))); // argparse takes prefixes

  private static final List<List<String>> PAIRS = List.of(
      List.of("gappy", "other"), List.of("full", "gappy"), List.of("other", "empty"),
      List.of("empty", "full"));

  @RegisterExtension static final ReferenceFixture FIXTURE = new ReferenceFixture();

  static Stream<Arguments> pairs() throws IOException {
    return DropinFiles.kindCases(PAIRS);
  }

  @ParameterizedTest(name = "{0}: {1} into {2}")
  @MethodSource("pairs")
  void merge_leavesTheBytesWhisperMergeLeaves(String kind, String source, String destination)
      throws IOException {
    Path src = FIXTURE.files().file(kind, source);
    byte[] srcBefore = Files.readAllBytes(src);
    List<Executable> checks = new ArrayList<>();
    int n = 0;
    for (List<String> options : OPTIONS) {
      Path base = FIXTURE.work().resolve(kind + "-" + source + "-" + n++);
      Path theirs = FIXTURE.files().copy(kind, destination, base.resolve("r"));
      Path ours = FIXTURE.files().copy(kind, destination, base.resolve("j"));
      CliRun expected = FIXTURE.reference().run(
          ReferenceScripts.script("merge"), NOW, args(options, src, theirs));
      CliRun actual = CliRun.of(FixedClock.at(NOW), args(List.of("merge"), options, src, ours));
      checks.addAll(Compare.sameOutcome("merge", expected, actual, options));
      byte[] theirBytes = Files.readAllBytes(theirs);
      byte[] ourBytes = Files.readAllBytes(ours);
      checks.add(() -> assertArrayEquals(theirBytes, ourBytes, "destination after " + options));
    }
    byte[] srcAfter = Files.readAllBytes(src);
    checks.add(() -> assertArrayEquals(srcBefore, srcAfter, "source unchanged"));
    assertAll(checks);
  }

  @Test
  void merge_differentArchives_failsWithWhisperMergesMessageAndWritesNothing()
      throws IOException {
    Path src = FIXTURE.files().file("s1-average", "gappy");
    Path theirs = FIXTURE.files().copy("s4-average", "gappy", FIXTURE.work().resolve("mismatch-r"));
    Path ours = FIXTURE.files().copy("s4-average", "gappy", FIXTURE.work().resolve("mismatch-j"));
    byte[] before = Files.readAllBytes(ours);
    CliRun expected = FIXTURE.reference().run("merge", NOW, src.toString(),
        theirs.toString());
    CliRun actual = CliRun.of(FixedClock.at(NOW), "merge", src.toString(), ours.toString());
    String message = " archive configurations are unalike. Resize the input before merging";
    List<Executable> checks = new ArrayList<>();
    checks.add(() -> assertEquals(1, expected.status()));
    checks.add(() -> assertEquals(expected.status(), actual.status()));
    checks.add(() -> assertEquals(expected.out(), actual.out()));
    checks.add(() -> assertTrue(expected.err().endsWith(
        "NotImplementedError: " + src + " and " + theirs + message + "\n"), expected.err()));
    checks.add(() -> assertEquals("whisper merge: " + src + " and " + ours + message + "\n",
        actual.err()));
    checks.add(() -> assertArrayEquals(before, Files.readAllBytes(ours)));
    assertAll(checks);
  }

  @Test
  void merge_badArguments_exitLikeWhisperMerge() throws IOException {
    String a = FIXTURE.files().file("s1-average", "gappy").toString();
    String b = FIXTURE.files().copy("s1-average", "other", FIXTURE.work().resolve("bad-args"))
        .toString();
    String missing = FIXTURE.work().resolve("missing.wsp").toString();
    List<List<String>> cases = List.of(
        List.of(), List.of(a), List.of("--bogus", a, b), List.of("--from=x", a, b),
        List.of("--help"),
        List.of("--until=1.5", a, b), List.of("--from"), List.of(a, missing),
        List.of(missing, b), List.of("--from=0x10", "--until=010", a, b));
    byte[] before = Files.readAllBytes(Path.of(b));
    List<Executable> checks = new ArrayList<>();
    for (List<String> args : cases) {
      CliRun expected = FIXTURE.reference().run("merge", NOW, args);
      CliRun actual = CliRun.of(FixedClock.at(NOW), args(List.of("merge"), args));
      checks.add(() -> assertEquals(expected.status(), actual.status(), "status of " + args));
      checks.add(() -> assertEquals(expected.out().isEmpty(), actual.out().isEmpty(),
          "help on stdout or not, for " + args));
      if (expected.err().startsWith("[ERROR]")) {
        checks.add(() -> assertEquals(expected.err(), actual.err(), "stderr of " + args));
      }
    }
    checks.add(() -> assertArrayEquals(before, Files.readAllBytes(Path.of(b))));
    assertAll(checks);
  }

  @Test
  void merge_onTheWallClock_matchesTheInstalledScript() throws IOException {
    long now = Instant.now().getEpochSecond();
    Path fresh = FIXTURE.work().resolve("live");
    DropinFiles live = DropinFiles.make(fresh, now);
    Path src = live.file("s2-average", "gappy");
    AtomicReference<Path> theirs = new AtomicReference<>();
    AtomicReference<Path> ours = new AtomicReference<>();
    SameSecond.Pair pair = SameSecond.run(
        () -> {
          theirs.set(copyQuietly(live, "r"));
          return ReferenceScripts.command(List.of(ReferenceScripts.script("merge").toString(),
              src.toString(), theirs.get().toString()));
        },
        () -> {
          ours.set(copyQuietly(live, "j"));
          return CliRun.of("merge", src.toString(), ours.get().toString());
        });
    assertEquals(0, pair.reference().status());
    assertEquals(0, pair.ours().status());
    assertArrayEquals(Files.readAllBytes(theirs.get()), Files.readAllBytes(ours.get()));
  }

  private static Path copyQuietly(DropinFiles live, String side) {
    try {
      Path dir = Files.createTempDirectory(FIXTURE.work(), side);
      return live.copy("s2-average", "other", dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> args(List<String> options, Path src, Path dst) {
    List<String> args = new ArrayList<>(options);
    args.add(src.toString());
    args.add(dst.toString());
    return args;
  }

  private static String[] args(List<String> command, List<String> options, Path src, Path dst) {
    return args(command, args(options, src, dst));
  }

  private static String[] args(List<String> command, List<String> rest) {
    List<String> all = new ArrayList<>(command);
    all.addAll(rest);
    return all.toArray(String[]::new);
  }
}
