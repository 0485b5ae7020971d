package io.whisper.cli.cluster;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A few ssh sessions per node, opened as they are first needed and lent out one request at a
 * time, so several metrics move at once between each pair of nodes. A node whose session
 * breaks, or that cannot be reached, is failed for the rest of the run, with its reason.
 */
final class SessionPool implements AutoCloseable {
  private final List<Node> nodes;
  private final Transport transport;
  private final int perNode;
  private final List<Deque<NodeSession>> idle = new ArrayList<>();
  private final int[] open;
  private final String[] failed;
  private final List<NodeSession> all = new ArrayList<>();

  SessionPool(List<Node> nodes, Transport transport, int perNode) {
    this.nodes = nodes;
    this.transport = transport;
    this.perNode = perNode;
    this.open = new int[nodes.size()];
    this.failed = new String[nodes.size()];
    for (int i = 0; i < nodes.size(); i++) {
      idle.add(new ArrayDeque<>());
    }
  }

  /** One request's use of a node's session. */
  interface Use<T> {
    T on(NodeSession session) throws NodeFailure, java.io.IOException;
  }

  /** Runs {@code use} on a session of node {@code index}, waiting for one to be free. */
  <T> T with(int index, Use<T> use) throws NodeFailure, java.io.IOException {
    NodeSession session = take(index);
    boolean healthy = false;
    try {
      T result = use.on(session);
      healthy = true;
      return result;
    } catch (RequestFailure e) {
      healthy = true; // the node refused this request; the session goes on
      throw e;
    } catch (NodeFailure e) {
      fail(index, e.getMessage());
      throw e;
    } finally {
      give(index, session, healthy);
    }
  }

  /** Returns why node {@code index} failed, or null. */
  synchronized String failure(int index) {
    return failed[index];
  }

  private NodeSession take(int index) throws NodeFailure {
    synchronized (this) {
      while (true) {
        if (failed[index] != null) {
          throw new NodeFailure(failed[index]);
        }
        if (!idle.get(index).isEmpty()) {
          return idle.get(index).pop();
        }
        if (open[index] < perNode) {
          open[index]++;
          break;
        }
        try {
          wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new NodeFailure("interrupted");
        }
      }
    }
    try {
      NodeSession session = NodeSession.open(nodes.get(index), transport);
      synchronized (this) {
        all.add(session);
      }
      return session;
    } catch (NodeFailure e) {
      synchronized (this) {
        open[index]--;
      }
      fail(index, e.getMessage());
      throw e;
    }
  }

  private void give(int index, NodeSession session, boolean healthy) {
    synchronized (this) {
      if (healthy && failed[index] == null) {
        idle.get(index).push(session);
        notifyAll();
        return;
      }
      open[index]--;
      all.remove(session);
      notifyAll();
    }
    session.close();
  }

  private synchronized void fail(int index, String reason) {
    if (failed[index] == null) {
      failed[index] = reason;
    }
    notifyAll();
  }

  @Override
  public void close() {
    List<NodeSession> sessions;
    synchronized (this) {
      sessions = new ArrayList<>(all);
      all.clear();
    }
    for (NodeSession session : sessions) {
      session.close();
    }
  }
}
