package io.whisper.cli.cluster;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/** Runs tasks {@code 0..count-1} on a few threads, each taking the next task as it is free. */
final class Workers {
  private Workers() {}

  /** Runs every task on at most {@code threads} threads named {@code name N}; waits for all. */
  static void run(String name, int count, int threads, IntConsumer task) {
    AtomicInteger next = new AtomicInteger();
    Thread[] workers = new Thread[Math.max(1, Math.min(threads, count))];
    for (int w = 0; w < workers.length; w++) {
      workers[w] = Thread.ofPlatform().daemon().name(name + " " + w).start(() -> {
        int i;
        while ((i = next.getAndIncrement()) < count) {
          task.accept(i);
        }
      });
    }
    for (Thread worker : workers) {
      try {
        worker.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
