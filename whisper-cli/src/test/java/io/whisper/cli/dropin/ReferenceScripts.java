package io.whisper.cli.dropin;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.whisper.cli.py.PyJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
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

/**
 * The reference whisper-* scripts of Debian's python3-whisper 1.1.4, run unmodified by one
 * long-lived {@code /usr/bin/python3} (run_scripts.py) at a clock second the test chooses, and
 * the file generator make_files.py.
 */
final class ReferenceScripts implements AutoCloseable {
  static final Path PYTHON = Path.of("/usr/bin/python3");

  /** One run: exit status, stdout, stderr. */
  record Run(int status, String out, String err) {}

  private final Process process;
  private final OutputStream in;
  private final BufferedReader out;

  private ReferenceScripts(Path driver) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(PYTHON.toString(), driver.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT);
    builder.environment().put("PYTHONIOENCODING", "utf-8");
    process = builder.start();
    in = process.getOutputStream();
    out = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  /**
   * Skips the calling test unless the reference is installed: {@code /usr/bin/python3} that
   * can {@code import whisper}, and the whisper-merge, whisper-diff and whisper-resize scripts.
   */
  static void assumeInstalled() {
    boolean scripts = Files.isExecutable(script("merge")) && Files.isExecutable(script("diff"))
        && Files.isExecutable(script("resize"));
    assumeTrue(scripts && python("import whisper").status() == 0,
        "the reference (python3-whisper: /usr/bin/python3 with whisper, /usr/bin/whisper-*)"
            + " is not installed");
  }

  /** Returns the path of the reference script {@code whisper-NAME}. */
  static Path script(String name) {
    return Path.of("/usr/bin/whisper-" + name);
  }

  /** Starts the script runner; its working files go to {@code workDir}. */
  static ReferenceScripts start(Path workDir) throws IOException {
    return new ReferenceScripts(resource("run_scripts.py", workDir));
  }

  /** Writes make_files.py's set of files into {@code dir}, data relative to {@code now}. */
  static void makeFiles(Path dir, long now) throws IOException {
    Path generator = resource("make_files.py", dir.getParent());
    Run run = command(List.of(PYTHON.toString(), generator.toString(), dir.toString(),
        Long.toString(now)));
    if (run.status() != 0) {
      throw new IllegalStateException("make_files.py failed: " + run.err());
    }
  }

  /** Runs {@code python3 -c code} as a separate process. */
  static Run python(String code) {
    return command(List.of(PYTHON.toString(), "-c", code));
  }

  /** Runs a command line as a separate process (the script as the shell would run it). */
  static Run command(List<String> commandLine) {
    try {
      Process p = new ProcessBuilder(commandLine).start();
      p.getOutputStream().close();
      String[] streams = new String[2];
      Thread errReader = Thread.ofPlatform().start(() -> streams[1] = drain(p.getErrorStream()));
      streams[0] = drain(p.getInputStream());
      errReader.join();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("timed out: " + commandLine);
      }
      return new Run(p.exitValue(), streams[0], streams[1]);
    } catch (IOException e) {
      return new Run(-1, "", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Runs {@code script} with {@code args} as whisper.py's clock reads {@code now}; a null
   * {@code now} leaves the wall clock.
   */
  Run run(Path script, Long now, List<String> args) throws IOException {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("script", script.toString());
    request.put("now", now);
    request.put("args", new ArrayList<Object>(args));
    in.write((PyJson.dumps(request) + "\n").getBytes(StandardCharsets.UTF_8));
    in.flush();
    String line = out.readLine();
    if (line == null) {
      throw new IllegalStateException("run_scripts.py exited");
    }
    String[] fields = line.split(" ");
    return new Run(Integer.parseInt(fields[0]), unhex(fields[1]), unhex(fields[2]));
  }

  /** Runs {@code whisper-NAME args} at {@code now}. */
  Run run(String name, long now, String... args) throws IOException {
    return run(name, now, List.of(args));
  }

  /** Runs {@code whisper-NAME args} at {@code now}. */
  Run run(String name, long now, List<String> args) throws IOException {
    return run(script(name), now, args);
  }

  @Override
  public void close() throws IOException {
    in.close();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Path resource(String name, Path dir) throws IOException {
    Path target = dir.resolve(name);
    try (InputStream stream = ReferenceScripts.class.getResourceAsStream(name)) {
      Files.write(target, stream.readAllBytes());
    }
    return target;
  }

  private static String drain(InputStream stream) {
    try {
      return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String unhex(String field) {
    return field.equals("-")
        ? ""
        : new String(HexFormat.of().parseHex(field), StandardCharsets.UTF_8);
  }
}
