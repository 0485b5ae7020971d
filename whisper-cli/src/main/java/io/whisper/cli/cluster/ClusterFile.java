package io.whisper.cli.cluster;

import io.whisper.ring.Member;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The cluster file, INI like carbon.conf: a {@code [cluster]} section (the ring file and how to
 * reach each node) and {@code [node HOST:PORT]} sections that override it for one ring member.
 * A node section whose member is not in the ring is a node being drained: it is asked what it
 * holds, and owns nothing.
 */
record ClusterFile(Path path, Path ring, Optional<String> relayCluster, Map<String, String> defaults,
    Map<String, Map<String, String>> nodes) {

  /** The storage root when the file names none: Debian's and carbon's. */
  static final String DEFAULT_STORAGE = "/var/lib/graphite/whisper";

  private static final Set<String> CLUSTER_KEYS =
      Set.of("ring", "relay-cluster", "storage", "ssh", "ssh-options", "command", "trash");
  private static final Set<String> NODE_KEYS =
      Set.of("storage", "ssh", "ssh-options", "command", "trash");

  /** Reads {@code file}; a problem is an exception whose message is {@code FILE:LINE: what}. */
  static ClusterFile read(Path file) throws IOException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IOException("cannot read the cluster file " + file + ": " + e.getMessage(), e);
    }
    Map<String, String> cluster = new LinkedHashMap<>();
    Map<String, Map<String, String>> nodes = new LinkedHashMap<>();
    Map<String, String> section = null;
    Set<String> allowed = null;
    for (int number = 1; number <= lines.size(); number++) {
      String line = stripComment(lines.get(number - 1)).strip();
      String where = file + ":" + number + ": ";
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith("[")) {
        if (!line.endsWith("]")) {
          throw new IOException(where + "a section header must end with ]");
        }
        String name = line.substring(1, line.length() - 1).strip();
        if (name.equals("cluster")) {
          section = cluster;
          allowed = CLUSTER_KEYS;
        } else if (name.startsWith("node ") && !name.substring(5).isBlank()) {
          section = new LinkedHashMap<>();
          allowed = NODE_KEYS;
          if (nodes.put(name.substring(5).strip(), section) != null) {
            throw new IOException(where + "node " + name.substring(5).strip() + " given twice");
          }
        } else {
          throw new IOException(where + "unknown section [" + name
              + "] (expected [cluster] or [node HOST:PORT])");
        }
        continue;
      }
      int equals = line.indexOf('=');
      if (equals < 0) {
        throw new IOException(where + "expected KEY = VALUE");
      }
      if (section == null) {
        throw new IOException(where + "a setting before any section");
      }
      String key = line.substring(0, equals).strip();
      String value = line.substring(equals + 1).strip();
      if (!allowed.contains(key)) {
        throw new IOException(where + "unknown setting '" + key + "' (known: "
            + String.join(", ", allowed.stream().sorted().toList()) + ")");
      }
      section.put(key, value);
    }
    String ring = cluster.get("ring");
    if (ring == null || ring.isEmpty()) {
      throw new IOException(file + ": [cluster] needs ring = RELAY-OR-CARBON-CONF");
    }
    Path ringPath = file.toAbsolutePath().resolveSibling(ring); // relative to the cluster file
    return new ClusterFile(file, ringPath, Optional.ofNullable(cluster.get("relay-cluster"))
        .filter(s -> !s.isEmpty()), cluster, nodes);
  }

  /**
   * Returns the nodes: each ring member with its settings, then the drained ones (node
   * sections naming no member), in file order.
   */
  List<Node> resolve(List<Member> members) throws IOException {
    List<Node> resolved = new ArrayList<>();
    Set<String> used = new java.util.HashSet<>();
    for (Member member : members) {
      String label = member.label();
      String plain = member.host() + ":" + member.port();
      String key = nodes.containsKey(label) ? label : plain;
      used.add(key);
      resolved.add(node(label, member.host(), Optional.of(member), nodes.getOrDefault(key, Map.of())));
    }
    for (Map.Entry<String, Map<String, String>> extra : nodes.entrySet()) {
      if (!used.contains(extra.getKey())) {
        String label = extra.getKey();
        int colon = label.lastIndexOf(':');
        String host = colon > 0 ? label.substring(0, colon) : label;
        host = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        resolved.add(node(label, host, Optional.empty(), extra.getValue()));
      }
    }
    return resolved;
  }

  private Node node(String label, String host, Optional<Member> member, Map<String, String> own)
      throws IOException {
    String ssh = setting(own, "ssh", "{host}").replace("{host}", host);
    String options = setting(own, "ssh-options", "");
    return new Node(label, member, ssh, ShellWords.split(options, path + ": ssh-options"),
        setting(own, "command", "whisper"), setting(own, "storage", DEFAULT_STORAGE),
        Optional.ofNullable(own.getOrDefault("trash", defaults.get("trash")))
            .filter(s -> !s.isEmpty()));
  }

  private String setting(Map<String, String> own, String key, String fallback) {
    String value = own.getOrDefault(key, defaults.get(key));
    return value == null || value.isEmpty() ? fallback : value;
  }

  // "#" or ";" after whitespace (or at the start) begins a comment, as in the issue's example.
  private static String stripComment(String line) {
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if ((c == '#' || c == ';') && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
        return line.substring(0, i);
      }
    }
    return line;
  }
}
