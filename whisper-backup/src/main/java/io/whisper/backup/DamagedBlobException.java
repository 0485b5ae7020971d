package io.whisper.backup;

import java.io.IOException;

/** A blob that cannot be read as the bytes its id names: missing, or damaged. */
public final class DamagedBlobException extends IOException {
  private static final long serialVersionUID = 1L;
  private final transient BlobId blob;

  public DamagedBlobException(BlobId blob, String message) {
    super(message);
    this.blob = blob;
  }

  /** Returns the blob. */
  public BlobId blob() {
    return blob;
  }
}
