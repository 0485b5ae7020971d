package io.whisper.s3;

import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how patiently a request is repeated after a 5xx, a 429 or a connection error:
 * doubling delays with jitter, so that clients that failed together do not retry together.
 *
 * @param attempts        tries in all, at least 1
 * @param firstDelayMillis the mean delay before the second try
 */
record Retry(int attempts, long firstDelayMillis) {
  /** Five tries over about three seconds: a restarting server or a dropped connection recovers. */
  static final Retry DEFAULT = new Retry(5, 200);

  Retry {
    if (attempts < 1 || firstDelayMillis < 0) {
      throw new IllegalArgumentException("retry: attempts >= 1 and delay >= 0, not " + attempts + ", " + firstDelayMillis);
    }
  }

  /** The delay before try {@code attempt} (2 for the first retry). */
  long delayMillis(int attempt) {
    long mean = firstDelayMillis << Math.min(attempt - 2, 16);
    return mean / 2 + ThreadLocalRandom.current().nextLong(mean + 1);
  }
}
