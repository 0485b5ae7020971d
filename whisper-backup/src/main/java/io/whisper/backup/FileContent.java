package io.whisper.backup;

import java.io.IOException;

/** A file's bytes from a snapshot, every chunk verified against its SHA-256. */
public final class FileContent {
  private FileContent() {}

  /**
   * Reads the whole file.
   *
   * @throws DamagedBlobException if a chunk is missing or damaged, naming it
   * @throws IOException if the chunks do not add up to the file's size
   */
  public static byte[] read(Repository repository, Node.File file) throws IOException {
    if (file.size() > Integer.MAX_VALUE - 16) {
      throw new IOException(file.name() + ": " + file.size() + " bytes is too big to restore");
    }
    byte[] bytes = new byte[(int) file.size()];
    int at = 0;
    for (byte[] raw : repository.read(file.chunks())) {
      if (at + raw.length > bytes.length) {
        throw new IOException(file.name() + ": its chunks hold more than its "
            + file.size() + " bytes");
      }
      System.arraycopy(raw, 0, bytes, at, raw.length);
      at += raw.length;
    }
    if (at != bytes.length) {
      throw new IOException(file.name() + ": its chunks hold " + at + " of its " + file.size()
          + " bytes");
    }
    return bytes;
  }
}
