package io.whisper.backup;

import io.whisper.backup.store.ObjectStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where each blob is: the union of the repository's index objects, in memory. An index object
 * lists packs and their blobs ({@code WBI1}, then per pack its id, entry count and entries); it
 * is written after its packs and before any snapshot that needs them, so whatever it names
 * exists.
 */
public final class Index {
  static final String PREFIX = "index/";
  private static final int MAGIC = 0x57424931; // "WBI1"

  /** Where one blob is stored. */
  public record Location(BlobId pack, PackEntry entry) {}

  private final Map<BlobId, Location> blobs = new ConcurrentHashMap<>();
  private final Map<BlobId, List<PackEntry>> packs = new ConcurrentHashMap<>();
  private final List<String> files = new ArrayList<>();

  /** Loads every index object of the store. */
  public static Index load(ObjectStore store) throws IOException {
    return load(store, false);
  }

  /**
   * Loads the tree blobs of every index object alone: where a backup finds the previous
   * snapshot's folders without building the index of every chunk (a few percent of the
   * entries), without verifying each index object (the trees are verified when read). Only
   * for finding trees: its {@link #packs()} lists only tree entries.
   */
  static Index loadTrees(ObjectStore store) throws IOException {
    return load(store, true);
  }

  private static Index load(ObjectStore store, boolean treesOnly) throws IOException {
    Index index = new Index();
    for (String name : store.list(PREFIX)) {
      byte[] bytes = store.get(name);
      // The tree entries are not verified against the index object's name: every tree read
      // through them is verified against its own id, and one that fails is read as missing.
      if (!treesOnly && !BlobId.hash(bytes).hex().equals(name.substring(PREFIX.length()))) {
        throw new IOException(store.location() + ": " + name + " is damaged (its hash does"
            + " not match its name)");
      }
      for (Map.Entry<BlobId, List<PackEntry>> pack
          : decode(bytes, name, treesOnly).entrySet()) {
        index.add(pack.getKey(), pack.getValue());
      }
      index.files.add(name);
    }
    return index;
  }

  /** Adds a pack's blobs. */
  public void add(BlobId pack, List<PackEntry> entries) {
    packs.put(pack, List.copyOf(entries));
    for (PackEntry entry : entries) {
      blobs.putIfAbsent(entry.id(), new Location(pack, entry));
    }
  }

  /** Returns where the blob is, or null if no index names it. */
  public Location find(BlobId blob) {
    return blobs.get(blob);
  }

  /** Returns true if some index names the blob. */
  public boolean contains(BlobId blob) {
    return blobs.containsKey(blob);
  }

  /** Returns every indexed pack with its blobs. */
  public Map<BlobId, List<PackEntry>> packs() {
    return Collections.unmodifiableMap(packs);
  }

  /** Returns the names of the index objects loaded. */
  public List<String> files() {
    return List.copyOf(files);
  }

  /** Returns the number of blobs indexed. */
  public int size() {
    return blobs.size();
  }

  /** Writes an index object for the given packs and returns its name. */
  public static String write(ObjectStore store, Map<BlobId, List<PackEntry>> packs)
      throws IOException {
    byte[] bytes = encode(packs);
    String name = PREFIX + BlobId.hash(bytes).hex();
    store.putIfAbsent(name, bytes);
    return name;
  }

  static byte[] encode(Map<BlobId, List<PackEntry>> packs) {
    int size = 8;
    for (List<PackEntry> entries : packs.values()) {
      size += BlobId.BYTES + 4 + entries.size() * PackEntry.BYTES;
    }
    ByteBuffer buffer = ByteBuffer.allocate(size);
    buffer.putInt(MAGIC).putInt(packs.size());
    for (Map.Entry<BlobId, List<PackEntry>> pack : packs.entrySet()) {
      pack.getKey().write(buffer);
      buffer.putInt(pack.getValue().size());
      for (PackEntry entry : pack.getValue()) {
        Pack.writeEntry(buffer, entry);
      }
    }
    return buffer.array();
  }

  static Map<BlobId, List<PackEntry>> decode(byte[] bytes, String name) throws IOException {
    return decode(bytes, name, false);
  }

  private static Map<BlobId, List<PackEntry>> decode(byte[] bytes, String name,
      boolean treesOnly) throws IOException {
    try {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      if (buffer.getInt() != MAGIC) {
        throw new IOException("not an index");
      }
      int count = buffer.getInt();
      Map<BlobId, List<PackEntry>> packs = new LinkedHashMap<>();
      for (int p = 0; p < count; p++) {
        BlobId pack = BlobId.read(buffer);
        int entries = buffer.getInt();
        List<PackEntry> list = new ArrayList<>(Math.min(entries, 1 << 16));
        for (int e = 0; e < entries; e++) {
          if (treesOnly && buffer.remaining() >= PackEntry.BYTES
              && buffer.get(buffer.position()) != BlobType.TREE.ordinal()) {
            buffer.position(buffer.position() + PackEntry.BYTES);
            continue;
          }
          list.add(Pack.readEntry(buffer));
        }
        packs.put(pack, list);
      }
      return packs;
    } catch (java.nio.BufferUnderflowException e) {
      throw new IOException(name + " is truncated", e);
    }
  }
}
