package io.whisper.cli.dropin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** whisper create against whisper-create: the same stdout, exit status and file bytes. */
@Tag("slow")
class CreateDifferentialTest {
  private static final AtomicInteger CASES = new AtomicInteger();
  private static final String[] SCHEMAS = {
    "60:1440", "1m:1d 5m:30d 1h:2y", "10s:6h 1m:7d 10m:5y", "1h:7d 60:1440", "7s:1m 14s:10m",
    "1s:100 5s:40", "15min:8", "12h:2y 1w:1y"
  };
  private static final String[] METHODS =
      {"average", "sum", "last", "max", "min", "avg_zero", "absmax", "absmin"};

  @TempDir static Path work;

  @BeforeAll
  static void reference() {
    ReferenceScripts.assumeInstalled("create");
  }

  @TestFactory
  Stream<DynamicTest> schemasMethodsAndAllocation() {
    List<DynamicTest> tests = new ArrayList<>();
    for (int i = 0; i < SCHEMAS.length; i++) {
      List<String> retentions = Arrays.asList(SCHEMAS[i].split(" "));
      tests.add(create(null, List.of(), retentions));
      tests.add(create(null, List.of("--xFilesFactor=0." + i, "--aggregationMethod=" + METHODS[i]),
          retentions));
    }
    List<String> schema = List.of("1m:1d", "5m:30d");
    tests.add(create(null, List.of("--sparse"), schema));
    tests.add(create(null, List.of("--fallocate"), schema));
    tests.add(create(null, List.of("--xF", "1", "--agg", "absmin", "--spa"), schema));
    // optparse reads options anywhere, abbreviated too: after the path and the retentions
    tests.add(create(null, List.of(), List.of("1m:1d", "--xF=0.5", "5m:30d", "--agg", "max")));
    tests.add(create(null, List.of("--xFilesFactor", "0.30000001"), schema));
    tests.add(create(null, List.of(), List.of(" 1h:7d ", "\t1d:1y")));
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> existingFilesAndErrors() {
    List<String> schema = List.of("1m:1d", "5m:30d");
    return Stream.of(
        create("existing", List.of(), schema),                    // refused, file kept
        create("existing", List.of("--overwrite"), schema),       // replaced
        create("existing", List.of("--overwrite", "--sparse"), List.of("1s:1h")),
        create(null, List.of(), List.of("60:10", "60:20")),       // same precision
        create(null, List.of(), List.of("60:10", "90:100")),      // precision does not divide
        create(null, List.of(), List.of("60:10", "120:5")),       // retention does not grow
        create(null, List.of(), List.of("60:1", "120:100")),      // too few points
        create(null, List.of(), List.of("1x:5")),                 // bad unit
        create(null, List.of(), List.of("60:10:5")),
        leavesNoEmptyFile(List.of("--xFilesFactor=1.5"), schema),
        leavesNoEmptyFile(List.of("--xFilesFactor=-0.1"), schema),
        leavesNoEmptyFile(List.of("--aggregationMethod=median"), schema),
        create(null, List.of("--xFilesFactor=abc"), schema));
  }

  @TestFactory
  Stream<DynamicTest> estimate() {
    List<List<String>> cases = List.of(
        List.of("60:1440", "5m:1y"), List.of("60:1440,5m:1y"), List.of("1s:1d"),
        List.of("10s:6h,1m:7d,10m:5y"), List.of("1s:1000y", "1m:5y"), List.of("1d:1h"),
        List.of(",60:10"), List.of("60:1440", "bogus"));
    List<DynamicTest> tests = new ArrayList<>();
    for (List<String> retentions : cases) {
      List<String> args = new ArrayList<>(List.of("--estimate"));
      args.addAll(retentions);
      tests.add(dynamicTest("create " + args, () -> {
        Path folder = Files.createDirectories(work.resolve("case" + CASES.incrementAndGet()));
        Differential.compare(folder, "create", args).sameOutput("create " + args)
            .sameFiles("create " + args);
      }));
    }
    return tests.stream();
  }

  /**
   * Creates {@code new.wsp} in a fresh folder ({@code existing}: where a file of that name
   * already is) with {@code options} and {@code retentions}.
   */
  private static DynamicTest create(String existing, List<String> options, List<String> retentions) {
    String shown = String.join(" ", options) + " " + String.join(" ", retentions);
    return dynamicTest("create " + (existing == null ? "" : "(existing) ") + shown, () -> {
      Path folder = Files.createDirectories(work.resolve("case" + CASES.incrementAndGet()));
      Path target = folder.resolve("new.wsp");
      if (existing != null) {
        writeOldFile(target);
      }
      List<String> args = new ArrayList<>(options);
      args.add(target.toString());
      args.addAll(retentions);
      Differential.Pair pair = Differential.compare(folder, "create", args);
      pair.sameStatus(shown).sameFiles(shown);
      if (pair.reference().status() == 0) {
        pair.sameOutput(shown);
      }
    });
  }

  /**
   * A bad xFilesFactor or method: whisper-create fails after it has created the file and leaves
   * 0 bytes behind; we fail with the same status and leave nothing (a deliberate difference).
   */
  private static DynamicTest leavesNoEmptyFile(List<String> options, List<String> retentions) {
    String shown = String.join(" ", options) + " " + String.join(" ", retentions);
    return dynamicTest("create " + shown + " (no 0-byte file)", () -> {
      Path folder = Files.createDirectories(work.resolve("case" + CASES.incrementAndGet()));
      List<String> args = new ArrayList<>(options);
      args.add(folder.resolve("new.wsp").toString());
      args.addAll(retentions);
      Differential.Pair pair = Differential.compare(folder, "create", args).sameStatus(shown);
      assertEquals(0, pair.referenceFiles().get("new.wsp").length, "the reference's leftover");
      assertEquals(Map.of(), pair.ourFiles());
    });
  }

  private static void writeOldFile(Path target) {
    try {
      Files.write(target, "not really a whisper file".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
