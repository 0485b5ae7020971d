package io.whisper.core;

/**
 * One problem found in a file, with a message that gives its numbers.
 *
 * @param problem the kind of problem
 * @param message what is wrong, in plain words, such as "archive 1 ends at byte 604 but the
 *     file has 300 bytes"
 */
public record Finding(Problem problem, String message) {

  /** Returns the problem's severity. */
  public Severity severity() {
    return problem.severity();
  }
}
