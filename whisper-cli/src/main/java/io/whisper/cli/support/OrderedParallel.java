package io.whisper.cli.support;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs one task per item on {@code jobs} threads and hands the results back in input order,
 * with at most a small window of items in flight, so memory stays flat however many items the
 * iterator yields.
 *
 * <p>Each task must handle its own failures and return them as a result: one bad file must not
 * stop the others. An exception that escapes a task is rethrown here (a bug, not bad input).
 */
public final class OrderedParallel {
  private OrderedParallel() {}

  /**
   * Applies {@code task} to every item and passes each result, in input order, to {@code sink}
   * on the calling thread.
   */
  public static <T, R> void run(
      Iterator<T> items, int jobs, Function<T, R> task, Consumer<R> sink) {
    if (!items.hasNext()) {
      return;
    }
    T first = items.next();
    if (jobs <= 1 || !items.hasNext()) {
      // One job, or one item (a file pair, a one-file tree): on this thread. Starting a pool
      // costs a script's once-per-file call a few milliseconds for nothing.
      sink.accept(task.apply(first));
      items.forEachRemaining(item -> sink.accept(task.apply(item)));
      return;
    }
    int window = jobs * 8;
    Deque<Future<R>> inFlight = new ArrayDeque<>(window);
    try (ExecutorService pool = Executors.newFixedThreadPool(jobs, daemonThreads())) {
      inFlight.add(pool.submit(() -> task.apply(first)));
      while (items.hasNext()) {
        T item = items.next();
        inFlight.add(pool.submit(() -> task.apply(item)));
        if (inFlight.size() >= window) {
          sink.accept(await(inFlight.poll()));
        }
      }
      while (!inFlight.isEmpty()) {
        sink.accept(await(inFlight.poll()));
      }
    }
  }

  private static <R> R await(Future<R> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(cause);
    }
  }

  private static java.util.concurrent.ThreadFactory daemonThreads() {
    return Thread.ofPlatform().name("whisper-job-", 0).daemon(true).factory();
  }
}
