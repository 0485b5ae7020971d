package io.whisper.cli.fill;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * SIGINT and SIGTERM during a fill: no file is started any more, the files in hand are
 * finished, the command's own thread prints the summary, and the JVM then ends with the status
 * the command chose. (The JVM runs shutdown hooks while the other threads go on: the hook only
 * raises the flag and waits.)
 */
public final class Interruption implements AutoCloseable {
  // How long the files in hand may take before the JVM ends anyway; each is staged before
  // it is written, so even then a rerun finishes what was cut.
  private static final Duration GRACE = Duration.ofSeconds(60);

  private final AtomicBoolean stopping = new AtomicBoolean();
  private final CountDownLatch finished = new CountDownLatch(1);
  private final Thread hook;
  private final int statusIfCut;
  private volatile int status;

  private Interruption(int statusIfCut) {
    this.statusIfCut = statusIfCut;
    this.status = statusIfCut;
    this.hook = Thread.ofPlatform().unstarted(this::onSignal);
  }

  /**
   * Listens for SIGINT and SIGTERM until closed; {@code statusIfCut} is the exit status if the
   * files in hand outlast the grace period.
   */
  public static Interruption listen(int statusIfCut) {
    Interruption interruption = new Interruption(statusIfCut);
    Runtime.getRuntime().addShutdownHook(interruption.hook);
    return interruption;
  }

  /** Returns true once a signal asked the run to stop. */
  public boolean stopping() {
    return stopping.get();
  }

  /** The run is over; if a signal came, the JVM ends now with {@code status}. */
  public void finish(int status) {
    this.status = status;
    finished.countDown();
  }

  /** Stops listening (unless a signal came: then its hook waits for {@link #finish}). */
  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running: finish() lets it end the JVM
    }
  }

  private void onSignal() {
    stopping.set(true);
    try {
      finished.await(GRACE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Runtime.getRuntime().halt(finished.getCount() == 0 ? status : statusIfCut);
  }
}
