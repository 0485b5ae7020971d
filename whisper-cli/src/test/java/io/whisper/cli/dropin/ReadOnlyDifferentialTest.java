package io.whisper.cli.dropin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * whisper info and dump against whisper-info and whisper-dump: the same stdout byte for byte and
 * the same exit status, on files of every aggregation method and three schemas, empty and full,
 * and on every damaged specimen in testdata/.
 */
@Tag("slow")
class ReadOnlyDifferentialTest {
  private static final String[] FIELDS =
      {"aggregationMethod", "maxRetention", "xFilesFactor", "archives", "fileSize", "bogus"};

  @TempDir static Path pool;
  // The tools run in an empty folder: nothing to snapshot and restore around each read-only run.
  @TempDir static Path cwd;
  static List<String> files;

  @BeforeAll
  static void makeFiles() {
    ReferenceScripts.assumeInstalled("info");
    files = representative(ReferenceScripts.makeMethodFiles(pool, System.currentTimeMillis() / 1000));
  }

  /**
   * Every aggregation method on the three-archive schema, and every schema empty and full for
   * two methods: the combinations that can differ, without running Python hundreds of times.
   */
  static List<String> representative(List<String> all) {
    return all.stream().filter(f -> f.endsWith("-three-full.wsp") || f.startsWith("average-")
        || f.startsWith("absmax-")).toList();
  }

  @TestFactory
  Stream<DynamicTest> infoTextAndJson() {
    List<DynamicTest> tests = new ArrayList<>();
    for (String file : files) {
      String path = pool.resolve(file).toString();
      tests.add(check("info", List.of(path)));
      tests.add(check("info", List.of("--json", path)));
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> infoFields() {
    List<DynamicTest> tests = new ArrayList<>();
    for (String file : List.of("max-three-full.wsp", "avg_zero-two-empty.wsp", "sum-one-full.wsp")) {
      for (String field : FIELDS) {
        String path = pool.resolve(file).toString();
        tests.add(field.equals("bogus")
            ? statusOnly("info", List.of(path, field))
            : check("info", List.of(path, field)));
      }
    }
    tests.add(check("info", List.of("--js", pool.resolve(files.getFirst()).toString())));
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> dump() {
    List<DynamicTest> tests = new ArrayList<>();
    for (String file : files) {
      tests.add(check("dump", List.of(pool.resolve(file).toString())));
    }
    for (String file : List.of("absmin-three-full.wsp", "last-one-full.wsp")) {
      String path = pool.resolve(file).toString();
      tests.add(check("dump", List.of("--pretty", path)));
      tests.add(check("dump", List.of(path, "--pretty", "-t", "%Y-%m-%d %H:%M:%S %Z")));
      tests.add(check("dump", List.of("--pre", "--time-format=%c", path)));
    }
    return tests.stream();
  }

  /** Damaged files: same status; the same stdout where the reference prints one. */
  @TestFactory
  Stream<DynamicTest> damagedSpecimens() {
    List<DynamicTest> tests = new ArrayList<>();
    Path testdata = Path.of(System.getProperty("whisper.testdata"));
    for (String folder : List.of("corrupt", "warn")) {
      for (Path specimen : wspFiles(testdata.resolve(folder))) {
        String path = specimen.toString();
        tests.add(dynamicTest("info " + folder + "/" + specimen.getFileName(), () -> {
          Differential.Pair pair = Differential.compare(cwd, "info", List.of("--json", path));
          pair.sameOutput("info " + path);
        }));
        tests.add(dynamicTest("dump " + folder + "/" + specimen.getFileName(), () -> {
          Differential.Pair pair = Differential.compare(cwd, "dump", List.of(path));
          pair.sameOutput("dump " + path);
        }));
        tests.add(dynamicTest("fetch " + folder + "/" + specimen.getFileName(), () -> {
          Differential.Pair pair = Differential.compare(cwd, "fetch", List.of("--json", path));
          if (pair.reference().status() != 0 || pair.ours().status() == 0) {
            pair.sameOutput("fetch " + path);
          } else {
            // whisper-fetch reads through headers whisper-core calls corrupt; we refuse them
            // (damage in the data, not the header, reads the same in both).
            assertEquals(1, pair.ours().status(), pair.ours()::toString);
            assertEquals("", pair.ours().out());
            assertTrue(pair.ours().err().startsWith("[ERROR] "), pair.ours()::toString);
          }
        }));
      }
    }
    return tests.stream();
  }

  private static List<Path> wspFiles(Path folder) {
    try (Stream<Path> list = Files.list(folder)) {
      return list.filter(p -> p.toString().endsWith(".wsp")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static DynamicTest check(String tool, List<String> args) {
    return dynamicTest(tool + " " + names(args), () ->
        Differential.compare(cwd, tool, args).sameOutput(tool + " " + args));
  }

  // Where whisper-info prints an error on stdout, we print it on stderr (README, differences).
  private static DynamicTest statusOnly(String tool, List<String> args) {
    return dynamicTest(tool + " " + names(args) + " (status)", () ->
        Differential.compare(cwd, tool, args).sameStatus(tool + " " + args));
  }

  private static String names(List<String> args) {
    return String.join(" ", args.stream()
        .map(a -> a.startsWith(pool.toString()) ? Path.of(a).getFileName().toString() : a)
        .toList());
  }
}
