package io.whisper.cli.dropin;

import static io.whisper.cli.dropin.DropinFiles.NOW;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.whisper.cli.CliRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code whisper resize} against whisper-resize 1.1.4 at the same clock second.
 *
 * <p>We deliberately keep each archive's oldest live point, which the script drops by
 * fetching from {@code now - retention + secondsPerPoint}. So every file is compared byte for
 * byte with the script patched to fetch from {@code now - retention} (that one expression, and
 * nothing else, changed); files whose oldest slots are empty are also compared with the
 * unmodified script, and full files are checked to differ from it.
 */
class ResizeCommandTest {
  private static final String DROPS_OLDEST =
      "fromTime = now - archive['retention'] + archive['secondsPerPoint']";
  private static final String KEEPS_OLDEST = "fromTime = now - archive['retention']";

  private static final List<String> SCHEMAS = List.of(
      "60:20 10m:1d", "1:30", "5m:2h 1h:2d", "30s:1h 15m:1d");
  private static final List<List<String>> OPTIONS = List.of(
      List.of(),
      List.of("--xFilesFactor=0.1", "--aggregationMethod=max"),
      List.of("--no-backup", "--force"),
      List.of("--aggregation-method", "sum", "--x-files-factor", "1"),
      List.of("--xF=0.1", "--aggregationM=max", "--nob")); // optparse takes prefixes

  @RegisterExtension static final ReferenceFixture FIXTURE = new ReferenceFixture();
  private static Path patched;
  private static final AtomicInteger RUNS = new AtomicInteger();

  @BeforeAll
  static void patchScript() throws IOException {
    String script = Files.readString(ReferenceScripts.script("resize"), StandardCharsets.UTF_8);
    assertTrue(script.contains(DROPS_OLDEST), "the script fetches as described");
    patched = Files.createDirectories(FIXTURE.work().resolve("patched")).resolve("whisper-resize");
    Files.writeString(patched, script.replace(DROPS_OLDEST, KEEPS_OLDEST));
  }


  static Stream<Arguments> contents() throws IOException {
    return DropinFiles.kindCases(List.of(List.of("empty"), List.of("full"), List.of("gappy"),
        List.of("recent")));
  }

  /** One side's resize: its outcome and the files it left. */
  private record Outcome(int status, String out, String err, List<byte[]> files) {}

