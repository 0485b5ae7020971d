package io.whisper.backup;

import io.whisper.backup.store.ObjectStore;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;

/**
 * A repository opened for use: its store, its config and its index. The one place that reads
 * blobs, and the one check that every blob read is the blob named (SHA-256 of its bytes).
 */
public final class Repository implements AutoCloseable {
  private final ObjectStore store;
  private final RepositoryConfig config;
  private Index index;
  private Index trees; // the tree entries alone, until the whole index is loaded

  private Repository(ObjectStore store, RepositoryConfig config) {
    this.store = store;
    this.config = config;
  }

  /** Creates a repository in an empty store; fails if one is there already. */
  public static Repository init(ObjectStore store, RepositoryConfig config) throws IOException {
    if (!store.putIfAbsent(RepositoryConfig.NAME, config.encode())) {
      throw new IOException(store.location() + ": there is a repository here already");
    }
    return new Repository(store, config);
  }

  /** Opens the repository in the store. */
  public static Repository open(ObjectStore store) throws IOException {
    byte[] bytes;
    try {
      bytes = store.get(RepositoryConfig.NAME);
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(store.location() + ": no repository here (whisper init -r "
          + store.location() + " creates one)");
    }
    return new Repository(store, RepositoryConfig.decode(bytes, store.location()));
  }

  /** Opens the repository in the store, creating it with the defaults if the store has none. */
  public static Repository openOrInit(ObjectStore store) throws IOException {
    try {
      return open(store);
    } catch (NoSuchFileException e) {
      try {
        return init(store, RepositoryConfig.defaults());
      } catch (IOException raced) {
        return open(store); // another process created it meanwhile
      }
    }
  }

  public ObjectStore store() {
    return store;
  }

  public RepositoryConfig config() {
    return config;
  }

  /** Returns the index, loading it on first use. */
  public synchronized Index index() throws IOException {
    if (index == null) {
      index = Index.load(store);
    }
    return index;
  }

  /** Forgets the loaded index, so the next {@link #index()} reads the store again. */
  public synchronized void reloadIndex() {
    index = null;
    trees = null;
  }

  /**
   * Returns a blob's raw bytes, verified against its id.
   *
   * @throws DamagedBlobException if the blob is missing from the index, or its pack is
   *     missing, short, or holds other bytes than the ones named
   */
  public byte[] read(BlobId id) throws IOException {
    return read(id, index());
  }

  private byte[] read(BlobId id, Index index) throws IOException {
    Index.Location where = index.find(id);
    if (where == null) {
      throw new DamagedBlobException(id, "blob " + id.shortHex() + " is in no index");
    }
    byte[] stored;
    try {
      stored = store.get(Pack.name(where.pack()), where.entry().offset(), where.entry().length());
    } catch (NoSuchFileException e) {
      throw new DamagedBlobException(id, "pack " + where.pack().shortHex() + " is missing");
    }
    return verify(id, where.pack(), stored);
  }

  /**
   * Returns the raw bytes of each blob, in order, verified. Blobs stored one after the other
   * in a pack (a file's chunks, as a backup wrote them) are fetched by one ranged read: a
   * restore from S3 costs a request per file, not per chunk.
   */
  public List<byte[]> read(List<BlobId> ids) throws IOException {
    Index index = index();
    List<byte[]> raw = new ArrayList<>(ids.size());
    java.util.Map<BlobId, byte[]> seen = new java.util.HashMap<>();
    int i = 0;
    while (i < ids.size()) {
      BlobId first = ids.get(i);
      Index.Location start = index.find(first);
      if (start == null || seen.containsKey(first)) {
        raw.add(seen.containsKey(first) ? seen.get(first) : read(first));
        i++;
        continue;
      }
      // The run of blobs that follow each other in the same pack.
      int end = i + 1;
      long next = (long) start.entry().offset() + start.entry().length();
      while (end < ids.size()) {
        Index.Location at = index.find(ids.get(end));
        if (at == null || !at.pack().equals(start.pack()) || at.entry().offset() != next
            || seen.containsKey(ids.get(end))) {
          break;
        }
        next += at.entry().length();
        end++;
      }
      if (end == i + 1) {
        byte[] one = read(first);
        seen.put(first, one);
        raw.add(one);
        i++;
        continue;
      }
      byte[] span;
      try {
        span = store.get(Pack.name(start.pack()), start.entry().offset(),
            (int) (next - start.entry().offset()));
      } catch (NoSuchFileException e) {
        throw new DamagedBlobException(first, "pack " + start.pack().shortHex() + " is missing");
      }
      for (int k = i; k < end; k++) {
        PackEntry entry = index.find(ids.get(k)).entry();
        int from = entry.offset() - start.entry().offset();
        byte[] blob = verify(ids.get(k), start.pack(),
            java.util.Arrays.copyOfRange(span, from, from + entry.length()));
        seen.put(ids.get(k), blob);
        raw.add(blob);
      }
      i = end;
    }
    return raw;
  }

