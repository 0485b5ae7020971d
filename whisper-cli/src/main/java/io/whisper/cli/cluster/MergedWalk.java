package io.whisper.cli.cluster;

import io.whisper.cli.serve.WalkOrder;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every node's listing merged into one stream of metrics, each with the nodes that hold it:
 * every node lists in {@link WalkOrder}, so a k-way merge of the streams needs one batch per
 * node in memory, not the names of the cluster. A node that fails ends its stream early; its
 * outcome says so.
 */
final class MergedWalk {
  // Ends of a node's stream, compared by identity: all listed, or broken off by a failure.
  private static final List<Entry> END = new ArrayList<>(0);
  private static final List<Entry> BROKEN = new ArrayList<>(0);
  private static final int BATCHES_AHEAD = 8;

  /**
   * One metric and the copies the nodes hold, in node order.
   *
   * @param broken the nodes whose listing broke off before this metric: whether they hold it
   *     is unknown (shared, read it before the next holding)
   */
  record Holding(byte[] path, List<Copy> copies, boolean[] broken) {}

  /** A node's copy: the node's index in the cluster's node list, and what it listed. */
  record Copy(int node, Entry entry) {}

  /** Receives the merged metrics, in walk order. */
  interface Sink {
    void accept(Holding holding) throws IOException;
  }

  /** What came of the walk: each node's outcome and the problems nodes reported. */
  record Result(List<NodeOutcome> outcomes, long problems) {
    boolean partial() {
      return problems > 0 || Fanout.anyFailed(outcomes);
    }
  }

  private MergedWalk() {}

  /** Walks every node with {@code flags} and {@code patterns}, feeding {@code sink}. */
  static Result run(ClusterContext.Loaded cluster, int flags, List<String> patterns,
      PrintWriter err, Sink sink) throws IOException {
    return run(cluster, flags, patterns, err, sink, (index, session) -> false);
  }

  /** As {@link #run}, offering each node's session to {@code keep} once it has listed. */
  static Result run(ClusterContext.Loaded cluster, int flags, List<String> patterns,
      PrintWriter err, Sink sink, Fanout.Keep keep) throws IOException {
    List<Node> nodes = cluster.nodes();
    List<BlockingQueue<List<Entry>>> queues = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      queues.add(new ArrayBlockingQueue<>(BATCHES_AHEAD));
    }
    AtomicLong problems = new AtomicLong();
    AtomicIntegerArray completed = new AtomicIntegerArray(nodes.size());
    List<List<NodeOutcome>> outcomes = new ArrayList<>();
    Thread fanout = Thread.ofPlatform().daemon().start(() -> outcomes.add(Fanout.run(nodes,
        cluster.transport(), err,
        session -> {
          Requests.walk(session, flags, patterns, new Requests.Answers() {
          @Override
          public void entries(List<Entry> batch) throws IOException {
            put(queues.get(nodes.indexOf(session.node())), batch);
          }

          @Override
          public void warning(String message) {
            problems.incrementAndGet();
            synchronized (err) {
              err.println("whisper cluster: " + session.node().label() + ": " + message);
            }
          }
          });
          completed.set(nodes.indexOf(session.node()), 1);
        },
        index -> put(queues.get(index), completed.get(index) == 1 ? END : BROKEN), keep)));
    merge(queues, sink);
    try {
      fanout.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    }
    return new Result(outcomes.getFirst(), problems.get());
  }

  private static void merge(List<BlockingQueue<List<Entry>>> queues, Sink sink)
      throws IOException {
    Merge merge = new Merge(queues);
    while (merge.hasNext()) {
      merge.next(sink);
    }
  }

  /** The k-way merge of the nodes' batches, one metric at a time. */
  private static final class Merge {
    private final List<BlockingQueue<List<Entry>>> queues;
    private final List<List<Entry>> batches = new ArrayList<>();
    private final int[] at;
    private final byte[][] heads; // each node's next path, while it has one
    private final boolean[] broken;
    private final PriorityQueue<Integer> order; // the nodes by their next path

    Merge(List<BlockingQueue<List<Entry>>> queues) throws IOException {
      this.queues = queues;
      int n = queues.size();
      at = new int[n];
      heads = new byte[n][];
      broken = new boolean[n];
      for (int i = 0; i < n; i++) {
        batches.add(take(queues.get(i), broken, i));
      }
      order = new PriorityQueue<>((a, b) -> {
        int byPath = WalkOrder.compare(heads[a], heads[b]);
        return byPath != 0 ? byPath : Integer.compare(a, b);
      });
      for (int i = 0; i < n; i++) {
        if (!isEnd(batches.get(i))) {
          heads[i] = head(i).path();
          order.add(i);
        }
      }
    }

    boolean hasNext() {
      return !order.isEmpty();
    }

    // One metric to the sink, with every node whose next entry it is, those nodes advanced. A
    // method per metric, so the JIT compiles it after a few hundred: the body of a loop is
    // compiled only after tens of thousands of turns, interpreted until then.
    void next(Sink sink) throws IOException {
      int first = order.poll();
      byte[] path = heads[first];
      List<Copy> copies = new ArrayList<>();
      copies.add(new Copy(first, head(first)));
      List<Integer> advanced = new ArrayList<>();
      advanced.add(first);
      while (!order.isEmpty() && WalkOrder.compare(heads[order.peek()], path) == 0) {
        int same = order.poll();
        copies.add(new Copy(same, head(same)));
        advanced.add(same);
      }
      copies.sort((x, y) -> Integer.compare(x.node(), y.node()));
      sink.accept(new Holding(path, copies, broken));
      for (int node : advanced) {
        if (++at[node] == batches.get(node).size()) {
          batches.set(node, take(queues.get(node), broken, node));
          at[node] = 0;
        }
        if (!isEnd(batches.get(node))) {
          heads[node] = head(node).path();
          order.add(node);
        }
      }
    }

    private Entry head(int node) {
      return batches.get(node).get(at[node]);
    }
  }

  private static boolean isEnd(List<Entry> batch) {
    return batch == END || batch == BROKEN;
  }

  private static List<Entry> take(BlockingQueue<List<Entry>> queue, boolean[] broken, int node)
      throws IOException {
    try {
      List<Entry> batch;
      do {
        batch = queue.take();
      } while (!isEnd(batch) && batch.isEmpty());
      broken[node] = batch == BROKEN;
      return batch;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    }
  }

  private static void put(BlockingQueue<List<Entry>> queue, List<Entry> batch) {
    try {
      queue.put(batch);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
