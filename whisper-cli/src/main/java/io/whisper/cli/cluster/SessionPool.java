package io.whisper.cli.cluster;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A few ssh sessions per node, opened as they are first needed, each carrying several
 * requests at once: a request's frames are sent whole, and its answer is read when every
 * request sent before it on that session has been answered (the node answers in order). So
 * a node is never idle waiting for a round trip through ssh, which on a loaded host costs
 * more than the work. A node whose session breaks, or that cannot be reached, is failed for
 * the rest of the run, with its reason.
 *
 * <p>One lock guards the pool; a thread waits on the condition of what it waits for, its
 * node's room or its turn on a session, so an answer wakes the requests it concerns, not every
 * worker (a monitor's notifyAll made 36 context switches per metric in a rebalance).
 */
final class SessionPool implements AutoCloseable {
  /** Requests outstanding on one session at most. */
  static final int DEPTH = 8;

  private final List<Node> nodes;
  private final Transport transport;
  private final int perNode;
  private final List<List<Pipe>> pipes = new ArrayList<>();
  private final int[] opening;
  private final String[] failed;
  private final ReentrantLock lock = new ReentrantLock();
  private final List<Condition> room = new ArrayList<>();

  SessionPool(List<Node> nodes, Transport transport, int perNode) {
    this.nodes = nodes;
    this.transport = transport;
    this.perNode = perNode;
    this.opening = new int[nodes.size()];
    this.failed = new String[nodes.size()];
    for (int i = 0; i < nodes.size(); i++) {
      pipes.add(new ArrayList<>());
      room.add(lock.newCondition());
    }
  }

  /** One request: its frames, sent whole, and the reading of its answer. */
  interface Request<T> {
    void send(NodeSession session) throws NodeFailure;

    T answer(NodeSession session) throws NodeFailure, IOException;
  }

  /** A session and the requests in flight on it: tickets sent and answered, in order. */
  private static final class Pipe {
    final NodeSession session;
    final Object sending = new Object();
    final Condition turn; // signalled when a request's answer has been read, or on a break
    int outstanding;
    long sent;
    long answered;
    String broken;

    Pipe(NodeSession session, Condition turn) {
      this.session = session;
      this.turn = turn;
    }
  }

  /** Sends {@code request} on a session of node {@code index} and returns its answer. */
  <T> T with(int index, Request<T> request) throws NodeFailure, IOException {
    Pipe pipe = take(index);
    boolean healthy = false;
    long ticket = -1;
    try {
      synchronized (pipe.sending) {
        lock.lock();
        try {
          if (pipe.broken != null) {
            throw new IOException(pipe.broken);
          }
        } finally {
          lock.unlock();
        }
        request.send(pipe.session);
        lock.lock();
        try {
          ticket = pipe.sent++;
        } finally {
          lock.unlock();
        }
      }
      lock.lock();
      try {
        while (pipe.answered != ticket && pipe.broken == null) {
          await(pipe.turn);
        }
        if (pipe.broken != null) {
          throw new IOException(pipe.broken);
        }
      } finally {
        lock.unlock();
      }
      T result = request.answer(pipe.session);
      healthy = true;
      return result;
    } catch (RequestFailure e) {
      healthy = true; // the node refused this request; the session goes on
      throw e;
    } catch (NodeFailure e) {
      fail(index, e.getMessage());
      throw e;
    } finally {
      give(index, pipe, healthy, ticket >= 0);
    }
  }

  /**
   * Takes {@code session}, open to node {@code index} and idle (a listing's), as one of the
   * node's sessions if there is room; returns false if not (the caller closes it).
   */
  boolean adopt(int index, NodeSession session) {
    lock.lock();
    try {
      if (failed[index] != null || pipes.get(index).size() + opening[index] >= perNode) {
        return false;
      }
      pipes.get(index).add(new Pipe(session, lock.newCondition()));
      room.get(index).signalAll();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Returns why node {@code index} failed, or null. */
  String failure(int index) {
    lock.lock();
    try {
      return failed[index];
    } finally {
      lock.unlock();
    }
  }

  // The open session with the fewest requests in flight; a new one while the open ones are
  // all busy and fewer than perNode are open; else waits for room.
  private Pipe take(int index) throws NodeFailure {
    lock.lock();
    try {
      while (true) {
        if (failed[index] != null) {
          throw new NodeFailure(failed[index]);
        }
        Pipe least = null;
        for (Pipe pipe : pipes.get(index)) {
          if (pipe.broken == null && (least == null || pipe.outstanding < least.outstanding)) {
            least = pipe;
          }
        }
        boolean roomToOpen = pipes.get(index).size() + opening[index] < perNode;
        if (least != null && (least.outstanding == 0 || !roomToOpen)
            && least.outstanding < DEPTH) {
          least.outstanding++;
          return least;
        }
        if (roomToOpen) {
          opening[index]++;
          break;
        }
        await(room.get(index));
      }
    } finally {
      lock.unlock();
    }
    try {
      Pipe pipe = new Pipe(NodeSession.open(nodes.get(index), transport), lock.newCondition());
      lock.lock();
      try {
        opening[index]--;
        pipe.outstanding = 1;
        pipes.get(index).add(pipe);
        room.get(index).signalAll();
      } finally {
        lock.unlock();
      }
      return pipe;
    } catch (NodeFailure e) {
      lock.lock();
      try {
        opening[index]--;
      } finally {
        lock.unlock();
      }
      fail(index, e.getMessage());
      throw e;
    }
  }

  // A request is done with its session: the next ticket may read (if it had one: a request
  // that failed to send has none, and its session is broken); a session that broke is closed
  // once nothing is in flight on it.
  private void give(int index, Pipe pipe, boolean healthy, boolean ticketed) {
    boolean close;
    lock.lock();
    try {
      if (ticketed) {
        pipe.answered++;
      }
      pipe.outstanding--;
      if (!healthy && pipe.broken == null) {
        pipe.broken = "the session to " + nodes.get(index).label()
            + " broke under another request";
      }
      close = pipe.broken != null && pipe.outstanding == 0 && pipes.get(index).remove(pipe);
      pipe.turn.signalAll(); // at most DEPTH requests wait on one session
      if (pipe.broken == null) {
        room.get(index).signal(); // one slot freed: one waiter for the node can take it
      } else {
        room.get(index).signalAll(); // a session fewer: the waiters decide again
      }
    } finally {
      lock.unlock();
    }
    if (close) {
      pipe.session.close();
    }
  }

  // Waits on `condition` of the lock, which the caller holds.
  private static void await(Condition condition) throws NodeFailure {
    try {
      condition.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NodeFailure("interrupted");
    }
  }

  private void fail(int index, String reason) {
    lock.lock();
    try {
      if (failed[index] == null) {
        failed[index] = reason;
      }
      for (Pipe pipe : pipes.get(index)) {
        if (pipe.broken == null) {
          pipe.broken = reason;
        }
        pipe.turn.signalAll();
      }
      room.get(index).signalAll();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    List<NodeSession> sessions = new ArrayList<>();
    lock.lock();
    try {
      for (List<Pipe> list : pipes) {
        for (Pipe pipe : list) {
          sessions.add(pipe.session);
        }
        list.clear();
      }
    } finally {
      lock.unlock();
    }
    for (NodeSession session : sessions) {
      session.close();
    }
  }
}