  /** Decodes a stored blob and checks it is {@code id}. */
  static byte[] verify(BlobId id, BlobId pack, byte[] stored) throws DamagedBlobException {
    byte[] raw;
    try {
      raw = BlobCodec.decode(stored);
    } catch (IOException e) {
      throw new DamagedBlobException(id, "blob " + id.shortHex() + " in pack "
          + pack.shortHex() + " is damaged: " + e.getMessage());
    }
    if (!BlobId.hash(raw).equals(id)) {
      throw new DamagedBlobException(id, "blob " + id.shortHex() + " in pack "
          + pack.shortHex() + " is damaged: its SHA-256 does not match");
    }
    return raw;
  }

  /** Reads and parses a tree blob. */
  public Tree tree(BlobId id) throws IOException {
    return Tree.decode(read(id));
  }

  /**
   * Reads and parses a tree blob, found through the index's tree entries alone while the whole
   * index is not loaded: a backup that finds nothing changed reads the previous snapshot's
   * folders and never builds the index of every chunk.
   */
  public Tree listing(BlobId id) throws IOException {
    Index where;
    synchronized (this) {
      if (index == null && trees == null) {
        trees = Index.loadTrees(store);
      }
      where = index != null ? index : trees;
    }
    return Tree.decode(read(id, where));
  }

  /** Stores a snapshot (the last write of a backup) and returns it with its id. */
  public Snapshot save(Snapshot snapshot) throws IOException {
    byte[] bytes = snapshot.encode();
    BlobId id = BlobId.hash(bytes);
    store.putIfAbsent(Snapshot.name(id), bytes);
    return new Snapshot(id, snapshot.time(), snapshot.host(), snapshot.roots(),
        snapshot.files(), snapshot.bytes());
  }

  /** Returns every snapshot, oldest first. */
  public List<Snapshot> snapshots() throws IOException {
    List<Snapshot> snapshots = new ArrayList<>();
    for (String name : store.list(Snapshot.PREFIX)) {
      BlobId id = BlobId.parse(name.substring(Snapshot.PREFIX.length()));
      byte[] bytes;
      try {
        bytes = store.get(name);
      } catch (NoSuchFileException e) {
        continue; // forgotten meanwhile
      }
      if (!BlobId.hash(bytes).equals(id)) {
        throw new IOException(store.location() + ": snapshot " + id.shortHex()
            + " is damaged (its hash does not match its name)");
      }
      snapshots.add(Snapshot.decode(id, bytes));
    }
    snapshots.sort((x, y) -> x.time().compareTo(y.time()));
    return snapshots;
  }

  /**
   * Finds a snapshot by "latest", or by a unique prefix of its id.
   *
   * @throws IOException naming what was asked if there is none or more than one
   */
  public Snapshot snapshot(String which) throws IOException {
    List<Snapshot> all = snapshots();
    if (which.equals("latest")) {
      if (all.isEmpty()) {
        throw new NoSuchFileException(store.location() + ": no snapshots");
      }
      return all.getLast();
    }
    List<Snapshot> matches = all.stream().filter(s -> s.id().hex().startsWith(which)).toList();
    if (matches.size() != 1) {
      throw new NoSuchFileException(store.location() + ": " + (matches.isEmpty()
          ? "no snapshot " + which : "snapshot " + which + " is ambiguous"));
    }
    return matches.getFirst();
  }

  @Override
  public void close() throws IOException {
    store.close();
  }
}
