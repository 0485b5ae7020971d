package io.whisper.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pure functions under the file operations, compared with whisper.py 1.1.4 over many
 * inputs: {@code parseRetentionDef}, {@code validateArchiveList}'s messages and {@code
 * aggregate}, bit for bit.
 */
@Tag("slow")
class SchemaAndAggregationDifferentialTest {
  private static final long SEED = 0x5c4e_3a11L;

  @TempDir static Path dir;
  @RegisterExtension static final Oracle.PerClass ORACLE = new Oracle.PerClass();

  @Test
  void schemaValidationMessagesMatchValidateArchiveList() throws IOException {
    Random random = new Random(SEED);
    long[] steps = {1, 2, 3, 5, 10, 15, 60, 120, 300};
    List<List<Retention>> schemas = new ArrayList<>();
    schemas.add(List.of());
    for (int i = 0; i < 600; i++) {
      List<Retention> schema = new ArrayList<>();
      int n = 1 + random.nextInt(4);
      for (int k = 0; k < n; k++) {
        schema.add(new Retention(steps[random.nextInt(steps.length)], 1 + random.nextInt(30)));
      }
      schemas.add(schema);
    }
    List<Map<String, Object>> batch = new ArrayList<>();
    List<String> ours = new ArrayList<>();
    for (int i = 0; i < schemas.size(); i++) {
      List<List<Long>> archives = new ArrayList<>();
      for (Retention r : schemas.get(i)) {
        archives.add(List.of(r.secondsPerPoint(), r.points()));
      }
      batch.add(Oracle.request("create", "path", dir.resolve("validate-" + i).toString(),
          "archives", archives));
      List<Retention> schema = schemas.get(i);
      ours.add(DifferentialTest.outcome(() -> {
        Retention.validate(schema);
        return null;
      }));
    }
    List<Map<?, ?>> responses = ORACLE.get().call(batch);
    int valid = 0;
    for (int i = 0; i < schemas.size(); i++) {
      assertEquals(Oracle.outcome(responses.get(i)), ours.get(i), "schema " + schemas.get(i));
      valid += ours.get(i).startsWith("ok") ? 1 : 0;
    }
    // Both kinds must be well represented, or the comparison proves little.
    assertTrue(valid > 50 && valid < schemas.size() - 50, valid + " valid schemas");
  }

  @Test
  void retentionDefinitionsParseAsParseRetentionDef() throws IOException, InterruptedException {
    List<String> definitions = new ArrayList<>(List.of("60:1440", "1m:1d", "15m:8", "12h:2y",
        " 1h:7d ", "\t10s:6h\n", "", ":", "1:", ":1", "abc", "1m:1d:1h", "-1:5", "1.5:10",
        "1m:-5", "0:5", "5:0", "0m:1d", "0:1d", "1h:1m", "1M:1d", "1m: 1d", "1m :1d",
        "1m\n:1d", "1m\r:1d", "1m:1d\r\n", "1mo:1d", "1min:1day", "1x:5", "1s:1s", "060:010",
        "1w:1y", "1y:10y", "1seconds:1years", "1secondsx:5", "01:1s", "5:1d"));
    String[] numbers = {"0", "1", "5", "60", "060", "7", "1440", "86400", "12345678901", ""};
    String[] units = {"", "", "", "s", "sec", "seconds", "m", "min", "minutes", "h", "hours",
        "d", "day", "w", "weeks", "y", "years", "mo", "x", "S", "M", "secondsx", " "};
    String[] separators = {":", ":", ":", "::", "", " : "};
    String[] pads = {"", "", " ", "\t", "\n ", "\u000b"};
    Random random = new Random(SEED);
    for (int i = 0; i < 1500; i++) {
      definitions.add(pads[random.nextInt(pads.length)]
          + numbers[random.nextInt(numbers.length)] + units[random.nextInt(units.length)]
          + separators[random.nextInt(separators.length)]
          + numbers[random.nextInt(numbers.length)] + units[random.nextInt(units.length)]
          + pads[random.nextInt(pads.length)]);
    }
    String script = String.join("\n",
        "import json, sys, whisper",
        "for line in sys.stdin:",
        "    d = json.loads(line)",
        "    try:",
        "        r = {'ok': list(whisper.parseRetentionDef(d))}",
        "    except Exception as e:",
        "        r = {'error': str(e)}",
        "    print(json.dumps(r), flush=True)");
    List<String> theirs = runPython(script, definitions);
    int accepted = 0;
    for (int i = 0; i < definitions.size(); i++) {
      String definition = definitions.get(i);
      String ours;
      try {
        Retention r = Retention.parse(definition);
        ours = "{\"ok\":[" + r.secondsPerPoint() + "," + r.points() + "]}";
        accepted++;
      } catch (IllegalArgumentException | ArithmeticException e) {
        ours = Oracle.Json.write(Map.of("error", e.getMessage()), new StringBuilder()).toString();
      }
      Object parsed = MiniJson.parse(theirs.get(i));
      assertEquals(Oracle.Json.write(parsed, new StringBuilder()).toString(), ours,
          "parseRetentionDef(" + Oracle.Json.write(definition, new StringBuilder()) + ")");
    }
    assertTrue(accepted > 100 && accepted < definitions.size() - 100, accepted + " accepted");
  }

