package io.whisper.s3;

import java.util.concurrent.ThreadLocalRandom;

/**
 * How long one try of a request may take, and how often it is repeated after a 5xx, a 429, a
 * connection error or a timeout: doubling delays with jitter, so that clients that failed together
 * do not retry together.
 *
 * @param attempts tries in all, at least 1
 * @param firstDelayMillis the mean delay before the second try
 * @param timeoutMillis the longest wait for a connection or a response
 * @param minKibPerSecond the slowest a server may take a body: a PUT of n KiB may take n /
 *     minKibPerSecond seconds more than two timeouts
 */
record Retry(int attempts, long firstDelayMillis, int timeoutMillis, int minKibPerSecond) {
  /**
   * Five tries over about three seconds, two minutes each and 1 MiB/s: a restarting server
   * recovers.
   */
  static final Retry DEFAULT = new Retry(5, 200, 120_000, 1024);

  Retry {
    if (attempts < 1 || firstDelayMillis < 0 || timeoutMillis < 1 || minKibPerSecond < 1) {
      throw new IllegalArgumentException(
          "retry: attempts, timeout and rate >= 1, delay >= 0, not "
              + attempts
              + ", "
              + firstDelayMillis
              + ", "
              + timeoutMillis
              + ", "
              + minKibPerSecond);
    }
  }

  /** How long a whole exchange may take: connecting, sending {@code bodyBytes}, the response. */
  long deadlineMillis(long bodyBytes) {
    return 2L * timeoutMillis + bodyBytes * 1000 / (1024L * minKibPerSecond);
  }

  /** The delay before try {@code attempt} (2 for the first retry). */
  long delayMillis(int attempt) {
    long mean = firstDelayMillis << Math.min(attempt - 2, 16);
    return mean / 2 + ThreadLocalRandom.current().nextLong(mean + 1);
  }
}
