package io.whisper.core.os;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/**
 * Turns a per-file failure into the one line an operator reads: the file, then what is wrong
 * ({@code /data/a.wsp: permission denied}), instead of an exception class name or a bare path
 * (the message of the JDK's file exceptions is often only the path).
 */
public final class Failures {
  private Failures() {}

  /** Returns the file and the reason, or the message where no file is named. */
  public static String describe(Exception e) {
    if (e instanceof FileSystemException fs && fs.getFile() != null) {
      return fs.getFile() + ": " + reason(e);
    }
    return reason(e);
  }

  /** Returns what went wrong, without the file. */
  public static String reason(Exception e) {
    return switch (e) {
      case NoSuchFileException n -> "no such file or directory"; // strerror(ENOENT)
      case AccessDeniedException a -> "permission denied";
      case FileAlreadyExistsException x -> "already exists";
      case FileSystemException f when f.getReason() != null -> f.getReason();
      case FileSystemException f -> f.getClass().getSimpleName();
      default -> e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    };
  }
}