  // Runs a script once over every input (one JSON string a line), one output line each.
  private static List<String> runPython(String script, List<String> inputs)
      throws IOException, InterruptedException {
    StringBuilder text = new StringBuilder();
    for (String input : inputs) {
      Oracle.Json.write(input, text).append('\n');
    }
    Path in = dir.resolve("python-input.jsonl");
    Files.writeString(in, text);
    Process p = new ProcessBuilder(Oracle.PYTHON.toString(), "-c", script)
        .redirectInput(in.toFile())
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), "python3 exit status");
    List<String> lines = out.lines().toList();
    assertEquals(inputs.size(), lines.size(), "one output line per input");
    return lines;
  }

  @Test
  void aggregationMatchesBitForBit() {
    Random random = new Random(SEED);
    double[] specials = {Double.NaN, Double.longBitsToDouble(0xfff8000000000000L),
      Double.longBitsToDouble(0x7ff8000000000abcL), Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY, -0.0, 0.0, Double.MAX_VALUE, -Double.MAX_VALUE,
      Double.MIN_VALUE, 1e16, -1e16, 1.0, 0.1, 0.2, 0.3};
    List<Map<String, Object>> batch = new ArrayList<>();
    List<String> ours = new ArrayList<>();
    for (int i = 0; i < 4000; i++) {
      AggregationMethod method = AggregationMethod.values()[i % AggregationMethod.values().length];
      int n = 1 + random.nextInt(12);
      double[] values = new double[n];
      boolean[] known = new boolean[n];
      List<Object> neighbors = new ArrayList<>();
      List<Object> knownValues = new ArrayList<>();
      known[random.nextInt(n)] = true;
      for (int k = 0; k < n; k++) {
        known[k] |= random.nextInt(3) > 0;
        int kind = random.nextInt(10);
        values[k] = kind < 3 ? specials[random.nextInt(specials.length)]
            : kind < 6 ? random.nextInt(21) - 10
            : kind < 9 ? random.nextGaussian() * 1e6
            : Double.longBitsToDouble(random.nextLong());
        neighbors.add(known[k] ? Oracle.bits(values[k]) : null);
        if (known[k]) {
          knownValues.add(Oracle.bits(values[k]));
        }
      }
      batch.add(Oracle.request("aggregate", "method", method.pythonName(), "known", knownValues,
          "neighbors", neighbors));
      ours.add("ok: \"" + Oracle.hex(method.aggregate(values, known, n)) + "\"");
    }
    List<Map<?, ?>> responses = ORACLE.get().call(batch);
    for (int i = 0; i < batch.size(); i++) {
      assertEquals(Oracle.outcome(responses.get(i)), ours.get(i),
          "aggregate " + Oracle.Json.write(batch.get(i), new StringBuilder()));
    }
  }
}
