package io.whisper.backup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The repository's fixed settings, in the object {@code config}, written once by init.
 *
 * @param chunkSize bytes per file chunk: files are cut at multiples of it
 * @param packSize about how many bytes of blobs a pack holds before it is written
 */
public record RepositoryConfig(int chunkSize, int packSize) {
  static final String NAME = "config";
  private static final String HEADER = "whisper-backup-repository 1";

  /** 16 KiB chunks: see docs/backup.md for the measurement against 4 KiB. */
  public static final int DEFAULT_CHUNK_SIZE = 16 * 1024;
  /** 16 MiB packs, as restic's. */
  public static final int DEFAULT_PACK_SIZE = 16 * 1024 * 1024;

  public RepositoryConfig {
    if (chunkSize < 1024 || chunkSize > (1 << 24) || Integer.bitCount(chunkSize) != 1) {
      throw new IllegalArgumentException(
          "chunk size must be a power of two from 1 KiB to 16 MiB, not " + chunkSize);
    }
    if (packSize < chunkSize) {
      throw new IllegalArgumentException("pack size " + packSize + " is below the chunk size");
    }
  }

  /** The defaults. */
  public static RepositoryConfig defaults() {
    return new RepositoryConfig(DEFAULT_CHUNK_SIZE, DEFAULT_PACK_SIZE);
  }

  byte[] encode() {
    return (HEADER + "\nchunk-size " + chunkSize + "\npack-size " + packSize + "\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  static RepositoryConfig decode(byte[] bytes, String where) throws IOException {
    String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n");
    if (lines.length < 3 || !lines[0].equals(HEADER)) {
      throw new IOException(where + " is not a whisper backup repository (its config is "
          + "not one)");
    }
    try {
      int chunk = 0;
      int pack = 0;
      for (String line : lines) {
        if (line.startsWith("chunk-size ")) {
          chunk = Integer.parseInt(line.substring(11));
        } else if (line.startsWith("pack-size ")) {
          pack = Integer.parseInt(line.substring(10));
        }
      }
      return new RepositoryConfig(chunk, pack);
    } catch (IllegalArgumentException e) {
      throw new IOException(where + ": damaged config: " + e.getMessage(), e);
    }
  }
}
