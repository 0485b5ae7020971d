package io.whisper.cli.support;

import java.util.function.Consumer;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code -j/--jobs}, which fsck, fill, move, backup and restore share: one declaration, one
 * range, one message, checked as the command line is parsed.
 */
public final class Jobs {
  /**
   * The most files at a time. Each job holds buffers (fill: some 50 KiB per archive), a few
   * descriptors and a thread; past the cores, more jobs only help with a slow disk or network,
   * and thousands exhaust the heap or the threads.
   */
  public static final int MAX = 64;

  private Jobs() {}

  /** The number of cores, at most {@link #MAX}. */
  public static int cores() {
    return Math.min(MAX, Runtime.getRuntime().availableProcessors());
  }

  /**
   * The option, set to {@code defaultJobs} unless given; {@code what} says what runs at once
   * ("Files filled") and {@code defaultText} how the default is chosen ("the number of cores").
   * A number out of range is a usage error before the command runs.
   */
  public static OptionSpec option(
      Consumer<Integer> field, int defaultJobs, String what, String defaultText) {
    return Specs.checked(Specs.option(int.class, field, "-j", "--jobs").paramLabel("N")
        .defaultValue(Integer.toString(defaultJobs))
        .description(what + " at once, 1 to " + MAX + " (default: " + defaultText + ")."),
        Jobs::problem);
  }

  /** The usage problem with {@code jobs}, or null if it is in range. */
  private static String problem(int jobs) {
    return jobs < 1 || jobs > MAX ? "--jobs must be between 1 and " + MAX : null;
  }
}
