package io.whisper.cli.dropin;

import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
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
 * Bad arguments: the same exit status as the script (1 for a wrong argument count, 2 for an
 * option optparse or argparse refuses) and every file left as it was.
 */
@Tag("slow")
class BadArgumentsDifferentialTest {
  private static final String F = "@FILE";
  private static final String MISSING = "@MISSING";
  private static final String NO_DIR = "@NO_DIR";

  @TempDir static Path dir;

  @BeforeAll
  static void copyFile() throws IOException {
    ReferenceScripts.assumeInstalled("info");
    Path good = Path.of(System.getProperty("whisper.testdata"), "good", "agg-max.wsp");
    Files.copy(good, dir.resolve("a.wsp"));
  }

  @TestFactory
  Stream<DynamicTest> exitStatus() {
    List<DynamicTest> tests = new ArrayList<>();
    add(tests, "info", List.of());
    add(tests, "info", List.of("--bogus", F));
    add(tests, "info", List.of("--json=x", F));
    add(tests, "info", List.of(MISSING));
    add(tests, "dump", List.of());
    add(tests, "dump", List.of(F, F));
    add(tests, "dump", List.of("--bogus", F));
    add(tests, "dump", List.of(F, "-t"));
    add(tests, "dump", List.of(MISSING));
    add(tests, "fetch", List.of());
    add(tests, "fetch", List.of(F, F));
    add(tests, "fetch", List.of("--from=abc", F));
    add(tests, "fetch", List.of("--until=1.5", F));
    add(tests, "fetch", List.of("--drop=zeros", F));
    add(tests, "fetch", List.of(F, "--from"));
    add(tests, "fetch", List.of("--bogus", F));
    add(tests, "fetch", List.of(MISSING));
    add(tests, "update", List.of());
    add(tests, "update", List.of("--bogus", F, "1:1"));
    add(tests, "update", List.of(MISSING, "1:1"));
    add(tests, "update", List.of(MISSING, "1:1", "2:2"));
    add(tests, "create", List.of());
    add(tests, "create", List.of(F));
    add(tests, "create", List.of("--estimate"));
    add(tests, "create", List.of("--xFilesFactor=abc", F, "60:10"));
    add(tests, "create", List.of("--bogus", F, "60:10"));
    add(tests, "create", List.of(F, "60:10", "--aggregationMethod"));
    add(tests, "create", List.of(F, "60:10"));
    add(tests, "create", List.of(NO_DIR, "60:10"));
    add(tests, "dump", List.of(NO_DIR));
    add(tests, "set-aggregation-method", List.of());
    add(tests, "set-aggregation-method", List.of(F));
    add(tests, "set-aggregation-method", List.of("--bogus", F, "max"));
    add(tests, "set-aggregation-method", List.of(MISSING, "max"));
    add(tests, "set-xfilesfactor", List.of());
    add(tests, "set-xfilesfactor", List.of(F));
    add(tests, "set-xfilesfactor", List.of(F, "abc"));
    add(tests, "set-xfilesfactor", List.of(F, "0.1", "extra"));
    add(tests, "set-xfilesfactor", List.of("--bogus", F, "0.1"));
    add(tests, "set-xfilesfactor", List.of(MISSING, "0.1"));
    return tests.stream();
  }

  private static void add(List<DynamicTest> tests, String tool, List<String> template) {
    List<String> args = template.stream()
        .map(a -> a.equals(F) ? dir.resolve("a.wsp").toString()
            : a.equals(MISSING) ? dir.resolve("missing.wsp").toString()
            : a.equals(NO_DIR) ? dir.resolve("no/such/folder/a.wsp").toString() : a)
        .toList();
    String shown = tool + " " + String.join(" ", template);
    tests.add(dynamicTest(shown, () ->
        Differential.compare(dir, tool, args).sameStatus(shown).sameFiles(shown)));
  }
}
