package io.whisper.cli.dropin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.whisper.cli.CliRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * whisper fetch against whisper-fetch: the same text and JSON byte for byte, the same exit
 * status, with the default window (compared within one second) and explicit ranges.
 */
@Tag("slow")
class FetchDifferentialTest {
  @TempDir static Path pool;
  // The tools run in an empty folder: nothing to snapshot and restore around each read-only run.
  @TempDir static Path cwd;
  static List<String> files;
  static long generated;

  @BeforeAll
  static void makeFiles() {
    ReferenceScripts.assumeInstalled("fetch");
    generated = System.currentTimeMillis() / 1000;
    files = ReadOnlyDifferentialTest.representative(ReferenceScripts.makeMethodFiles(pool, generated));
  }

  @TestFactory
  Stream<DynamicTest> textAndJson() {
    List<DynamicTest> tests = new ArrayList<>();
    for (String file : files) {
      String path = pool.resolve(file).toString();
      tests.add(check(List.of(path)));
      tests.add(check(List.of("--json", path)));
      tests.add(check(List.of("--from=" + (generated - 250), "--until", "" + (generated - 10), path)));
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> optionsAndErrors() {
    String path = pool.resolve("absmax-three-full.wsp").toString();
    String empty = pool.resolve("average-two-empty.wsp").toString();
    return Stream.of(
        check(List.of("--pretty", path)),
        check(List.of("--pretty", "-t", "%d.%m.%Y %H:%M", path)),
        check(List.of("--json", "--from=" + (generated - 3000), path)),
        check(List.of("--until=" + (generated - 3000), path)),
        check(List.of("--from=0x10", "--until=0100", path)),          // optparse: hex and octal
        check(List.of("--from=" + (generated + 100), path)),          // None: no data
        check(List.of("--from=" + generated, "--until=" + (generated - 60), path)),
        check(List.of("--json", empty)),
        check(List.of(path + ".missing")),
        check(List.of("--drop=nulls", "--json", path)),
        check(List.of("--drop=zeroes", "--json", path)),
        check(List.of("--drop=empty", "--json", "--from=" + (generated - 1000), path)));
  }

  /**
   * --drop in text: each kept value on its own timestamp (whisper-fetch 1.1.4 shifts them, a
   * deliberate difference): the reference's undropped lines, filtered by the values its JSON gives.
   */
  @TestFactory
  Stream<DynamicTest> dropKeepsTimestamps() {
    List<DynamicTest> tests = new ArrayList<>();
    for (DropFilter drop : DropFilter.values()) {
      for (String file : List.of("absmax-three-full.wsp", "average-one-full.wsp")) {
        String path = pool.resolve(file).toString();
        tests.add(dynamicTest("--drop=" + drop + " " + file, () -> {
          List<String> range = List.of("--from=" + (generated - 1000), "--until=" + generated, path);
          for (int attempt = 1; ; attempt++) {
            long second = System.currentTimeMillis() / 1000;
            CliRun text = ReferenceScripts.tool(cwd, "fetch", range, null);
            List<String> json = new ArrayList<>(List.of("--json"));
            json.addAll(range);
            CliRun values = ReferenceScripts.tool(cwd, "fetch", json, null);
            List<String> ours = new ArrayList<>(List.of("fetch", "--drop=" + drop.name().toLowerCase()));
            ours.addAll(range);
            CliRun mine = CliRun.of(ours.toArray(String[]::new));
            if (System.currentTimeMillis() / 1000 == second || attempt == 4) {
              assertEquals(0, mine.status(), mine::toString);
              assertEquals(filtered(text.out(), values.out(), drop), mine.out());
              return;
            }
          }
        }));
      }
    }
    return tests.stream();
  }

  private static String filtered(String text, String json, DropFilter drop) {
    String list = json.substring(json.indexOf("\"values\" : [") + 12, json.lastIndexOf(']'));
    List<String> values = list.isEmpty() ? List.of() : Arrays.asList(list.split(", "));
    List<String> lines = text.lines().toList();
    assertEquals(values.size(), lines.size(), "reference text and JSON disagree");
    StringBuilder kept = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      if (drop.keeps(pythonValue(values.get(i)))) {
        kept.append(lines.get(i)).append('\n');
      }
    }
    return kept.toString();
  }

  private static Double pythonValue(String repr) {
    return switch (repr) {
      case "null" -> null;
      case "nan" -> Double.NaN;
      case "inf" -> Double.POSITIVE_INFINITY;
      case "-inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(repr);
    };
  }

  private static DynamicTest check(List<String> args) {
    String name = String.join(" ", args).replace(pool + "/", "");
    return dynamicTest("fetch " + name, () ->
        Differential.compare(cwd, "fetch", args).sameOutput("fetch " + name));
  }
}
