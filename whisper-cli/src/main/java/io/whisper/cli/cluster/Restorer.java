package io.whisper.cli.cluster;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Carries out a restore: each metric of the archive, every copy of it the archive holds in
 * the archive's order, to each of its owners over the controller's ssh sessions (PUT: created
 * there through a temporary file and a link that never replaces, or filled into the file the
 * owner has, its points winning, and checked there), several metrics at once.
 */
final class Restorer {
  /**
   * One metric to restore.
   *
   * @param path its path below the roots
   * @param copies the archive's members that hold it, in archive order
   * @param owners its owners (node indices), in replica order
   */
  record Metric(byte[] path, List<TarReader.Member> copies, List<Integer> owners) {}

  /** What the run reports, as each step ends (called from several threads). */
  interface Report {
    void shipped(Metric metric, TarReader.Member copy, int owner, Map<String, Long> counts);

    void failed(Metric metric, int node, String reason);
  }

  private final FileChannel archive;
  private final SessionPool pool;
  private final Limits limits;
  private final LongSupplier now;
  private final Report report;
  private final AtomicLong bytes = new AtomicLong();

  Restorer(FileChannel archive, SessionPool pool, Limits limits, LongSupplier now,
      Report report) {
    this.archive = archive;
    this.pool = pool;
    this.limits = limits;
    this.now = now;
    this.report = report;
  }

  /** Restores every metric on {@code workers} threads; {@code step} is told of each one. */
  StepOutput.Outcome run(List<Metric> metrics, int workers, Consumer<Boolean> step) {
    AtomicLong done = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    Workers.run("restore", metrics.size(), workers, i -> {
      boolean ok = restore(metrics.get(i));
      (ok ? done : failed).incrementAndGet();
      step.accept(!ok);
    });
    return new StepOutput.Outcome(done.get(), failed.get(), bytes.get());
  }

  private boolean restore(Metric metric) {
    int at = -1; // the node the step in hand talks to, for the failure's name
    try {
      for (TarReader.Member copy : metric.copies()) {
        byte[] file = TarReader.contents(archive, copy);
        for (int owner : metric.owners()) {
          at = owner;
          limits.file(owner);
          limits.bytes(owner, file.length);
          Map<String, Long> counts = pool.with(owner,
              Requests.put(metric.path(), file, now.getAsLong()));
          bytes.addAndGet(file.length);
          report.shipped(metric, copy, owner, counts);
        }
        at = -1;
      }
      return true;
    } catch (NodeFailure | IOException e) {
      report.failed(metric, at, e.getMessage());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      report.failed(metric, at, "interrupted");
      return false;
    }
  }
}
