package io.whisper.backup;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A folder's listing, stored as a tree blob: its entries sorted by name, so the same folder
 * is the same blob and an unchanged folder costs nothing in the next snapshot.
 */
public record Tree(List<Node> nodes) {
  private static final int MAGIC = 0x57425431; // "WBT1"
  private static final Comparator<Node> BY_NAME = (x, y) -> x.name().compareTo(y.name());

  public Tree {
    List<Node> sorted = new ArrayList<>(nodes);
    sorted.sort(BY_NAME);
    nodes = List.copyOf(sorted);
  }

  /** Returns the entry called {@code name}, or null. */
  public Node find(String name) {
    int low = 0;
    int high = nodes.size() - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      int order = nodes.get(mid).name().compareTo(name);
      if (order == 0) {
        return nodes.get(mid);
      }
      if (order < 0) {
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return null;
  }

  /** Returns the raw bytes of the tree blob. */
  public byte[] encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeInt(nodes.size());
      for (Node node : nodes) {
        switch (node) {
          case Node.File f -> {
            out.writeByte(0);
            out.writeUTF(f.name());
            out.writeLong(f.size());
            out.writeLong(f.mtimeNanos());
            out.writeLong(f.inode());
            out.writeInt(f.mode());
            out.writeInt(f.uid());
            out.writeInt(f.gid());
            out.writeInt(f.chunks().size());
            for (BlobId chunk : f.chunks()) {
              writeId(out, chunk);
            }
          }
          case Node.Folder d -> {
            out.writeByte(1);
            out.writeUTF(d.name());
            writeId(out, d.tree());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array does not fail
    }
    return bytes.toByteArray();
  }

  /** Parses a tree blob's raw bytes. */
  public static Tree decode(byte[] raw) throws IOException {
    DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(raw));
    try {
      if (in.readInt() != MAGIC) {
        throw new IOException("not a tree");
      }
      int count = in.readInt();
      List<Node> nodes = new ArrayList<>(Math.min(count, 1 << 16));
      for (int i = 0; i < count; i++) {
        int kind = in.readByte();
        String name = in.readUTF();
        if (kind == 0) {
          long size = in.readLong();
          long mtime = in.readLong();
          long inode = in.readLong();
          int mode = in.readInt();
          int uid = in.readInt();
          int gid = in.readInt();
          int chunks = in.readInt();
          List<BlobId> ids = new ArrayList<>(Math.min(chunks, 1 << 16));
          for (int c = 0; c < chunks; c++) {
            ids.add(readId(in));
          }
          nodes.add(new Node.File(name, size, mtime, inode, mode, uid, gid, ids));
        } else if (kind == 1) {
          nodes.add(new Node.Folder(name, readId(in)));
        } else {
          throw new IOException("unknown tree entry kind " + kind);
        }
      }
      return new Tree(nodes);
    } catch (java.io.EOFException e) {
      throw new IOException("tree is truncated", e);
    }
  }

  private static void writeId(DataOutputStream out, BlobId id) throws IOException {
    out.writeLong(id.a());
    out.writeLong(id.b());
    out.writeLong(id.c());
    out.writeLong(id.d());
  }

  private static BlobId readId(DataInputStream in) throws IOException {
    return new BlobId(in.readLong(), in.readLong(), in.readLong(), in.readLong());
  }
}
