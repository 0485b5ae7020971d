package io.whisper.ring;

import java.io.Serial;

/**
 * A ring file that cannot be used: unreadable, a syntax error, an unknown algorithm, a cluster
 * that is not there, a replication the members cannot give. The message is one line, starting
 * with {@code file:line:} where a line is to blame.
 */
public final class RingException extends Exception {
  @Serial private static final long serialVersionUID = 1L;

  public RingException(String message) {
    super(message);
  }
}
