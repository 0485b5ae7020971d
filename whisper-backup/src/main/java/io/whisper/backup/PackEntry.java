package io.whisper.backup;

/**
 * One blob in a pack.
 *
 * @param id the SHA-256 of the blob's raw (decoded) bytes
 * @param offset where its stored bytes start in the pack
 * @param length how many stored bytes
 */
public record PackEntry(BlobType type, BlobId id, int offset, int length) {
  /** Bytes per entry in a pack's trailer and in an index. */
  static final int BYTES = 1 + BlobId.BYTES + 4 + 4;
}
