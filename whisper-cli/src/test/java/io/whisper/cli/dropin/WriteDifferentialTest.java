package io.whisper.cli.dropin;

import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.whisper.cli.CliRun;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The writing tools against the scripts: update, set-aggregation-method and set-xfilesfactor on
 * copies of the same files, then the same stdout, exit status and file bytes.
 */
@Tag("slow")
class WriteDifferentialTest {
  private static final AtomicInteger CASES = new AtomicInteger();

  @TempDir static Path pool;
  @TempDir static Path work;
  static List<String> files;

  @BeforeAll
  static void makeFiles() {
    ReferenceScripts.assumeInstalled("update");
    files = ReadOnlyDifferentialTest.representative(
        ReferenceScripts.makeMethodFiles(pool, System.currentTimeMillis() / 1000));
  }

  @TestFactory
  Stream<DynamicTest> update() {
    List<DynamicTest> tests = new ArrayList<>();
    for (String file : files) {
      tests.add(write(file, "update", now -> List.of("N:42.5")));
      tests.add(write(file, "update", now -> List.of((now - 75) + ":-3.25")));
      tests.add(write(file, "update", now -> List.of(
          (now - 5) + ":1", (now - 65) + ":2.5", (now - 65) + ":7", (now - 400) + ":nan",
          (now - 1300) + ":-0.0", (now - 5000) + ":1e300", (now - 100000) + ":5",
          (now + 120) + ":9", " " + (now - 130) + " : 1_5 ")));
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> updateErrors() {
    String file = "max-three-full.wsp";
    return Stream.of(
        write(file, "update", now -> List.of((now + 60) + ":1")),          // future
        write(file, "update", now -> List.of((now - 100000) + ":1")),      // too old
        write(file, "update", now -> List.of("abc:1")),
        write(file, "update", now -> List.of(now + ":abc")),
        write(file, "update", now -> List.of((now - 1) + ".5:1", now + ":1")),
        write(file, "update", now -> List.of("5")),
        write(file, "update", now -> List.of("1:2:3", "4:5")));
  }

  /** Points on standard input give the same bytes as the same points as arguments. */
  @TestFactory
  Stream<DynamicTest> updateFromStdin() {
    List<DynamicTest> tests = new ArrayList<>();
    for (String file : List.of("sum-three-full.wsp", "average-two-empty.wsp", "absmax-one-full.wsp")) {
      tests.add(dynamicTest("update " + file + " < points", () -> {
        Path folder = Differential.folder(work, "case" + CASES.incrementAndGet(), pool, file);
        String path = folder.resolve(file).toString();
        long now = System.currentTimeMillis() / 1000;
        List<String> points = List.of(now + ":1", (now - 70) + ":2", (now - 700) + ":3",
            (now - 7000) + ":4");
        List<String> args = new ArrayList<>(List.of(path));
        args.addAll(points);
        String stdin = String.join("\n", points) + "\n\n";
        Differential.compare(folder, "update", args, null, ignored -> CliRun.run(
                new CommandLine(new UpdateCommand(InstantSource.system(),
                    new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))).spec()), path))
            .sameOutput("update < points").sameFiles("update < points");
      }));
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> setAggregationMethod() {
    List<DynamicTest> tests = new ArrayList<>();
    String[] methods = {"average", "sum", "last", "max", "min", "avg_zero", "absmax", "absmin"};
    for (int i = 0; i < files.size(); i++) {
      String method = methods[i % methods.length];
      tests.add(write(files.get(i), "set-aggregation-method", now -> List.of(method)));
    }
    String file = "last-three-full.wsp";
    tests.add(write(file, "set-aggregation-method", now -> List.of("max", "0.25")));
    tests.add(write(file, "set-aggregation-method", now -> List.of("min", "0")));
    tests.add(write(file, "set-aggregation-method", now -> List.of("min", "1")));
    tests.add(write(file, "set-aggregation-method", now -> List.of("bogus")));
    tests.add(write(file, "set-aggregation-method", now -> List.of("max", "abc")));
    tests.add(write(file, "set-aggregation-method", now -> List.of("max", "1.5")));
    tests.add(write(file, "set-aggregation-method", now -> List.of("max", "2e0")));
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> setXFilesFactor() {
    List<DynamicTest> tests = new ArrayList<>();
    String[] values = {"0", "0.3", "1", "0.5", "1e-5", "0.1", "0.999", "2.5e-1"};
    for (int i = 0; i < files.size(); i++) {
      String xff = values[i % values.length];
      tests.add(write(files.get(i), "set-xfilesfactor", now -> List.of(xff)));
    }
    String file = "min-three-full.wsp";
    tests.add(write(file, "set-xfilesfactor", now -> List.of("1.5")));
    tests.add(write(file, "set-xfilesfactor", now -> List.of("-0.5")));
    tests.add(write(file, "set-xfilesfactor", now -> List.of("abc")));
    tests.add(write(file, "set-xfilesfactor", now -> List.of("0.1", "extra")));
    return tests.stream();
  }

  private interface Points {
    List<String> after(long now);
  }

  /** A case in its own folder holding a copy of {@code file}: PATH first, then the arguments. */
  private static DynamicTest write(String file, String tool, Points points) {
    int id = CASES.incrementAndGet();
    String shown = String.join(" ", points.after(0));
    return dynamicTest(tool + " " + file + " " + shown, () -> {
      Path folder = Differential.folder(work, "case" + id, pool, file);
      List<String> args = new ArrayList<>(List.of(folder.resolve(file).toString()));
      args.addAll(points.after(System.currentTimeMillis() / 1000));
      String what = tool + " " + args;
      Differential.Pair pair = Differential.compare(folder, tool, args);
      pair.sameStatus(what).sameFiles(what);
      if (pair.reference().status() == 0) {
        pair.sameOutput(what);
      }
    });
  }
}
