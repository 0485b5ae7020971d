package io.whisper.cli.dropin;

import io.whisper.cli.CliRun;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Runs the installed script and our command on the wall clock within one clock second,
 * retrying when the second changes in between, as both read the clock themselves.
 */
final class SameSecond {

  /** The two runs of one attempt. */
  record Pair(CliRun reference, CliRun ours) {}

  private SameSecond() {}

  static Pair run(Supplier<CliRun> reference, Supplier<CliRun> ours) {
    for (int attempt = 0; attempt < 20; attempt++) {
      long before = Instant.now().getEpochSecond();
      CliRun expected = reference.get();
      CliRun actual = ours.get();
      if (Instant.now().getEpochSecond() == before) {
        return new Pair(expected, actual);
      }
    }
    throw new IllegalStateException("could not run both within one second in 20 attempts");
  }
}
