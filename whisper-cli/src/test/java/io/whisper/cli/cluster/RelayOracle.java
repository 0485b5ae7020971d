package io.whisper.cli.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The owners of metric names as Debian's carbon-c-relay places them ({@code -t}): the oracle. */
final class RelayOracle {
  static final Path RELAY = Path.of("/usr/bin/carbon-c-relay");

  private RelayOracle() {}

  /** Returns each name's owners, {@code host:port}, first replica first. */
  static Map<String, List<String>> owners(Path relayConfig, List<String> names)
      throws IOException, InterruptedException {
    Process relay = new ProcessBuilder(RELAY.toString(), "-t", "-f", relayConfig.toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    relay.getOutputStream().write((String.join("\n", names) + "\n").getBytes(StandardCharsets.UTF_8));
    relay.getOutputStream().close();
    String output = new String(relay.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    relay.waitFor();
    Map<String, List<String>> owners = new LinkedHashMap<>();
    List<String> current = null;
    for (String line : output.split("\n")) {
      if (line.startsWith("    * -> ")) {
        current = new ArrayList<>();
        owners.put(line.substring("    * -> ".length()), current);
      } else if (current != null && line.startsWith("        ")) {
        current.add(line.strip());
      } else if (line.equals("    stop")) {
        current = null;
      }
    }
    if (!owners.keySet().containsAll(names)) {
      throw new IOException("carbon-c-relay -t did not place every name: " + output);
    }
    return owners;
  }

  static boolean installed() {
    return Files.isExecutable(RELAY);
  }
}
