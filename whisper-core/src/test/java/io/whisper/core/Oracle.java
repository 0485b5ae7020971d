package io.whisper.core;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A client for {@code testdata/oracle.py}: the reference whisper.py 1.1.4 behind a JSON-lines
 * pipe. One process serves a whole test class; requests are sent in batches (written by a
 * separate thread, so neither side can block on a full pipe) to keep round trips few.
 */
final class Oracle implements AutoCloseable {
  static final Path PYTHON = Path.of("/usr/bin/python3");

  private final Process process;
  private final BufferedWriter requests;
  private final BufferedReader responses;

  private Oracle(Process process) {
    this.process = process;
    this.requests = new BufferedWriter(
        new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
    this.responses = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  /**
   * Skips the calling test unless {@code /usr/bin/python3} can {@code import whisper}. Call it
   * per test ({@code @BeforeEach}): an assumption failing in {@code @BeforeAll} hides the tests
   * from the report instead of listing them as skipped with this reason.
   */
  static void assumeReferenceInstalled() {
    assumeTrue(referenceInstalled(),
        "/usr/bin/python3 cannot import whisper (apt-get install python3-whisper): "
            + "differential tests against the reference skipped");
  }

  /** Returns true if {@code /usr/bin/python3} can {@code import whisper}; checked once. */
  static boolean referenceInstalled() {
    return Installed.REFERENCE;
  }

  private static final class Installed {
    static final boolean REFERENCE = canImportWhisper();
  }

  private static boolean canImportWhisper() {
    if (!Files.isExecutable(PYTHON)) {
      return false;
    }
    try {
      Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import whisper")
          .redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * One oracle per test class, as a JUnit extension ({@code @RegisterExtension static}): started
   * before the class's tests, stopped after them, and each test skipped, with the reason, when
   * the reference is not installed.
   */
  static final class PerClass implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
    private Oracle oracle;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
      if (referenceInstalled()) {
        oracle = start();
      }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
      assumeReferenceInstalled();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
      if (oracle != null) {
        oracle.close();
        oracle = null;
      }
    }

    /** Returns the running oracle. */
    Oracle get() {
      return oracle;
    }
  }

  /** Returns the testdata folder: the {@code whisper.testdata} property, else ../testdata. */
  static Path testdata() {
    String property = System.getProperty("whisper.testdata");
    if (property != null && !property.isBlank() && Files.isDirectory(Path.of(property))) {
      return Path.of(property);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("testdata/oracle.py"))) {
        return dir.resolve("testdata");
      }
    }
    throw new IllegalStateException("testdata not found: set -Dwhisper.testdata");
  }

  /** Starts the oracle; check {@link #referenceInstalled()} first. */
  static Oracle start() throws IOException {
    ProcessBuilder pb = new ProcessBuilder(
        PYTHON.toString(), testdata().resolve("oracle.py").toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT);
    return new Oracle(pb.start());
  }

  /** Sends one request and returns its response object. */
  Map<?, ?> call(Map<String, ?> request) {
    return call(List.of(request)).getFirst();
  }

  /** Sends the requests in one batch and returns their responses, in order. */
  List<Map<?, ?>> call(List<? extends Map<String, ?>> batch) {
    StringBuilder text = new StringBuilder();
    for (Map<String, ?> request : batch) {
      Json.write(request, text);
      text.append('\n');
    }
    Thread writer = Thread.ofVirtual().start(() -> {
      try {
        requests.write(text.toString());
        requests.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    List<Map<?, ?>> out = new ArrayList<>(batch.size());
    try {
      for (int i = 0; i < batch.size(); i++) {
        String line = responses.readLine();
        if (line == null) {
          throw new IllegalStateException("oracle.py exited early");
        }
        Object parsed = MiniJson.parse(line);
        if (!(parsed instanceof Map<?, ?> response)) {
          throw new IllegalStateException("oracle.py answered a non-object: " + line);
        }
        if ("ProtocolError".equals(response.get("error"))) {
          throw new IllegalStateException("bad oracle request: " + response.get("message"));
        }
        out.add(response);
      }
      writer.join();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return out;
  }

  @Override
  public void close() throws IOException {
    try {
      requests.close(); // EOF ends the oracle
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  /** Returns a request object {@code {"op": op, k1: v1, ...}} with keys in the given order. */
  static Map<String, Object> request(String op, Object... keysAndValues) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("op", op);
    for (int i = 0; i < keysAndValues.length; i += 2) {
      request.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return request;
  }

  /** Returns the oracle's exact encoding of a value: {@code {"bits": "<16 hex digits>"}}. */
  static Map<String, Object> bits(double value) {
    return Map.of("bits", hex(value));
  }

  /** Returns the 16 lowercase hex digits of a double's raw bits, as the oracle encodes floats. */
  static String hex(double value) {
    return HexFormat.of().toHexDigits(Double.doubleToRawLongBits(value));
  }

  /**
   * Renders a response as "ok: RESULT" or "ErrorName: message", the form a mismatch report shows
   * and an expectation built from our side is compared with.
   */
  static String outcome(Map<?, ?> response) {
    if (Boolean.TRUE.equals(response.get("ok"))) {
      return "ok: " + Json.write(response.get("result"), new StringBuilder());
    }
    return response.get("error") + ": " + response.get("message");
  }

  /** Writes requests as JSON; responses are read with {@link MiniJson}. */
  static final class Json {
    private Json() {}

    static StringBuilder write(Object value, StringBuilder out) {
      switch (value) {
        case null -> out.append("null");
        case String s -> writeString(s, out);
        case Map<?, ?> map -> {
          out.append('{');
          boolean first = true;
          for (Map.Entry<?, ?> e : map.entrySet()) {
            out.append(first ? "" : ",");
            first = false;
            writeString((String) e.getKey(), out);
            out.append(':');
            write(e.getValue(), out);
          }
          out.append('}');
        }
        case List<?> list -> {
          out.append('[');
          for (int i = 0; i < list.size(); i++) {
            out.append(i == 0 ? "" : ",");
            write(list.get(i), out);
          }
          out.append(']');
        }
        case Double d when !Double.isFinite(d) ->
            throw new IllegalArgumentException("send non-finite values as bits: " + d);
        case Number n -> out.append(n); // Double.toString is the shortest round-tripping form
        case Boolean b -> out.append(b);
        default -> throw new IllegalArgumentException("cannot encode " + value.getClass());
      }
      return out;
    }

    private static void writeString(String s, StringBuilder out) {
      out.append('"');
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c == '"' || c == '\\') {
          out.append('\\').append(c);
        } else if (c < 0x20) {
          out.append(String.format("\\u%04x", (int) c));
        } else {
          out.append(c);
        }
      }
      out.append('"');
    }
  }
}
