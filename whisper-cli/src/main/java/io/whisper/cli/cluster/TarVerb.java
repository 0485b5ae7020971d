package io.whisper.cli.cluster;

import static io.whisper.cli.support.Specs.flag;
import static io.whisper.cli.support.Specs.option;
import static io.whisper.cli.support.Specs.positionals;

import io.whisper.cli.support.ExitCodes;
import io.whisper.cli.support.Progress;
import io.whisper.ring.Member;
import io.whisper.ring.Ring;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code whisper cluster tar}: the matching metrics in one tar stream, each from one owner
 * (or every node's copy with {@code --all-replicas}), read under its flock on the node and
 * stored sparse under its metric path. The nodes send at once, several files in flight each;
 * the stream takes one node's files after another.
 */
final class TarVerb extends Verb {
  private static final int IN_FLIGHT = 16;
  private static final int FILES_AHEAD = 16;

  private List<String> patterns = new ArrayList<>();
  private boolean allReplicas;
  private Path output;

  TarVerb(ClusterContext context) {
    super(context, "tar");
    spec.addPositional(positionals(String.class, v -> patterns = v).paramLabel("PATTERN")
        .description("graphite patterns; none: every metric").build());
    spec.addOption(flag(v -> allReplicas = v, "--all-replicas")
        .description("Every node's copy, under NODE/ (host:port/a/b/c.wsp)").build());
    spec.addOption(option(Path.class, v -> output = v, "-o", "--output").paramLabel("FILE")
        .description("Write to FILE (through a temporary file beside it) instead of standard"
            + " output").build());
    spec.usageMessage().description("A tar archive of the metrics matching PATTERNs: each from"
        + " the first owner that holds it (a node that holds it otherwise when no owner does),"
        + " read under the file's flock, stored sparse as a/b/c.wsp. GNU tar extracts it.");
    finish("  whisper cluster tar 'servers.web01.*.*' > web01.tar",
        "  whisper cluster tar --all-replicas -o app.tar 'app.*.*'");
  }

  @Override
  String[] exitCodes() {
    return new String[] {
        ExitCodes.OK + ":every matching metric archived",
        ExitCodes.FAILED + ":some files failed (named)",
        ExitCodes.NODE_FAILED + ":errors: a node failed (its files are missing), or bad usage"};
  }

  /** One file to fetch: from which node, its path there, its name in the archive. */
  private record Item(int node, byte[] path, byte[] archiveName) {}

  /** A file fetched: its runs and their bytes, or why not. */
  private record Fetched(Item item, long size, long mtime, List<TarWriter.Run> runs,
      ByteArrayOutputStream data, String error) {}

  @Override
  int run(ClusterContext.Loaded cluster) throws IOException {
    checkPatterns(patterns);
    List<Node> nodes = cluster.nodes();
    Ring ring = cluster.ring();
    List<List<Item>> plan = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      plan.add(new ArrayList<>());
    }
    MergedWalk.Result listing = MergedWalk.run(cluster, 0, patterns, err(), holding -> {
      if (allReplicas) {
        for (MergedWalk.Copy copy : holding.copies()) {
          byte[] prefix = (nodes.get(copy.node()).label() + "/").getBytes(StandardCharsets.UTF_8);
          byte[] name = new byte[prefix.length + holding.path().length];
          System.arraycopy(prefix, 0, name, 0, prefix.length);
          System.arraycopy(holding.path(), 0, name, prefix.length, holding.path().length);
          plan.get(copy.node()).add(new Item(copy.node(), holding.path(), name));
        }
        return;
      }
      int chosen = source(holding, nodes, ring);
      plan.get(chosen).add(new Item(chosen, holding.path(), holding.path()));
    });
    if (Fanout.anyFailed(listing.outcomes())) {
      err().println("whisper cluster tar: not written: a node did not list its metrics");
      return ExitCodes.NODE_FAILED;
    }
    Path temporary = null;
    OutputStream stream;
    if (output != null) {
      Path target = output.toAbsolutePath();
      temporary = target.resolveSibling("." + target.getFileName() + ".tmp" + ProcessHandle.current().pid());
      stream = Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW);
    } else {
      stream = new FileOutputStream(FileDescriptor.out);
    }
    AtomicLong failed = new AtomicLong();
    List<NodeOutcome> outcomes;
    long files = 0;
    for (List<Item> items : plan) {
      files += items.size();
    }
    try (OutputStream out = new BufferedOutputStream(stream, 1 << 16);
        Progress progress = Progress.onTerminal("files", files)) {
      outcomes = fetchAll(cluster, plan, new TarWriter(out), failed, progress);
    }
    if (temporary != null) {
      try {
        if (!Fanout.anyFailed(outcomes)) {
          try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            channel.force(true);
          }
          Files.move(temporary, output.toAbsolutePath(), StandardCopyOption.ATOMIC_MOVE);
        }
      } finally {
        Files.deleteIfExists(temporary);
      }
    }
    if (Fanout.anyFailed(outcomes) || listing.partial()) {
      return ExitCodes.NODE_FAILED;
    }
    return failed.get() > 0 ? ExitCodes.FAILED : ExitCodes.OK;
  }

  // The first owner holding it, in replica order; else the first node holding it.
  private static int source(MergedWalk.Holding holding, List<Node> nodes, Ring ring) {
    byte[] name = MetricNames.dotted(holding.path());
    for (Member owner : ring.owners(name, 0, name.length)) {
      for (MergedWalk.Copy copy : holding.copies()) {
        if (nodes.get(copy.node()).member().map(owner::equals).orElse(false)) {
          return copy.node();
        }
      }
    }
    return holding.copies().getFirst().node();
  }

  private List<NodeOutcome> fetchAll(ClusterContext.Loaded cluster, List<List<Item>> plan,
      TarWriter tar, AtomicLong failed, Progress progress) throws IOException {
    List<Node> nodes = cluster.nodes();
    List<BlockingQueue<Fetched>> queues = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      queues.add(new ArrayBlockingQueue<>(FILES_AHEAD));
    }
    Fetched end = new Fetched(null, 0, 0, List.of(), null, null);
    List<Node> busy = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      if (!plan.get(i).isEmpty()) {
        busy.add(nodes.get(i));
      }
    }
    List<List<NodeOutcome>> outcomes = new ArrayList<>();
    Thread fetchers = Thread.ofPlatform().daemon().start(() -> outcomes.add(Fanout.run(busy,
        cluster.transport(), err(), session -> fetch(session, plan.get(nodes.indexOf(session.node())),
            queues.get(nodes.indexOf(session.node()))),
        index -> put(queues.get(nodes.indexOf(busy.get(index))), end))));
    for (Node node : busy) {
      BlockingQueue<Fetched> queue = queues.get(nodes.indexOf(node));
      for (Fetched fetched = take(queue); fetched != end; fetched = take(queue)) {
        progress.step(fetched.error() != null);
        if (fetched.error() != null) {
          failed.incrementAndGet();
          warn(node, MetricNames.text(fetched.item().path()) + ": " + fetched.error());
          continue;
        }
        tar.file(fetched.item().archiveName(), fetched.size(), fetched.mtime(), fetched.runs(),
            fetched.data().toByteArray(), fetched.data().size());
      }
    }
    tar.finish();
    try {
      fetchers.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    }
    return outcomes.getFirst();
  }

  // Keeps IN_FLIGHT reads outstanding: the node streams one file while the next requests wait.
  private static void fetch(NodeSession session, List<Item> items, BlockingQueue<Fetched> queue)
      throws NodeFailure, IOException {
    int sent = 0;
    for (; sent < Math.min(IN_FLIGHT, items.size()); sent++) {
      Requests.sendRead(session, items.get(sent).path());
    }
    for (Item item : items) {
      List<TarWriter.Run> runs = new ArrayList<>();
      ByteArrayOutputStream data = new ByteArrayOutputStream();
      long[] file = new long[2];
      String error = null;
      try {
        Requests.answer(session, 0, new Requests.Answers() {
          @Override
          public void file(long size, long mtime) {
            file[0] = size;
            file[1] = mtime;
          }

          @Override
          public void data(long offset, ByteBuffer bytes) {
            int length = bytes.remaining();
            TarWriter.Run last = runs.isEmpty() ? null : runs.getLast();
            if (last != null && last.offset() + last.length() == offset) {
              runs.set(runs.size() - 1, new TarWriter.Run(last.offset(), last.length() + length));
            } else {
              runs.add(new TarWriter.Run(offset, length));
            }
            data.write(bytes.array(), bytes.arrayOffset() + bytes.position(), length);
          }
        });
      } catch (RequestFailure e) {
        error = e.getMessage();
      }
      if (sent < items.size()) {
        Requests.sendRead(session, items.get(sent++).path());
      }
      put(queue, new Fetched(item, file[0], file[1], runs, data, error));
    }
  }

  private static Fetched take(BlockingQueue<Fetched> queue) throws IOException {
    try {
      return queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    }
  }

  private static void put(BlockingQueue<Fetched> queue, Fetched fetched) {
    try {
      queue.put(fetched);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
