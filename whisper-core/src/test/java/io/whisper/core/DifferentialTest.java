package io.whisper.core;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.whisper.core.ScenarioGenerator.Fetch;
import io.whisper.core.ScenarioGenerator.Op;
import io.whisper.core.ScenarioGenerator.Schema;
import io.whisper.core.ScenarioGenerator.ChangeAggregation;
import io.whisper.core.ScenarioGenerator.Update;
import io.whisper.core.ScenarioGenerator.UpdateMany;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential proof of the core library: random scenarios applied to both our implementation
 * and the reference whisper.py 1.1.4 (through {@code testdata/oracle.py}) must leave
 * byte-identical files after every operation and return identical results and errors.
 *
 * <p>Replay a failure with {@code -Dwhisper.differential.seed=SEED} (the scenario seed the
 * failure prints). {@code -Dwhisper.differential.scenarios=N} sets the number of scenarios.
 *
 * <p>The one exclusion is spec 4.6c (see {@link ScenarioGenerator}). Schema parsing,
 * validation and aggregation are compared in {@link SchemaAndAggregationDifferentialTest}.
 */
@Tag("slow")
class DifferentialTest {
  private static final long BASE_SEED = 0x3f1a_5eed_2026L;
  private static final int MAX_REPORTED = 10;

  @TempDir static Path dir;
  @RegisterExtension static final Oracle.PerClass ORACLE = new Oracle.PerClass();

  /** One compared call: the request sent to the reference and what our side gave. */
  private record Step(String label, Map<String, Object> request, String ours, byte[] oursAfter) {
    boolean writes() {
      return oursAfter != null;
    }
  }

