package io.whisper.ring;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The live oracles: Debian's carbon-c-relay in test mode, and carbon's router in Python. */
final class Oracles {
  static final Path RELAY = Path.of("/usr/bin/carbon-c-relay");
  static final Path PYTHON = Path.of("/usr/bin/python3");
  static final Path CARBON_ROUTER = RingGoldenTest.GOLDEN.resolveSibling("carbon_router.py");

  private Oracles() {}

  /** Skips the calling test unless both oracles run here (.ci/run installs them). */
  static void assumeAvailable() throws IOException, InterruptedException {
    assumeTrue(Files.isExecutable(RELAY), "carbon-c-relay is not installed (apt-get install"
        + " carbon-c-relay): the differential ring test is skipped");
    assumeTrue(Files.isExecutable(PYTHON) && run(List.of(PYTHON.toString(), "-c",
        "import carbon.routers"), null).exitCode == 0, "graphite-carbon is not installed"
        + " (apt-get install graphite-carbon): the differential ring test is skipped");
  }

  /** {@code carbon-c-relay -t -d -f conf < names}, parsed. */
  static RelayTestOutput relay(Path conf, Path names) throws IOException, InterruptedException {
    Result r = run(List.of(RELAY.toString(), "-t", "-d", "-f", conf.toString()), names);
    if (r.exitCode != 0) {
      throw new IllegalStateException("carbon-c-relay -t failed on " + conf + ", exit "
          + r.exitCode);
    }
    return RelayTestOutput.parse(r.stdout);
  }

  /** carbon_router.py's {@code name TAB owners} lines (split at newlines only). */
  static List<String> carbon(Path conf, Path names) throws IOException, InterruptedException {
    Result r = run(List.of(PYTHON.toString(), CARBON_ROUTER.toString(), conf.toString()), names);
    if (r.exitCode != 0) {
      throw new IllegalStateException("carbon_router.py failed on " + conf + ", exit "
          + r.exitCode);
    }
    return Arrays.asList(new String(r.stdout, java.nio.charset.StandardCharsets.UTF_8)
        .split("\n", -1)).subList(0, Math.max(0, countNewlines(r.stdout)));
  }

  private static int countNewlines(byte[] b) {
    int n = 0;
    for (byte x : b) {
      n += x == '\n' ? 1 : 0;
    }
    return n;
  }

  private record Result(int exitCode, byte[] stdout) {}

  private static Result run(List<String> command, Path stdin)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("ring-oracle", ".out");
    try {
      ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command))
          .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
      pb.environment().put("LC_ALL", "C.UTF-8");
      pb.environment().put("PYTHONIOENCODING", "utf-8:surrogateescape");
      if (stdin != null) {
        pb.redirectInput(stdin.toFile());
      }
      Process p = pb.start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(command.getFirst() + " did not finish in 120 s");
      }
      return new Result(p.exitValue(), Files.readAllBytes(out));
    } finally {
      Files.deleteIfExists(out);
    }
  }
}
