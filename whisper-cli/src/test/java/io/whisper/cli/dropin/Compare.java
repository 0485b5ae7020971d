package io.whisper.cli.dropin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.whisper.cli.CliRun;
import java.util.List;
import org.junit.jupiter.api.function.Executable;

/** Comparisons of one reference script run with one run of ours. */
final class Compare {
  private Compare() {}

  /**
   * Checks exit status, stdout byte for byte, and stderr: empty when the script succeeded; when
   * it died of an exception, our one line "whisper COMMAND: MESSAGE" where its traceback ends
   * with "SomeError: MESSAGE".
   */
  static List<Executable> sameOutcome(
      String command, CliRun expected, CliRun actual, Object what) {
    return List.of(
        () -> assertEquals(expected.status(), actual.status(), "status of " + what),
        () -> assertEquals(expected.out(), actual.out(), "stdout of " + what),
        () -> assertEquals(expectedErr(command, expected), actual.err(), "stderr of " + what));
  }

  private static String expectedErr(String command, CliRun expected) {
    if (!expected.err().startsWith("Traceback")) {
      return expected.err();
    }
    String[] lines = expected.err().split("\n");
    String last = lines[lines.length - 1];
    return "whisper " + command + ": " + last.substring(last.indexOf(": ") + 2) + "\n";
  }
}
