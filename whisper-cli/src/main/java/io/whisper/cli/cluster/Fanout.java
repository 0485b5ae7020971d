package io.whisper.cli.cluster;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Runs a verb's part on every node at once, one ssh session and one thread per node: a node
 * that is down or slow delays nothing but its own answer, and is reported by name as soon as
 * it fails.
 */
final class Fanout {
  /** One node's part: requests over its session. */
  interface Job {
    void run(NodeSession session) throws NodeFailure, IOException;
  }

  /** Takes a node's session once its part is done, instead of closing it (true: taken). */
  interface Keep {
    boolean keep(int index, NodeSession session);
  }

  private Fanout() {}

  /** Runs {@code job} on every node and returns each node's outcome, in node order. */
  static List<NodeOutcome> run(List<Node> nodes, Transport transport, PrintWriter err, Job job) {
    return run(nodes, transport, err, job, index -> { });
  }

  /**
   * As {@link #run(List, Transport, PrintWriter, Job)}, calling {@code finished} with each
   * node's index when its part ends, however it ends.
   */
  static List<NodeOutcome> run(List<Node> nodes, Transport transport, PrintWriter err, Job job,
      IntConsumer finished) {
    return run(nodes, transport, err, job, finished, (index, session) -> false);
  }

  /**
   * As {@link #run(List, Transport, PrintWriter, Job, IntConsumer)}, offering each session
   * whose part ended well to {@code keep} before closing it.
   */
  static List<NodeOutcome> run(List<Node> nodes, Transport transport, PrintWriter err, Job job,
      IntConsumer finished, Keep keep) {
    List<NodeOutcome> outcomes = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      outcomes.add(null);
    }
    for (int i = 0; i < nodes.size(); i++) {
      int index = i;
      Node node = nodes.get(i);
      // daemons: a node stuck past its timeout must not keep the JVM from exiting
      threads.add(Thread.ofPlatform().daemon().name("node " + node.label()).start(() -> {
        NodeOutcome outcome;
        NodeSession session = null;
        try {
          session = NodeSession.open(node, transport);
          job.run(session);
          outcome = new NodeOutcome.Answered(node);
          if (keep.keep(index, session)) {
            session = null;
          }
        } catch (NodeFailure e) {
          outcome = new NodeOutcome.Failed(node, e.getMessage());
        } catch (IOException | RuntimeException e) {
          outcome = new NodeOutcome.Failed(node, String.valueOf(e.getMessage()));
        } finally {
          if (session != null) {
            session.close();
          }
        }
        if (outcome instanceof NodeOutcome.Failed failed) {
          synchronized (err) {
            err.println("whisper cluster: " + node.label() + ": " + failed.reason());
            err.flush();
          }
        }
        synchronized (outcomes) {
          outcomes.set(index, outcome);
        }
        finished.accept(index);
      }));
    }
    for (Thread thread : threads) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    synchronized (outcomes) {
      return List.copyOf(outcomes);
    }
  }

  /** Returns true if some node failed. */
  static boolean anyFailed(List<NodeOutcome> outcomes) {
    for (NodeOutcome outcome : outcomes) {
      if (outcome instanceof NodeOutcome.Failed) {
        return true;
      }
    }
    return false;
  }
}
