package io.whisper.cli.dropin;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The reference whisper.py 1.1.4 scripts, /usr/bin/whisper-TOOL, run as operators run them. */
final class Reference {
  static final Path PYTHON = Path.of("/usr/bin/python3");

  private Reference() {}

  /** Skips the calling test, saying why, unless python3 can import whisper and the script exists. */
  static void assumeInstalled(String tool) {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/whisper-" + tool)) && importsWhisper(),
        "the reference /usr/bin/whisper-" + tool + " with python3-whisper is not installed");
  }

  private static boolean importsWhisper() {
    try {
      return run(List.of(PYTHON.toString(), "-c", "import whisper"), null, null).status() == 0;
    } catch (UncheckedIOException e) {
      return false;
    }
  }

  /** Runs {@code whisper-TOOL ARGS} in {@code dir}, with {@code stdin} (null: none). */
  static Run tool(Path dir, String tool, List<String> args, String stdin) {
    List<String> command = new ArrayList<>();
    command.add("/usr/bin/whisper-" + tool);
    command.addAll(args);
    return run(command, dir, stdin);
  }

  /** Runs a process and waits for it. */
  static Run run(List<String> command, Path dir, String stdin) {
    try {
      ProcessBuilder builder = new ProcessBuilder(command);
      if (dir != null) {
        builder.directory(dir.toFile());
      }
      builder.environment().put("PYTHONIOENCODING", "utf-8");
      Process process = builder.start();
      CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
      try (OutputStream in = process.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("timed out: " + command);
      }
      return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8),
          new String(err.join(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static byte[] readAll(InputStream stream) {
    try {
      return stream.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes the differential-test files with whisper.py into {@code dir}, data ending at
   * {@code now}: every aggregation method times three schemas, empty and full (make_files.py).
   */
  static List<String> makeFiles(Path dir, long now) {
    Path script = dir.resolve("make_files.py");
    try (InputStream in = Reference.class.getResourceAsStream("/dropin/make_files.py")) {
      Files.write(script, in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Run run = run(List.of(PYTHON.toString(), script.toString(), dir.toString(), Long.toString(now)),
        dir, null);
    if (run.status() != 0) {
      throw new IllegalStateException("make_files.py failed: " + run);
    }
    return run.out().lines().toList();
  }
}
