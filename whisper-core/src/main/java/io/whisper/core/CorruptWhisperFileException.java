package io.whisper.core;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Thrown when a file is not a usable whisper file; names the file and what is wrong with it.
 *
 * <p>The message is the plain-words {@link Finding} with the path, such as {@code "archive 1
 * ends at byte 604 but the file has 300 bytes (/data/a.wsp)"}. Where whisper.py itself would
 * have refused the file, {@link #pythonMessage()} renders its {@code CorruptWhisperFile} text
 * instead ({@code "Unable to read header (/data/a.wsp)"}), which the drop-in tools print.
 */
public class CorruptWhisperFileException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path path;
  private final transient Finding finding;
  private final String pythonDetail;

  /**
   * Creates the exception.
   *
   * @param path the file
   * @param finding what is wrong
   * @param pythonDetail whisper.py's message for the same file, or null where whisper.py
   *     accepts the file
   */
  public CorruptWhisperFileException(Path path, Finding finding, String pythonDetail) {
    super(finding.message() + " (" + path + ")");
    this.path = path;
    this.finding = finding;
    this.pythonDetail = pythonDetail;
  }

  /** Returns the file. */
  public Path path() {
    return path;
  }

  /** Returns what is wrong, in plain words. */
  public Finding finding() {
    return finding;
  }

  /** Returns the kind of damage. */
  public Problem problem() {
    return finding.problem();
  }

  /** Returns true if whisper.py 1.1.4 also refuses this file. */
  public boolean refusedByPython() {
    return pythonDetail != null;
  }

  /** Returns the message as whisper.py's CorruptWhisperFile would render it, path included. */
  public String pythonMessage() {
    return (pythonDetail != null ? pythonDetail : finding.message()) + " (" + path + ")";
  }
}
