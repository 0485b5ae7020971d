package io.whisper.cli.dropin;

import io.whisper.cli.py.PyRepr;
import io.whisper.core.CorruptWhisperFileException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** Renders Java exceptions as the {@code str(exc)} the scripts print after {@code [ERROR]}. */
public final class PythonErrors {

  private PythonErrors() {}

  /**
   * Python's {@code str()} of the OSError for the same failure, such as {@code [Errno 2] No such
   * file or directory: 'a.wsp'}; whisper.py's text for a corrupt file; else our own message.
   */
  public static String describe(IOException e, String path) {
    if (e instanceof CorruptWhisperFileException corrupt) {
      return corrupt.pythonMessage();
    }
    String quoted = PyRepr.quote(path);
    if (e instanceof NoSuchFileException) {
      return "[Errno 2] No such file or directory: " + quoted;
    }
    if (e instanceof AccessDeniedException) {
      return "[Errno 13] Permission denied: " + quoted;
    }
    if (e instanceof FileSystemException fs && "Is a directory".equals(fs.getReason())) {
      return "[Errno 21] Is a directory: " + quoted;
    }
    if (e instanceof FileSystemException fs && "Not a directory".equals(fs.getReason())) {
      return "[Errno 20] Not a directory: " + quoted;
    }
    return e.getMessage() == null ? e.getClass().getName() : e.getMessage();
  }
}
