package io.whisper.backup;

import java.util.List;

/** An entry of a folder's listing in a snapshot: a file with its chunks, or a sub-folder. */
public sealed interface Node permits Node.File, Node.Folder {

  /** The entry's name in its folder. */
  String name();

  /**
   * A file.
   *
   * @param size its length in bytes
   * @param mtimeNanos its modification time, nanoseconds since the epoch
   * @param inode its inode number (with size and mtime: "unchanged since the last snapshot")
   * @param mode its permission bits
   * @param uid its owner, restored when restore may set it
   * @param gid its group
   * @param chunks the SHA-256 of each fixed-size chunk, in file order
   */
  record File(String name, long size, long mtimeNanos, long inode, int mode, int uid, int gid,
      List<BlobId> chunks) implements Node {
    public File {
      chunks = List.copyOf(chunks);
    }

    /** Returns true if a file with these attributes is this one, unchanged. */
    public boolean sameAs(long size, long mtimeNanos, long inode) {
      return this.size == size && this.mtimeNanos == mtimeNanos && this.inode == inode;
    }
  }

  /** A sub-folder, whose listing is the tree blob {@code tree}. */
  record Folder(String name, BlobId tree) implements Node {}
}
