package io.whisper.cli.dropin;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.whisper.cli.CliRun;
import io.whisper.cli.py.PyJson;
import io.whisper.core.TestFiles;
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
 * The reference: the whisper-* scripts of Debian's python3-whisper 1.1.4, run unmodified as
 * operators run them ({@link #tool}, {@link #command}) or by one long-lived {@code
 * /usr/bin/python3} (run_scripts.py) at a clock second the test chooses ({@link #start}), and
 * the file generator make_files.py, which writes the test files with whisper.py itself.
 */
final class ReferenceScripts implements AutoCloseable {
  static final Path PYTHON = Path.of("/usr/bin/python3");

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
   * can {@code import whisper}, and the scripts {@code whisper-TOOL} for each of {@code tools}
   * (none: merge, diff and resize, which the runner runs).
   */
  static void assumeInstalled(String... tools) {
    List<String> needed = tools.length > 0 ? List.of(tools) : List.of("merge", "diff", "resize");
    boolean scripts = needed.stream().allMatch(tool -> Files.isExecutable(script(tool)));
    assumeTrue(scripts && importsWhisper(),
        "the reference (python3-whisper: /usr/bin/python3 with whisper, /usr/bin/whisper-"
            + String.join(", whisper-", needed) + ") is not installed");
  }

  private static boolean importsWhisper() {
    try {
      return python("import whisper").status() == 0;
    } catch (UncheckedIOException e) {
      return false;
    }
  }

  /** Returns the path of the reference script {@code whisper-NAME}. */
  static Path script(String name) {
    return Path.of("/usr/bin/whisper-" + name);
  }

  /** Starts the script runner; its working files go to {@code workDir}. */
  static ReferenceScripts start(Path workDir) throws IOException {
    return new ReferenceScripts(resource("run_scripts.py", workDir));
  }

  /**
   * Writes make_files.py's SCHEMA-METHOD-CONTENT files into {@code dir} (see {@link
   * DropinFiles}), data relative to {@code now}.
   */
  static void makeFiles(Path dir, long now) {
    generate(dir, now, List.of());
  }

  /**
   * Writes make_files.py's METHOD-SCHEMA files into {@code dir}, data ending at {@code now}:
   * every aggregation method times three schemas, empty and full; returns their names.
   */
  static List<String> makeMethodFiles(Path dir, long now) {
    return generate(dir, now, List.of("--methods"));
  }

  private static List<String> generate(Path dir, long now, List<String> options) {
    try {
      Path scratch = Files.createTempDirectory("make-files");
      try {
        List<String> commandLine = new ArrayList<>(
            List.of(PYTHON.toString(), resource("make_files.py", scratch).toString()));
        commandLine.addAll(options);
        commandLine.addAll(List.of(dir.toString(), Long.toString(now)));
        CliRun run = command(commandLine);
        if (run.status() != 0) {
          throw new IllegalStateException("make_files.py failed: " + run);
        }
        return run.out().lines().toList();
      } finally {
        TestFiles.deleteTree(scratch);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs {@code python3 -c code} as a separate process. */
  static CliRun python(String code) {
    return command(List.of(PYTHON.toString(), "-c", code));
  }

  /** Runs {@code whisper-TOOL ARGS} in {@code dir}, with {@code stdin} (null: none). */
  static CliRun tool(Path dir, String tool, List<String> args, String stdin) {
    List<String> commandLine = new ArrayList<>();
    commandLine.add(script(tool).toString());
    commandLine.addAll(args);
    return command(commandLine, dir, stdin);
  }

  /** Runs a command line as a separate process (the script as the shell would run it). */
  static CliRun command(List<String> commandLine) {
    return command(commandLine, null, null);
  }

  /** Runs a command line in {@code dir} (null: here) with {@code stdin} (null: none). */
  static CliRun command(List<String> commandLine, Path dir, String stdin) {
    try {
      ProcessBuilder builder = new ProcessBuilder(commandLine);
      if (dir != null) {
        builder.directory(dir.toFile());
      }
      builder.environment().put("PYTHONIOENCODING", "utf-8");
      Process p = builder.start();
      String[] streams = new String[2];
      Thread errReader = Thread.ofPlatform().start(() -> streams[1] = drain(p.getErrorStream()));
      try (OutputStream stdinPipe = p.getOutputStream()) {
        if (stdin != null) {
          stdinPipe.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
      streams[0] = drain(p.getInputStream());
      errReader.join();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("timed out: " + commandLine);
      }
      return new CliRun(p.exitValue(), streams[0], streams[1]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Runs {@code script} with {@code args} as whisper.py's clock reads {@code now}; a null
   * {@code now} leaves the wall clock.
   */
  CliRun run(Path script, Long now, List<String> args) throws IOException {
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
    return new CliRun(Integer.parseInt(fields[0]), unhex(fields[1]), unhex(fields[2]));
  }

  /** Runs {@code whisper-NAME args} at {@code now}. */
  CliRun run(String name, long now, String... args) throws IOException {
    return run(name, now, List.of(args));
  }

  /** Runs {@code whisper-NAME args} at {@code now}. */
  CliRun run(String name, long now, List<String> args) throws IOException {
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
