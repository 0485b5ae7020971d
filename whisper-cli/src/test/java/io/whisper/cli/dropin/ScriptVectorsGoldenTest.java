package io.whisper.cli.dropin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.whisper.cli.CliRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The drop-ins against testdata/golden and the verified vectors of docs/format.md section 6 and 9
 * (T-INFO, T-FETCH, T-DUMP, T-CREATE, T-SETXFF, C-01 to C-03): no reference needed.
 */
class ScriptVectorsGoldenTest {
  private static final Path TESTDATA = Path.of(System.getProperty("whisper.testdata"));
  private static final long NOW = 1_700_000_000L;
  private static final Pattern CALL = Pattern.compile(
      "\\{\"from\": (\\d+), \"until\": (\\d+), \"now\": \\d+, \"archiveToSelect\": null, "
          + "\"(result|error)\": (.*)\\},?$");
  private static final Pattern RESULT = Pattern.compile(
      "\\{\"start\": (\\d+), \"end\": (\\d+), \"step\": (\\d+), \"values\": \\[(.*?)\\], .*");

  @TempDir Path dir;

  @TestFactory
  Stream<DynamicTest> infoJsonIsTheGoldenFile() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path golden : goldenFiles(".info.json")) {
      String name = golden.getFileName().toString().replace(".info.json", "");
      tests.add(dynamicTest(name, () -> {
        CliRun run = CliRun.of("info", "--json", TESTDATA.resolve("good/" + name + ".wsp").toString());
        assertEquals(0, run.status(), run::toString);
        assertEquals(Files.readString(golden), run.out());
      }));
    }
    return tests.stream();
  }

  /** Every automatic-archive call of golden/*.fetch.json, as whisper fetch --json at NOW. */
  @TestFactory
  Stream<DynamicTest> fetchJsonMatchesGoldenCalls() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path golden : goldenFiles(".fetch.json")) {
      String name = golden.getFileName().toString().replace(".fetch.json", "");
      String file = TESTDATA.resolve("good/" + name + ".wsp").toString();
      for (String line : Files.readAllLines(golden)) {
        Matcher call = CALL.matcher(line);
        if (!call.matches()) {
          continue;
        }
        String from = call.group(1);
        String until = call.group(2);
        tests.add(dynamicTest(name + " " + from + ".." + until, () -> {
          CliRun run = Commands.fetchAt(NOW, "--json", "--from=" + from, "--until=" + until, file);
          if (call.group(3).equals("error")) {
            assertEquals(1, run.status(), run::toString);
            assertTrue(run.err().startsWith("[ERROR] Invalid time interval"), run::toString);
          } else if (call.group(4).equals("null")) {
            assertEquals(new CliRun(1, "", "No data in selected timerange\n"), run);
          } else {
            Matcher result = RESULT.matcher(call.group(4));
            assertTrue(result.matches(), line);
            String values = result.group(4).replaceAll("\"(nan|inf|-inf)\"", "$1");
            assertEquals(new CliRun(0, "{\n    \"start\" : " + result.group(1) + ",\n    \"end\" : "
                + result.group(2) + ",\n    \"step\" : " + result.group(3) + ",\n    \"values\" : ["
                + values + "]\n  }\n", ""), run);
          }
        }));
      }
    }
    return tests.stream();
  }

  /** T-INFO: the text form and one field of the xff-0.3 file. */
  @Test
  void infoTextAndField() {
    String path = TESTDATA.resolve("good/xff-0.3.wsp").toString();
    assertEquals(new CliRun(0, """
        aggregationMethod: average
        maxRetention: 3000
        xFilesFactor: 0.30000001192092896
        fileSize: 460

        Archive 0
        offset: 40
        secondsPerPoint: 60
        points: 30
        retention: 1800
        size: 360

        Archive 1
        offset: 400
        secondsPerPoint: 600
        points: 5
        retention: 3000
        size: 60

        """, ""), CliRun.of("info", path));
    assertEquals(new CliRun(0, "[{'offset': 40, 'secondsPerPoint': 60, 'points': 30, 'retention': 1800,"
        + " 'size': 360}, {'offset': 400, 'secondsPerPoint': 600, 'points': 5, 'retention': 3000,"
        + " 'size': 60}]\n", ""), CliRun.of("info", path, "archives"));
  }

  /** T-DUMP: create 60:3 120:3, then update T:0.1 T+60:-2.5e300. */
  @Test
  void dumpOfSpecVector() {
    String path = dir.resolve("d.wsp").toString();
    assertEquals(0, CliRun.of("create", path, "60:3", "120:3").status());
    long t = 1_795_564_560L;
    assertEquals(new CliRun(0, "", ""),
        Commands.updateAt(t + 60, "", path, t + ":0.1", (t + 60) + ":-2.5e300"));
    CliRun dump = CliRun.of("dump", path);
    assertEquals(0, dump.status(), dump::toString);
    assertTrue(dump.out().startsWith("""
        Meta data:
          aggregation method: average
          max retention: 360
          xFilesFactor: 0.5

        Archive 0 info:
          offset: 40
          seconds per point: 60
          points: 3
          retention: 180
          size: 36

        Archive 1 info:
          offset: 76
          seconds per point: 120
          points: 3
          retention: 360
          size: 36

        Archive 0 data:
        0: 1795564560, 0.1000000000000000055511151231257827
        1: 1795564620, -2.5000000000000001312619006380110506e+300
        2: 0,          0
        Archive 1 data:
        """), dump.out());
  }

  /** T-CREATE: the estimate block of spec 6.11. */
  @Test
  void estimateOfSpecVector() {
    CliRun run = CliRun.of("create", "--estimate", "60:1440", "5m:1y");
    assertEquals(0, run.status());
    assertTrue(run.out().startsWith("""
        Archive 0: 1440 points of 60s precision
        Archive 1: 105120 points of 300s precision

        Estimated Whisper DB Size: 1.220MB (1282048 bytes on disk with 4k blocks)

        Estimated storage requirement for 1k metrics: 1.194GB
        """), run.out());
  }

  /** C-01 to C-03: the bytes whisper.py's create writes. */
  @Test
  void createWritesSpecBytes() throws IOException {
    Path c01 = dir.resolve("c01.wsp");
    assertEquals(new CliRun(0, "Created: " + c01 + " (148 bytes)\n", ""),
        CliRun.of("create", c01.toString(), "60:10"));
    assertEquals("e151f790793d8f5cf10b681349b97e5cbc91718ca1d8323d16cac6d6da5b46be", sha256(c01));
    Path c02 = dir.resolve("c02.wsp");
    assertEquals(0, CliRun.of("create", c02.toString(), "3600:24", "60:10", "300:12").status());
    assertEquals("d896e4b8e366f27f94fd24210230a77e51f73fe551b55889589b6f3bf2efb13b", sha256(c02));
    Path c03 = dir.resolve("c03.wsp");
    assertEquals(0, CliRun.of("create", "--xFilesFactor=0.3", "--aggregationMethod=max",
        c03.toString(), "1:60", "60:60").status());
    byte[] bytes = Files.readAllBytes(c03);
    assertEquals(1480, bytes.length);
    assertEquals("00000004 00000e10 3e99999a 00000002 00000028 00000001 0000003c 000002f8"
        + " 0000003c 0000003c", words(bytes, 10));
  }

  /** T-SETXFF and T-SETAGG messages. */
  @Test
  void setMessages() throws IOException {
    Path file = dir.resolve("x.wsp");
    Files.copy(TESTDATA.resolve("good/spec-5.1.wsp"), file);
    String path = file.toString();
    assertEquals(0, CliRun.of("set-xfilesfactor", path, "0.25").status());
    assertEquals(new CliRun(0, "Updated xFilesFactor: " + path + " (0.25 -> 0.3)\n", ""),
        CliRun.of("set-xfilesfactor", path, "0.3"));
    assertEquals(new CliRun(0, "Updated aggregation method: " + path + " (average -> max)\n", ""),
        CliRun.of("set-aggregation-method", path, "max", "0.5"));
    assertEquals(new CliRun(0, "0.5\n", ""), CliRun.of("info", path, "xFilesFactor"));
  }

  private static List<Path> goldenFiles(String suffix) throws IOException {
    try (Stream<Path> list = Files.list(TESTDATA.resolve("golden"))) {
      return list.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
    }
  }

  private static String sha256(Path file) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String words(byte[] bytes, int count) {
    List<String> words = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      words.add(HexFormat.of().formatHex(bytes, 4 * i, 4 * i + 4));
    }
    return String.join(" ", words);
  }
}
