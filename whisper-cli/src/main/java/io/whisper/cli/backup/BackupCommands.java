package io.whisper.cli.backup;

import io.whisper.cli.support.ExitCodes;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/** What the backup commands share: how a failure that ends a command is told. */
final class BackupCommands {
  private BackupCommands() {}

  /** Prints "whisper COMMAND: reason" on stderr and returns {@link ExitCodes#FAILED}. */
  static int fatal(PrintWriter err, String command, Exception e) {
    err.println("whisper " + command + ": " + reason(e));
    err.flush();
    return ExitCodes.FAILED;
  }

  /** The one-line reason of a failure. */
  static String reason(Exception e) {
    String message = e.getMessage();
    if (e instanceof NoSuchFileException && message != null && !message.contains(" ")) {
      return message + ": no such file or folder";
    }
    if (e instanceof AccessDeniedException) {
      return message + ": permission denied";
    }
    if (e instanceof IOException && e.getCause() instanceof java.net.ConnectException) {
      return message + " (is the server running?)";
    }
    return message == null ? e.getClass().getSimpleName() : message;
  }
}
