package io.whisper.backup;

/** What a blob holds: a chunk of a file, or a folder's listing. */
public enum BlobType {
  DATA,
  TREE;

  static BlobType of(int code) throws java.io.IOException {
    return switch (code) {
      case 0 -> DATA;
      case 1 -> TREE;
      default -> throw new java.io.IOException("unknown blob type " + code);
    };
  }
}
