package io.whisper.cli.cluster;

import static io.whisper.cli.support.Specs.option;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The options of the verbs that ship metrics to nodes (rebalance, restore): how many at once,
 * and the per-node limits.
 */
final class MoveOptions {
  int parallel = 2;
  private double rate;
  private String bwlimit;

  /** Declares -j, --rate and --bwlimit on {@code spec}. */
  void declare(CommandSpec spec) {
    spec.addOption(option(int.class, v -> parallel = v, "-j", "--parallel").paramLabel("N")
        .defaultValue("2").description("ssh sessions per node, each carrying up to " + SessionPool.DEPTH + " requests at once"
            + " (default: ${DEFAULT-VALUE})").build());
    spec.addOption(option(double.class, v -> rate = v, "--rate").paramLabel("METRICS/S")
        .description("Each node reads or writes at most this many metric files a second, sent"
            + " and received counted together (default: no limit)").build());
    spec.addOption(option(String.class, v -> bwlimit = v, "--bwlimit").paramLabel("BYTES/S")
        .description("Each node reads or writes at most this many file bytes a second, K, M"
            + " or G (1024s) allowed (default: no limit)").build());
  }

  /** Checks the values and returns the limits for {@code nodes} nodes. */
  Limits limits(int nodes) throws IOException {
    if (parallel < 1 || rate < 0) {
      throw new IOException("--parallel must be at least 1 and --rate not negative");
    }
    return new Limits(nodes, rate, bwlimit == null ? 0 : parseBytes(bwlimit));
  }

  /**
   * Worker threads for {@code nodes} nodes: enough to keep every node's sessions full (each
   * metric in hand is at one node at a time, and most steps involve two), at most 64 (each
   * holds a file).
   */
  int workers(int nodes) {
    return Math.min(64, parallel * Math.max(1, nodes) * SessionPool.DEPTH / 2 + 1);
  }

  /** The nodes with ssh's compression on, after the operator's options (which win). */
  static List<Node> compressed(List<Node> nodes) {
    List<Node> result = new ArrayList<>();
    for (Node node : nodes) {
      List<String> options = new ArrayList<>(node.sshOptions());
      options.add("-o");
      options.add("Compression=yes");
      result.add(new Node(node.label(), node.member(), node.destination(), List.copyOf(options),
          node.command(), node.storage(), node.trash()));
    }
    return result;
  }

  static double parseBytes(String text) throws IOException {
    String value = text.strip();
    long unit = 1;
    if (!value.isEmpty()) {
      switch (Character.toUpperCase(value.charAt(value.length() - 1))) {
        case 'K' -> unit = 1L << 10;
        case 'M' -> unit = 1L << 20;
        case 'G' -> unit = 1L << 30;
        default -> unit = 1;
      }
    }
    try {
      double number = Double.parseDouble(unit == 1 ? value : value.substring(0,
          value.length() - 1));
      if (!(number > 0) || Double.isInfinite(number)) {
        throw new NumberFormatException();
      }
      return number * unit;
    } catch (NumberFormatException e) {
      throw new IOException("invalid --bwlimit '" + text + "': a positive number of bytes a"
          + " second, K, M or G allowed (10M)", e);
    }
  }
}
