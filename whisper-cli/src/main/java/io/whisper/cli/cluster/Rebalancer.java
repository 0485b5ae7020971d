package io.whisper.cli.cluster;

import io.whisper.cli.serve.Digests;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Carries out a rebalance plan over the controller's ssh sessions, several metrics at once.
 * For one metric: each source's copy is read under its shared flock and shipped to the owners
 * that need it (published or filled there, and checked there); only when every owner has
 * verified its copies are the non-owners' copies retired, each under its exclusive flock and
 * only if its content is still what was shipped. A copy written to since it was read is read
 * and shipped again (up to {@link #RETIRE_ATTEMPTS} times) before it is retired, as
 * {@code whisper move} carries late writes over on one host.
 */
final class Rebalancer {
  static final int RETIRE_ATTEMPTS = 4;

  /** What the run reports, as each step ends (called from several threads). */
  interface Report {
    void shipped(MetricMove move, int source, int owner, Map<String, Long> counts);

    void skipped(MetricMove move, int source, int owner);

    void retired(MetricMove move, int node);

    void failed(MetricMove move, int node, String reason);
  }

  /** The settings of a run. */
  record Settings(int parallel, Limits limits, byte[] batch, LongSupplier now) {}

  private final List<Node> nodes;
  private final SessionPool pool;
  private final Journal journal;
  private final Settings settings;
  private final Report report;
  private final AtomicLong bytes = new AtomicLong();

  Rebalancer(List<Node> nodes, SessionPool pool, Journal journal, Settings settings,
      Report report) {
    this.nodes = nodes;
    this.pool = pool;
    this.journal = journal;
    this.settings = settings;
    this.report = report;
  }

  /** Runs every move; {@code step} is told of each metric done (true: it failed). */
  StepOutput.Outcome run(List<MetricMove> moves, java.util.function.Consumer<Boolean> step) {
    AtomicLong done = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    Workers.run("rebalance", moves.size(), settings.parallel(), i -> {
      boolean ok = move(moves.get(i));
      (ok ? done : failed).incrementAndGet();
      step.accept(!ok);
    });
    return new StepOutput.Outcome(done.get(), failed.get(), bytes.get());
  }

  /** A source's copy as read: the whole file, and its SHA-256. */
  private record Copy(byte[] bytes, byte[] sha256) {}

  private boolean move(MetricMove move) {
    Map<Integer, Copy> copies = new HashMap<>();
    int at = -1; // the node the step in hand talks to, for the failure's name
    try {
      for (MetricMove.Transfer transfer : move.transfers()) {
        at = transfer.source();
        Copy copy = copies.get(transfer.source());
        if (copy == null) {
          copy = read(transfer.source(), move.path());
          copies.put(transfer.source(), copy);
        }
        at = transfer.owner();
        ship(move, transfer.source(), transfer.owner(), copy);
      }
      for (int stray : move.retire()) {
        at = stray;
        retire(move, stray, copies);
      }
      return true;
    } catch (NodeFailure | IOException e) {
      report.failed(move, at, e.getMessage());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      report.failed(move, at, "interrupted");
      return false;
    }
  }

  private void ship(MetricMove move, int source, int owner, Copy copy)
      throws NodeFailure, IOException, InterruptedException {
    String from = nodes.get(source).label();
    String to = nodes.get(owner).label();
    if (journal.verified(from, to, move.path(), copy.sha256())) {
      report.skipped(move, source, owner);
      return;
    }
    settings.limits().file(owner);
    settings.limits().bytes(owner, copy.bytes().length);
    Map<String, Long> counts = pool.with(owner,
        Requests.put(move.path(), copy.bytes(), settings.now().getAsLong()));
    bytes.addAndGet(copy.bytes().length);
    journal.recordVerified(from, to, move.path(), copy.sha256());
    report.shipped(move, source, owner, counts);
  }

  // Retires a stray copy once its content is on every owner; a copy that changed since it
  // was read is read and shipped again first.
  private void retire(MetricMove move, int stray, Map<Integer, Copy> copies)
      throws NodeFailure, IOException, InterruptedException {
    for (int attempt = 1; attempt <= RETIRE_ATTEMPTS; attempt++) {
      Copy copy = copies.get(stray);
      if (copy == null) {
        copy = read(stray, move.path());
        copies.put(stray, copy);
        for (int owner : move.owners()) {
          ship(move, stray, owner, copy);
        }
      }
      byte[] sha256 = copy.sha256();
      Map<String, Long> counts = pool.with(stray,
          Requests.retire(settings.batch(), move.path(), sha256));
      if (counts.getOrDefault("changed", 0L) == 0) {
        journal.recordRetired(nodes.get(stray).label(), move.path());
        report.retired(move, stray);
        return;
      }
      copies.remove(stray); // written to since it was read: carry the new points over
    }
    throw new IOException("still being written to after " + RETIRE_ATTEMPTS
        + " passes (is the relay still sending it here?); left in place");
  }

  private Copy read(int node, byte[] path)
      throws NodeFailure, IOException, InterruptedException {
    settings.limits().file(node);
    byte[] file = pool.with(node, new SessionPool.Request<byte[]>() {
      @Override
      public void send(NodeSession session) throws NodeFailure {
        Requests.sendRead(session, path);
      }

      @Override
      public byte[] answer(NodeSession session) throws NodeFailure, IOException {
        byte[][] file = {null};
        Requests.answer(session, 0, new Requests.Answers() {
          @Override
          public void file(long size, long mtime) throws IOException {
            if (size > Integer.MAX_VALUE - 8) {
              throw new IOException("a file of " + size + " bytes is too large to ship");
            }
            file[0] = new byte[(int) size];
          }

          @Override
          public void data(long offset, ByteBuffer bytes) throws IOException {
            if (file[0] == null || offset < 0 || offset + bytes.remaining() > file[0].length) {
              throw new IOException("protocol error: data outside the file");
            }
            bytes.get(file[0], (int) offset, bytes.remaining());
          }
        });
        if (file[0] == null) {
          throw new IOException("protocol error: no file in the answer");
        }
        return file[0];
      }
    });
    Copy copy = new Copy(file, Digests.sha256().digest(file));
    settings.limits().bytes(node, copy.bytes().length);
    return copy;
  }
}
