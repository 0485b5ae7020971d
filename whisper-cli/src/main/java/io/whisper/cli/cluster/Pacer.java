package io.whisper.cli.cluster;

/**
 * Keeps a rate: each caller is given the next slot of {@code perSecond} units and sleeps until
 * it; a rate of 0 or less means no limit.
 */
final class Pacer {
  private final double nanosPerUnit;
  private long next = System.nanoTime();

  Pacer(double perSecond) {
    this.nanosPerUnit = perSecond > 0 ? 1e9 / perSecond : 0;
  }

  /** Waits until {@code units} more fit the rate. */
  void acquire(long units) throws InterruptedException {
    if (nanosPerUnit == 0) {
      return;
    }
    long at;
    synchronized (this) {
      long now = System.nanoTime();
      at = Math.max(next, now);
      next = at + (long) (units * nanosPerUnit);
    }
    long wait = at - System.nanoTime();
    if (wait > 0) {
      Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    }
  }
}