  @ParameterizedTest(name = "{0}-{1}")
  @MethodSource("contents")
  void resize_leavesTheBytesOfWhisperResizeKeepingTheOldestPoint(String kind, String content)
      throws IOException {
    List<Executable> checks = new ArrayList<>();
    // Each schema with two of the option sets, every option set twice: the whole cross
    // product adds time, not coverage.
    for (int i = 0; i < SCHEMAS.size(); i++) {
      String schema = SCHEMAS.get(i);
      List<List<String>> optionSets =
          List.of(OPTIONS.get(i), OPTIONS.get((i + 1) % OPTIONS.size()));
      for (List<String> options : optionSets) {
        List<String> args = new ArrayList<>(options);
        args.addAll(Arrays.asList(schema.split(" ")));
        Outcome expected = runReference(patched, kind, content, scriptSpelling(args));
        Outcome actual = runOurs(kind, content, args);
        checks.addAll(same(expected, actual, args));
        if (content.equals("empty") || content.equals("recent")) {
          Outcome unpatched = runReference(
              ReferenceScripts.script("resize"), kind, content, scriptSpelling(args));
          checks.addAll(same(unpatched, actual, "unmodified script, " + args));
        }
      }
    }
    assertAll(checks);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void resize_fullFile_differsFromWhisperResizeOnlyInTheOldestPoints(String kind)
      throws IOException {
    List<String> args = List.of("60:20", "10m:1d");
    Outcome unpatched = runReference(ReferenceScripts.script("resize"), kind, "full", args);
    Outcome actual = runOurs(kind, "full", args);
    assertEquals(unpatched.out(), actual.out());
    assertFalse(Arrays.equals(unpatched.files().getFirst(), actual.files().getFirst()),
        "whisper-resize drops points this file has in every archive's oldest slot");
  }

  static Stream<String> kinds() throws IOException {
    return DropinFiles.generatedKinds().stream();
  }

  @Test
  void resize_newFile_leavesTheOriginalAndWritesWhatWhisperResizeWrites() throws IOException {
    for (String content : List.of("gappy", "full")) {
      Path r = Files.createDirectories(FIXTURE.work().resolve("newfile-r-" + content));
      Path j = Files.createDirectories(FIXTURE.work().resolve("newfile-j-" + content));
      Path theirs = FIXTURE.files().copy("s4-last", content, r);
      Path ours = FIXTURE.files().copy("s4-last", content, j);
      CliRun expected = FIXTURE.reference().run(patched, NOW, List.of(
          "--newfile=" + r.resolve("new.wsp"), theirs.toString(), "1m:1h", "1h:3d"));
      CliRun actual = CliRun.of(FixedClock.at(NOW), "resize", "--newfile=" + j.resolve("new.wsp"),
          ours.toString(), "1m:1h", "1h:3d");
      assertEquals(0, expected.status(), expected.err());
      assertEquals(expected.status(), actual.status());
      assertEquals(expected.out().replace(r.toString(), "DIR"),
          actual.out().replace(j.toString(), "DIR"));
      assertArrayEquals(Files.readAllBytes(r.resolve("new.wsp")),
          Files.readAllBytes(j.resolve("new.wsp")));
      assertArrayEquals(Files.readAllBytes(FIXTURE.files().file("s4-last", content)),
          Files.readAllBytes(ours));
      assertFalse(Files.exists(j.resolve(ours.getFileName() + ".bak")));
    }
  }

  @Test
  void resize_staleTempFile_isRemovedAndReported() throws IOException {
    Path r = Files.createDirectories(FIXTURE.work().resolve("stale-r"));
    Path j = Files.createDirectories(FIXTURE.work().resolve("stale-j"));
    Path theirs = FIXTURE.files().copy("s1-sum", "gappy", r);
    Path ours = FIXTURE.files().copy("s1-sum", "gappy", j);
    Files.writeString(r.resolve(theirs.getFileName() + ".tmp"), "left over");
    Files.writeString(j.resolve(ours.getFileName() + ".tmp"), "left over");
    Outcome expected = collect(
        FIXTURE.reference().run(patched, NOW, List.of(theirs.toString(), "1m:2h")),
        theirs);
    Outcome actual = collect(CliRun.of(FixedClock.at(NOW), "resize", ours.toString(), "1m:2h"), ours);
    assertAll(same(expected, actual, "stale .tmp"));
    assertTrue(actual.out().contains("Removing previous temporary database file: DIR/"));
  }

  @Test
  void resize_badArguments_exitLikeWhisperResizeAndChangeNothing() throws IOException {
    Path r = Files.createDirectories(FIXTURE.work().resolve("bad-r"));
    Path j = Files.createDirectories(FIXTURE.work().resolve("bad-j"));
    Path theirs = FIXTURE.files().copy("s1-avg_zero", "gappy", r);
    Path ours = FIXTURE.files().copy("s1-avg_zero", "gappy", j);
    byte[] original = Files.readAllBytes(ours);
    Files.writeString(r.resolve("exists.wsp"), "x");
    Files.writeString(j.resolve("exists.wsp"), "x");
    List<List<String>> cases = List.of(
        List.of(), List.of("PATH"), List.of("--bogus", "PATH", "1m:1h"), List.of("-h", "PATH"),
        List.of("--xFilesFactor=half", "PATH", "1m:1h"), List.of("--xFilesFactor"),
        List.of("DIR/missing.wsp", "1m:1h"), List.of("PATH", "1m"),
        List.of("PATH", "60:10", "60:20"), List.of("PATH", "1m:1h", "1m:1d"),
        List.of("--aggregationMethod=median", "PATH", "1m:1h"),
        List.of("--xFilesFactor=1.5", "PATH", "1m:1h"),
        List.of("--newfile=DIR/exists.wsp", "PATH", "1m:1h"));
    List<Executable> checks = new ArrayList<>();
    for (List<String> args : cases) {
      CliRun expected = FIXTURE.reference().run("resize", NOW,
          DropinFiles.replaced(DropinFiles.replaced(args, "PATH", theirs.toString()), "DIR",
              r.toString()));
      List<String> ourArgs = new ArrayList<>(List.of("resize"));
      ourArgs.addAll(DropinFiles.replaced(DropinFiles.replaced(args, "PATH", ours.toString()),
          "DIR", j.toString()));
      CliRun actual = CliRun.of(FixedClock.at(NOW), ourArgs.toArray(String[]::new));
      checks.add(() -> assertEquals(expected.status(), actual.status(), "status of " + args));
      checks.add(() -> assertFalse(actual.err().contains("\tat "), "no stack trace"));
      if (expected.err().startsWith("[ERROR]")) {
        checks.add(() -> assertEquals(expected.err().replace(r.toString(), "DIR"),
            actual.err().replace(j.toString(), "DIR"), "stderr of " + args));
      }
    }
    checks.add(() -> assertArrayEquals(original, Files.readAllBytes(ours)));
    checks.add(() -> assertFalse(Files.exists(j.resolve(ours.getFileName() + ".tmp"))));
    checks.add(() -> assertFalse(Files.exists(j.resolve(ours.getFileName() + ".bak"))));
    checks.add(() -> assertEquals("x", Files.readString(j.resolve("exists.wsp"))));
    assertAll(checks);
  }

  @Test
  void resize_nanXFilesFactor_isRefusedInsteadOfWritingAnUnreadableFile() throws IOException {
    Path ours = FIXTURE.files().copy("s1-min", "gappy", FIXTURE.work().resolve("nan"));
    byte[] original = Files.readAllBytes(ours);
    CliRun run = CliRun.of(FixedClock.at(NOW), "resize", "--xFilesFactor=nan", ours.toString(), "1m:1h");
    assertEquals(1, run.status());
    assertEquals("whisper resize: Invalid xFilesFactor nan, not between 0 and 1\n", run.err());
    assertEquals("", run.out());
    assertArrayEquals(original, Files.readAllBytes(ours));
  }

  @Test
  void resize_onTheWallClock_matchesTheInstalledScript() throws IOException {
    DropinFiles live = DropinFiles.make(FIXTURE.work().resolve("live"),
        Instant.now().getEpochSecond());
    AtomicReference<Path> theirs = new AtomicReference<>();
    AtomicReference<Path> ours = new AtomicReference<>();
    SameSecond.Pair pair = SameSecond.run(
        () -> {
          theirs.set(copy(live, "s1-average", "recent"));
          return ReferenceScripts.command(List.of(ReferenceScripts.script("resize").toString(),
              theirs.get().toString(), "60:20", "10m:1d", "--nobackup"));
        },
        () -> {
          ours.set(copy(live, "s1-average", "recent"));
          return CliRun.of("resize", ours.get().toString(), "60:20", "10m:1d", "--nobackup");
        });
    assertEquals(0, pair.reference().status(), pair.reference().err());
    assertEquals(pair.reference().out().replace(theirs.get().getParent().toString(), "DIR"),
        pair.ours().out().replace(ours.get().getParent().toString(), "DIR"));
    assertArrayEquals(Files.readAllBytes(theirs.get()), Files.readAllBytes(ours.get()));
    assertNotEquals(0, Files.size(ours.get()));
  }

  // Our kebab-case aliases, as the script spells them.
  private static List<String> scriptSpelling(List<String> args) {
    return args.stream()
        .map(a -> switch (a) {
          case "--aggregation-method" -> "--aggregationMethod";
          case "--x-files-factor" -> "--xFilesFactor";
          case "--no-backup" -> "--nobackup";
          default -> a;
        })
        .toList();
  }

  private static Path copy(DropinFiles from, String kind, String content) {
    try {
      return from.copy(kind, content, Files.createTempDirectory(FIXTURE.work(), "live"));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Outcome runReference(Path script, String kind, String content,
      List<String> options) throws IOException {
    Path dir = FIXTURE.work().resolve("r" + RUNS.incrementAndGet());
    Path path = FIXTURE.files().copy(kind, content, dir);
    List<String> args = new ArrayList<>(List.of(path.toString()));
    args.addAll(options);
    return collect(FIXTURE.reference().run(script, NOW, args), path);
  }

  private static Outcome runOurs(String kind, String content, List<String> options)
      throws IOException {
    Path dir = FIXTURE.work().resolve("j" + RUNS.incrementAndGet());
    Path path = FIXTURE.files().copy(kind, content, dir);
    List<String> args = new ArrayList<>(List.of("resize", path.toString()));
    args.addAll(options);
    return collect(CliRun.of(FixedClock.at(NOW), args.toArray(String[]::new)), path);
  }

  private static Outcome collect(CliRun run, Path path) throws IOException {
    return new Outcome(run.status(), run.out().replace(path.getParent().toString(), "DIR"),
        run.err(), leftFiles(path));
  }

  // PATH, PATH.bak and PATH.tmp: their bytes, or an empty array for a missing file.
  private static List<byte[]> leftFiles(Path path) throws IOException {
    List<byte[]> left = new ArrayList<>();
    for (String suffix : List.of("", ".bak", ".tmp")) {
      Path file = path.resolveSibling(path.getFileName() + suffix);
      left.add(Files.exists(file) ? Files.readAllBytes(file) : new byte[0]);
    }
    return left;
  }

  private static List<Executable> same(Outcome expected, Outcome actual, Object what) {
    return List.of(
        () -> assertEquals(expected.status(), actual.status(), "status of " + what),
        () -> assertEquals(expected.out(), actual.out(), "stdout of " + what),
        () -> assertEquals(expected.err(), actual.err(), "stderr of " + what),
        () -> assertArrayEquals(expected.files().get(0), actual.files().get(0), "PATH, " + what),
        () -> assertArrayEquals(expected.files().get(1), actual.files().get(1), ".bak, " + what),
        () -> assertArrayEquals(expected.files().get(2), actual.files().get(2), ".tmp, " + what));
  }
}