  @Test
  void randomScenariosLeaveIdenticalBytesAndReadIdentically() throws IOException {
    String only = System.getProperty("whisper.differential.seed");
    List<Long> seeds = new ArrayList<>();
    if (only != null && !only.isBlank()) {
      seeds.add(Long.decode(only));
    } else {
      int n = Integer.getInteger("whisper.differential.scenarios", 1200);
      SplittableRandom seedSource = new SplittableRandom(BASE_SEED);
      for (int i = 0; i < n; i++) {
        seeds.add(seedSource.nextLong());
      }
    }
    Tally tally = new Tally();
    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < seeds.size(); i++) {
      long seed = seeds.get(i);
      Path scenarioDir = Files.createDirectory(dir.resolve("s" + i));
      ScenarioGenerator generator = new ScenarioGenerator(seed);
      List<Step> steps = runOurs(generator, scenarioDir);
      tally.add(generator, steps);
      Optional<String> mismatch = compare(steps, generator.header(), scenarioDir);
      if (mismatch.isPresent()) {
        mismatches.add("scenario seed " + seed + " (-Dwhisper.differential.seed=" + seed + "), "
            + describe(generator) + ":\n" + mismatch.get());
      } else {
        TestFiles.deleteTree(scenarioDir);
      }
    }
    System.out.println(tally.summary(seeds.size(), mismatches.size()));
    if (seeds.size() >= 100) {
      tally.assertReachedTheInterestingStates(seeds.size());
    }
    if (!mismatches.isEmpty()) {
      fail(mismatches.size() + " of " + seeds.size() + " scenarios differ from whisper.py:\n\n"
          + String.join("\n\n", mismatches.subList(0, Math.min(MAX_REPORTED, mismatches.size()))));
    }
  }

  /** Counts what the scenarios did and reached, for the summary and the coverage check. */
  private static final class Tally {
    private final Map<String, Integer> outcomes = new TreeMap<>();
    private int operations;
    private int finalFetches;
    private int trimmed;
    private int wrapped;
    private int multiArchive;
    private int reachedLast;

    void add(ScenarioGenerator generator, List<Step> steps) {
      trimmed += generator.trimmedBatches();
      for (Step step : steps) {
        outcomes.merge(kind(step), 1, Integer::sum);
        if (step.label().startsWith("final ")) {
          finalFetches++;
        } else {
          operations++;
        }
      }
      byte[] end = steps.stream().filter(Step::writes).toList().getLast().oursAfter();
      List<ArchiveInfo> archives = generator.header().archives();
      wrapped += archives.stream().anyMatch(a -> ringWrapped(end, a)) ? 1 : 0;
      if (archives.size() > 1) {
        multiArchive++;
        reachedLast += hasData(end, archives.getLast()) ? 1 : 0;
      }
    }

    String summary(int scenarios, int mismatches) {
      return String.format(Locale.ROOT, "differential: %d scenarios, %d operations, %d final"
              + " fetches, %d mismatches (%d batches had future points trimmed, spec 4.6c)%n"
              + "differential outcomes: %s; %d scenarios wrapped a ring, %d of %d multi-archive"
              + " scenarios reached their last archive",
          scenarios, operations, finalFetches, mismatches, trimmed, outcomes, wrapped,
          reachedLast, multiArchive);
    }

    // The comparison is only as good as the states the scenarios reach.
    void assertReachedTheInterestingStates(int scenarios) {
      assertTrue(wrapped > scenarios / 4, wrapped + " scenarios wrapped a ring");
      assertTrue(reachedLast > multiArchive / 4, reachedLast + " reached the last archive");
    }
  }

  // The call and how it ended, to show the mix of outcomes the scenarios reached.
  private static String kind(Step step) {
    String op = (String) step.request().get("op");
    String ours = step.ours();
    String result = ours.equals("ok: null") ? (op.equals("fetch") ? "None" : "ok")
        : ours.startsWith("ok: ") ? "ok" : ours.substring(0, ours.indexOf(':'));
    if (op.equals("fetch") && ours.startsWith("ok: {")) {
      String values = ours.substring(ours.indexOf("\"values\":[") + 10);
      result = values.contains("\"") ? "with data" : "all None";
    }
    return op + " " + result;
  }

  private static String describe(ScenarioGenerator generator) {
    Schema s = generator.schema();
    return "schema " + s.given() + " " + s.method() + " xff " + s.xFilesFactor() + " "
        + s.allocation();
  }

  // Runs a whole scenario on our side, recording each request for the reference.
  private static List<Step> runOurs(ScenarioGenerator generator, Path scenarioDir)
      throws IOException {
    Path ours = scenarioDir.resolve("ours.wsp");
    String ref = scenarioDir.resolve("ref.wsp").toString();
    Schema schema = generator.schema();
    Header header = generator.header();
    List<Step> steps = new ArrayList<>();

    List<List<Long>> archives = new ArrayList<>();
    for (Retention r : schema.given()) {
      archives.add(List.of(r.secondsPerPoint(), r.points()));
    }
    String created = outcome(() -> {
      Whisper.create(ours, schema.given(), schema.xFilesFactor(), schema.method(),
          schema.allocation(), false);
      return null;
    });
    steps.add(new Step("create", Oracle.request("create", "path", ref, "archives", archives,
        "xff", schema.xFilesFactor(), "method", schema.method().pythonName(),
        "sparse", schema.allocation() == Allocation.SPARSE,
        "fallocate", schema.allocation() == Allocation.FALLOCATE), created,
        Files.readAllBytes(ours)));

    for (int k = 0; k < generator.operations(); k++) {
      byte[] current = steps.getLast().oursAfter() != null
          ? steps.getLast().oursAfter()
          : Files.readAllBytes(ours);
      Op op = generator.nextOp(index -> u32(current, header.archive(index).offset()));
      steps.add(switch (op) {
        case UpdateMany u -> updateMany(ours, ref, u);
        case Update u -> update(ours, ref, u);
        case Fetch f -> fetch(ours, ref, f, "fetch");
        case ChangeAggregation a -> setAggregation(ours, ref, a);
      });
    }
    for (Fetch f : generator.finalFetches()) {
      steps.add(fetch(ours, ref, f, "final fetch"));
    }
    return steps;
  }

  private static Step updateMany(Path ours, String ref, UpdateMany u) throws IOException {
    String result = outcome(() -> {
      try (WhisperFile file = WhisperFile.openForUpdate(ours)) {
        file.updateMany(u.points(), u.now());
      }
      return null;
    });
    List<List<Object>> points = new ArrayList<>();
    for (Point p : u.points()) {
      points.add(List.of(p.timestamp(), Oracle.bits(p.value())));
    }
    return new Step("update_many " + u, Oracle.request("update_many", "path", ref,
        "points", points, "now", u.now()), result, Files.readAllBytes(ours));
  }

  private static Step update(Path ours, String ref, Update u) throws IOException {
    String result = outcome(() -> {
      try (WhisperFile file = WhisperFile.openForUpdate(ours)) {
        file.update(u.value(), u.timestamp(), u.now());
      }
      return null;
    });
    return new Step("update " + u, Oracle.request("update", "path", ref,
        "value", Oracle.bits(u.value()), "timestamp", u.timestamp(), "now", u.now()), result,
        Files.readAllBytes(ours));
  }

  private static Step setAggregation(Path ours, String ref, ChangeAggregation a)
      throws IOException {
    String result = outcome(() -> {
      Aggregation old = SetAggregation.set(ours, new SetAggregation.Request(
              Optional.ofNullable(a.method()), Optional.ofNullable(a.xFilesFactor()), true)).before();
      return a.method() != null ? old.method().pythonName() : Oracle.hex(old.xFilesFactor());
    });
    Map<String, Object> request = a.method() != null
        ? Oracle.request("set_aggregation", "path", ref, "method", a.method().pythonName(),
            "xff", a.xFilesFactor())
        : Oracle.request("set_xff", "path", ref, "xff", a.xFilesFactor());
    return new Step(a.toString(), request, result, Files.readAllBytes(ours));
  }

  private static Step fetch(Path ours, String ref, Fetch f, String label) {
    String result = outcome(() -> {
      try (WhisperFile file = WhisperFile.open(ours)) {
        return file.fetch(f.from(), f.until(), f.now(), f.secondsPerPoint())
            .map(DifferentialTest::asOracleResult)
            .orElse(null);
      }
    });
    Object archive = f.secondsPerPoint().isPresent() ? f.secondsPerPoint().getAsLong() : null;
    return new Step(label + " " + f, Oracle.request("fetch", "path", ref, "from", f.from(),
        "until", f.until(), "now", f.now(), "archive", archive), result, null);
  }

  // The oracle's fetch result shape, so both sides render through the same JSON writer.
  private static Map<String, Object> asOracleResult(TimeSeries series) {
    List<String> values = new ArrayList<>();
    for (Double v : series.values()) {
      values.add(v == null ? null : Oracle.hex(v));
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("start", series.start());
    result.put("end", series.end());
    result.put("step", series.step());
    result.put("values", values);
    return result;
  }

  interface Call {
    Object run() throws IOException;
  }

  // Our outcome in the reference's terms: "ok: RESULT" or "PythonExceptionName: message".
  static String outcome(Call call) {
    try {
      return "ok: " + Oracle.Json.write(call.run(), new StringBuilder());
    } catch (TimestampNotCoveredException e) {
      return "TimestampNotCovered: " + e.getMessage();
    } catch (InvalidTimeIntervalException e) {
      return "InvalidTimeInterval: " + e.getMessage();
    } catch (IllegalArgumentException e) {
      if (e.getMessage().endsWith("does not fit in 32 bits")) {
        return "struct.error: 'L' format requires 0 <= number <= 4294967295"; // same refusal
      }
      String name = e.getMessage().startsWith("Invalid granularity") ? "ValueError"
          : "InvalidConfiguration";
      return name + ": " + e.getMessage();
    } catch (IOException | RuntimeException e) {
      return "Java " + e;
    }
  }

  // Sends the scenario to the reference in one batch; returns the first difference, if any.
  private static Optional<String> compare(List<Step> steps, Header header, Path scenarioDir) {
    List<Map<String, Object>> batch = new ArrayList<>();
    for (Step step : steps) {
      batch.add(step.request());
      if (step.writes()) {
        batch.add(Oracle.request("sha256", "path", step.request().get("path")));
      }
    }
    List<Map<?, ?>> responses = ORACLE.get().call(batch);
    int r = 0;
    for (int k = 0; k < steps.size(); k++) {
      Step step = steps.get(k);
      String theirs = Oracle.outcome(responses.get(r++));
      if (!theirs.equals(step.ours())) {
        return Optional.of("step " + k + " " + step.label() + "\n  ours:   " + step.ours()
            + "\n  theirs: " + theirs);
      }
      if (step.writes()) {
        String theirHash = (String) responses.get(r++).get("result");
        if (!sha256(step.oursAfter()).equals(theirHash)) {
          return Optional.of("step " + k + " " + step.label() + " (" + theirs + ")\n  "
              + firstDifference(steps.subList(0, k + 1), header, scenarioDir));
        }
      }
    }
    return Optional.empty();
  }

  // Replays the reference's side of steps into a fresh file and locates the first differing byte.
  private static String firstDifference(List<Step> steps, Header header, Path scenarioDir) {
    String replay = scenarioDir.resolve("replay.wsp").toString();
    List<Map<String, Object>> batch = new ArrayList<>();
    for (Step step : steps) {
      if (step.writes()) {
        Map<String, Object> copy = new LinkedHashMap<>(step.request());
        copy.put("path", replay);
        batch.add(copy);
      }
    }
    batch.add(Oracle.request("bytes", "path", replay));
    byte[] theirs = HexFormat.of().parseHex((String) ORACLE.get().call(batch).getLast().get("result"));
    byte[] ours = steps.getLast().oursAfter();
    int at = Arrays.mismatch(ours, theirs);
    String where = at < header.headerSize() ? "header" : "past the last archive";
    for (int i = 0; i < header.archives().size(); i++) {
      ArchiveInfo a = header.archive(i);
      if (at >= a.offset() && at < a.end()) {
        long slot = (at - a.offset()) / Point.BYTES;
        long slotStart = a.offset() + slot * Point.BYTES;
        where = "archive " + i + " slot " + slot + " (ours " + slotText(ours, slotStart)
            + ", theirs " + slotText(theirs, slotStart) + ")";
      }
    }
    return "bytes differ first at offset " + at + ": " + where + "; sizes ours " + ours.length
        + " theirs " + theirs.length;
  }

  private static String slotText(byte[] bytes, long offset) {
    if (offset + Point.BYTES > bytes.length) {
      return "past end";
    }
    ByteBuffer b = ByteBuffer.wrap(bytes, (int) offset, Point.BYTES);
    return Integer.toUnsignedLong(b.getInt()) + " " + Oracle.hex(b.getDouble());
  }

  // A ring has wrapped when, in slot order, a newer interval is followed by an older one.
  private static boolean ringWrapped(byte[] file, ArchiveInfo archive) {
    long previous = 0;
    for (long slot = 0; slot < archive.points(); slot++) {
      long t = u32(file, archive.offset() + slot * Point.BYTES);
      if (t != 0 && previous != 0 && t < previous) {
        return true;
      }
      previous = t == 0 ? previous : t;
    }
    return false;
  }

  private static boolean hasData(byte[] file, ArchiveInfo archive) {
    for (long slot = 0; slot < archive.points(); slot++) {
      if (u32(file, archive.offset() + slot * Point.BYTES) != 0) {
        return true;
      }
    }
    return false;
  }

  private static long u32(byte[] bytes, long offset) {
    return Integer.toUnsignedLong(ByteBuffer.wrap(bytes).getInt((int) offset));
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
