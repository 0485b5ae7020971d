package io.whisper.cli.support;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A one-line progress bar on standard error, redrawn at most a few times a second, shown only
 * when standard error is a terminal: cron jobs and pipes get nothing.
 *
 * <p>Thread-safe; use it in try-with-resources so the line is cleared on every path.
 */
public final class Progress implements AutoCloseable {
  private static final long REDRAW_NANOS = 200_000_000L;

  private final PrintStream out;
  private final boolean enabled;
  private final String unit;
  private final long total;
  private final long startNanos = System.nanoTime();
  private long done;
  private long problems;
  private long lastDrawNanos;
  private boolean drawn;

  private Progress(PrintStream out, boolean enabled, String unit, long total) {
    this.out = out;
    this.enabled = enabled;
    this.unit = unit;
    this.total = total;
  }

  /**
   * Starts a bar counting {@code unit}s ("files", "moves") on standard error if it is a
   * terminal.
   *
   * @param total the number expected, or -1 if unknown (no percentage or ETA then)
   */
  public static Progress onTerminal(String unit, long total) {
    return new Progress(System.err, stderrIsTerminal(), unit, total);
  }

  /** Returns a bar that shows nothing. */
  public static Progress disabled() {
    return new Progress(System.err, false, "", -1);
  }

  /** Counts one more item done, and one more problem if {@code problem}. */
  public synchronized void step(boolean problem) {
    done++;
    if (problem) {
      problems++;
    }
    if (!enabled) {
      return; // no clock read per item when nothing is drawn
    }
    long now = System.nanoTime();
    if (now - lastDrawNanos >= REDRAW_NANOS) {
      lastDrawNanos = now;
      draw(now);
    }
  }

  private void draw(long now) {
    double seconds = Math.max(1e-9, (now - startNanos) / 1e9);
    double rate = done / seconds;
    StringBuilder line = new StringBuilder("\r");
    if (total > 0) {
      line.append(String.format(Locale.ROOT, "%3d%% %d/%d %s", done * 100 / total, done, total, unit));
    } else {
      line.append(done).append(' ').append(unit);
    }
    line.append(String.format(Locale.ROOT, ", %.0f/s, %d problem%s", rate, problems,
        problems == 1 ? "" : "s"));
    if (total > 0 && rate > 0 && done < total) {
      line.append(String.format(Locale.ROOT, ", ETA %ds", (long) ((total - done) / rate)));
    }
    line.append("\033[K");
    out.print(line);
    out.flush();
    drawn = true;
  }

  /**
   * Prints {@code line} on {@code to} on a line of its own: the bar, if drawn, is cleared
   * first and drawn again at its next redraw. With a bar, {@code to} is flushed at once, so a
   * line for standard output is not held back in a buffer while the bar is drawn over it.
   */
  public synchronized void println(PrintWriter to, String line) {
    if (drawn) {
      out.print("\r\033[K");
      out.flush();
      drawn = false;
    }
    to.println(line);
    if (enabled) {
      to.flush();
    }
  }

  /** Clears the bar so a summary can follow on a clean line. */
  @Override
  public synchronized void close() {
    if (drawn) {
      out.print("\r\033[K");
      out.flush();
    }
  }

  /**
   * Returns true if standard error is a terminal (and TERM is set and not "dumb"), where a bar
   * would be shown. On Linux that is where standard error's descriptor points. Java itself can
   * only say whether standard input and output both are ({@code System.console()}), which
   * drew the bar into a redirected {@code 2>log} and hid it behind a {@code >report}; that
   * stays the answer where there is no /proc.
   */
  public static boolean stderrIsTerminal() {
    String term = System.getenv("TERM");
    if (term == null || term.equals("dumb")) {
      return false;
    }
    Path stderr = Path.of("/proc/self/fd/2");
    if (Files.isSymbolicLink(stderr)) {
      try {
        String target = Files.readSymbolicLink(stderr).toString();
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty")
            || target.equals("/dev/console");
      } catch (IOException e) {
        return false;
      }
    }
    java.io.Console console = System.console();
    return console != null && console.isTerminal();
  }
}
