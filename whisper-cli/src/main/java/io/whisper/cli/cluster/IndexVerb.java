package io.whisper.cli.cluster;

import static io.whisper.cli.support.Specs.option;

import io.whisper.cli.support.ExitCodes;
import io.whisper.ring.Member;
import io.whisper.ring.Ring;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code whisper cluster index}: graphite-web's search index of the cluster: the metrics held
 * by at least one of their owners, dotted names sorted (bytes) and unique, one a line; written
 * to a temporary file beside FILE, forced to disk and renamed into place, so graphite-web reads
 * the old index or the new one, never half of one. A node that fails leaves FILE as it was.
 */
final class IndexVerb extends Verb {
  private Path output;

  IndexVerb(ClusterContext context) {
    super(context, "index");
    spec.addOption(option(Path.class, v -> output = v, "-o", "--output").paramLabel("FILE")
        .description("Write the index to FILE (graphite-web's INDEX_FILE; Debian:"
            + " /var/lib/graphite/search_index); default: standard output").build());
    spec.usageMessage().description("graphite-web's search index of the metrics on their"
        + " owners: sorted unique dotted names, one a line. With -o, FILE is replaced only"
        + " when every node answered. Names with a newline cannot be a line: skipped, named.");
    finish("  whisper cluster index -o /var/lib/graphite/search_index");
  }

  @Override
  int run(ClusterContext.Loaded cluster) throws IOException {
    Ring ring = cluster.ring();
    List<Node> nodes = cluster.nodes();
    List<byte[]> names = new ArrayList<>();
    MergedWalk.Result result = MergedWalk.run(cluster, 0, List.of(), err(), holding -> {
      byte[] name = MetricNames.dotted(holding.path());
      List<Member> owners = ring.owners(name, 0, name.length);
      for (MergedWalk.Copy copy : holding.copies()) {
        if (nodes.get(copy.node()).member().map(owners::contains).orElse(false)) {
          if (contains(name, (byte) '\n')) {
            err().println("whisper cluster index: skipped " + MetricNames.text(name)
                + ": a name with a newline cannot be a line of the index");
          } else {
            names.add(name);
          }
          return;
        }
      }
    });
    if (result.partial()) {
      err().println("whisper cluster index: not written: the listing is partial (see above)");
      return ExitCodes.NODE_FAILED;
    }
    names.sort(Arrays::compareUnsigned);
    if (output == null) {
      OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
      write(names, out);
      out.flush();
      return ExitCodes.OK;
    }
    Path target = output.toAbsolutePath();
    Path temporary = target.resolveSibling("." + target.getFileName() + ".tmp" + ProcessHandle.current().pid());
    try {
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temporary,
          StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), 1 << 16)) {
        write(names, out);
      }
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temporary);
    }
    err().println("whisper cluster index: " + countUnique(names) + " metrics written to " + output);
    return ExitCodes.OK;
  }

  private static boolean contains(byte[] name, byte b) {
    for (byte x : name) {
      if (x == b) {
        return true;
      }
    }
    return false;
  }

  private static void write(List<byte[]> sorted, OutputStream out) throws IOException {
    byte[] previous = null;
    for (byte[] name : sorted) {
      if (previous == null || !Arrays.equals(previous, name)) {
        out.write(name);
        out.write('\n');
      }
      previous = name;
    }
  }

  private static long countUnique(List<byte[]> sorted) {
    long count = 0;
    byte[] previous = null;
    for (byte[] name : sorted) {
      if (previous == null || !Arrays.equals(previous, name)) {
        count++;
      }
      previous = name;
    }
    return count;
  }
}
