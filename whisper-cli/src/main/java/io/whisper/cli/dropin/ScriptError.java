package io.whisper.cli.dropin;

/**
 * Ends a drop-in command the way a whisper.py script ends with {@code raise SystemExit(msg)}: the
 * message on stderr and a non-zero status. {@link DropInCommand} catches and prints it.
 */
public final class ScriptError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final boolean showUsage;

  private ScriptError(String message, int status, boolean showUsage, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.showUsage = showUsage;
  }

  /** {@code [ERROR] message}, exit status 1: what the scripts print for a WhisperException. */
  public static ScriptError error(String message) {
    return new ScriptError("[ERROR] " + message, 1, false, null);
  }

  /** As {@link #error(String)}, keeping the exception that caused it. */
  public static ScriptError error(String message, Throwable cause) {
    return new ScriptError("[ERROR] " + message, 1, false, cause);
  }

  /** The message exactly as given, exit status 1. */
  public static ScriptError plain(String message) {
    return new ScriptError(message, 1, false, null);
  }

  /**
   * Wrong positional arguments: the scripts print their help and exit 1 (optparse's own errors
   * exit 2); we print the message and the usage on stderr with the script's status.
   */
  public static ScriptError usage(String message, int status) {
    return new ScriptError(message, status, true, null);
  }

  /** Returns the exit status. */
  public int status() {
    return status;
  }

  /** Returns true if the command's usage follows the message. */
  public boolean showUsage() {
    return showUsage;
  }
}
