package io.whisper.backup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A snapshot: when, from which host, and the tree of each folder backed up. Stored as a small
 * text object named by its SHA-256 under {@code snapshots/}, written last, after the packs and
 * the index that hold everything it names.
 *
 * @param id the SHA-256 of the stored text (null before it is stored)
 * @param files the number of files in it
 * @param bytes their total size
 */
public record Snapshot(BlobId id, Instant time, String host, List<Root> roots, long files,
    long bytes) {
  static final String PREFIX = "snapshots/";
  private static final String HEADER = "whisper-snapshot 1";

  /**
   * One folder backed up.
   *
   * @param path its absolute path when it was backed up
   * @param tree its tree blob
   */
  public record Root(String path, BlobId tree) {}

  public Snapshot {
    roots = List.copyOf(roots);
  }

  /** Returns the object name of a stored snapshot. */
  public static String name(BlobId id) {
    return PREFIX + id.hex();
  }

  /** Returns the root paths, the snapshot's "what": snapshots of the same paths form a group. */
  public List<String> paths() {
    return roots.stream().map(Root::path).toList();
  }

  byte[] encode() {
    StringBuilder text = new StringBuilder(HEADER).append('\n');
    text.append("time ").append(time).append('\n');
    text.append("host ").append(host).append('\n');
    text.append("files ").append(files).append('\n');
    text.append("bytes ").append(bytes).append('\n');
    for (Root root : roots) {
      // The path last on its line: it may hold spaces.
      text.append("root ").append(root.tree().hex()).append(' ').append(root.path())
          .append('\n');
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  static Snapshot decode(BlobId id, byte[] bytes) throws IOException {
    String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n");
    if (lines.length == 0 || !lines[0].equals(HEADER)) {
      throw new IOException("snapshot " + id.shortHex() + " is not a whisper snapshot");
    }
    Instant time = null;
    String host = null;
    long files = 0;
    long size = 0;
    List<Root> roots = new ArrayList<>();
    try {
      for (int i = 1; i < lines.length; i++) {
        String line = lines[i];
        int space = line.indexOf(' ');
        String key = space < 0 ? line : line.substring(0, space);
        String value = space < 0 ? "" : line.substring(space + 1);
        switch (key) {
          case "time" -> time = Instant.parse(value);
          case "host" -> host = value;
          case "files" -> files = Long.parseLong(value);
          case "bytes" -> size = Long.parseLong(value);
          case "root" -> roots.add(new Root(value.substring(65), BlobId.parse(value.substring(0, 64))));
          default -> { } // a later version's field: ignored
        }
      }
    } catch (RuntimeException e) {
      throw new IOException("snapshot " + id.shortHex() + " is damaged: " + e.getMessage(), e);
    }
    if (time == null || host == null || roots.isEmpty()) {
      throw new IOException("snapshot " + id.shortHex() + " is incomplete");
    }
    return new Snapshot(id, time, host, roots, files, size);
  }
}
