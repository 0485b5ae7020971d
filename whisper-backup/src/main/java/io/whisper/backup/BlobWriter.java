package io.whisper.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Packs new blobs and writes the packs, a few at a time in the background, then an index of
 * them: the order a crash must see (packs, then the index naming them; the caller writes the
 * snapshot last). A blob the index or this writer already holds is not stored twice.
 *
 * <p>Not thread-safe: one thread adds; the uploads run on their own threads.
 */
public final class BlobWriter implements AutoCloseable {
  // Packs written but not yet in an index object: one is written after this many, so a long
  // first backup that is killed keeps most of its work.
  private static final int PACKS_PER_INDEX = 64;

  private final Repository repository;
  // Loaded on the first question about a blob: a backup that finds every file unchanged and
  // reuses every tree never reads the index (the slowest part of such a backup before).
  private volatile Index index;
  private final int packSize;
  private final ExecutorService uploads;
  private final Semaphore inFlight;
  private final List<Future<?>> pending = new ArrayList<>();
  // Read by the file readers' threads (has), changed by the adding thread.
  private final Set<BlobId> packing = ConcurrentHashMap.newKeySet();
  private final Map<BlobId, List<PackEntry>> unindexed = new LinkedHashMap<>();
  private Pack.Builder builder;
  private long packsWritten;
  private long bytesWritten;

  /** A writer into {@code repository}, with {@code parallel} uploads at most. */
  public BlobWriter(Repository repository, int parallel) {
    this(repository, null, parallel);
  }

  /**
   * A writer that takes the blobs of {@code known} as stored already and adds what it writes
   * to it (prune passes an empty index: what it repacks is stored again); null: the
   * repository's index.
   */
  BlobWriter(Repository repository, Index known, int parallel) {
    this.repository = repository;
    this.index = known;
    this.packSize = repository.config().packSize();
    this.builder = newPack();
    this.uploads = Executors.newFixedThreadPool(parallel,
        Thread.ofPlatform().name("whisper-upload-", 0).daemon(true).factory());
    this.inFlight = new Semaphore(parallel + 1);
  }

  /**
   * Returns true if the repository has the blob, or this writer will store it.
   *
   * @throws UncheckedIOException if the index cannot be read
   */
  public boolean has(BlobId id) {
    return packing.contains(id) || index().contains(id);
  }

  private Index index() {
    Index known = index;
    if (known == null) {
      try {
        known = repository.index();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      index = known;
    }
    return known;
  }

  /** Stores an encoded blob unless it is there already; returns whether it was new. */
  public boolean add(BlobType type, BlobId id, byte[] stored) throws IOException {
    if (has(id)) {
      return false;
    }
    packing.add(id);
    builder.add(type, id, stored);
    if (builder.size() >= packSize) {
      flushPack();
    }
    return true;
  }

  /** Encodes and stores a tree; returns its id. */
  public BlobId add(Tree tree) throws IOException {
    byte[] raw = tree.encode();
    BlobId id = BlobId.hash(raw);
    if (!has(id)) {
      add(BlobType.TREE, id, BlobCodec.encode(raw, 0, raw.length, false));
    }
    return id;
  }

  // Room for a full pack and the chunk that overflows it.
  private Pack.Builder newPack() {
    return new Pack.Builder(packSize + (1 << 16));
  }

  private void flushPack() throws IOException {
    if (builder.isEmpty()) {
      return;
    }
    Pack.Builder full = builder;
    builder = newPack();
    collectFinished();
    acquire();
    pending.add(uploads.submit(() -> {
      try {
        byte[] pack = full.build();
        BlobId id = BlobId.hash(pack);
        repository.store().putIfAbsent(Pack.name(id), pack);
        synchronized (unindexed) {
          unindexed.put(id, full.entries());
          packsWritten++;
          bytesWritten += pack.length;
        }
        return null;
      } finally {
        inFlight.release();
      }
    }));
    if (unindexedCount() >= PACKS_PER_INDEX) {
      writeIndex();
    }
  }

  private int unindexedCount() {
    synchronized (unindexed) {
      return unindexed.size();
    }
  }

  private void acquire() throws IOException {
    try {
      inFlight.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  // Rethrows the first failed upload.
  private void collectFinished() throws IOException {
    List<Future<?>> done = new ArrayList<>();
    for (Future<?> upload : pending) {
      if (upload.isDone()) {
        done.add(upload);
        await(upload);
      }
    }
    pending.removeAll(done);
  }

  private static void await(Future<?> upload) throws IOException {
    try {
      upload.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw new IOException(io.getMessage(), io);
      }
      if (cause instanceof UncheckedIOException io) {
        throw new IOException(io.getCause().getMessage(), io);
      }
      throw new IllegalStateException(cause);
    }
  }

  // Writes an index of the packs written so far and adds them to the index in memory.
  private void writeIndex() throws IOException {
    Map<BlobId, List<PackEntry>> packs;
    synchronized (unindexed) {
      packs = new LinkedHashMap<>(unindexed);
      unindexed.clear();
    }
    if (packs.isEmpty()) {
      return;
    }
    Index.write(repository.store(), packs);
    for (Map.Entry<BlobId, List<PackEntry>> pack : packs.entrySet()) {
      index().add(pack.getKey(), pack.getValue());
      for (PackEntry entry : pack.getValue()) {
        packing.remove(entry.id());
      }
    }
  }

  /** Writes the last pack, waits for every upload, then writes the index of them all. */
  public void finish() throws IOException {
    flushPack();
    for (Future<?> upload : pending) {
      await(upload);
    }
    pending.clear();
    writeIndex();
  }

  /** Returns the packs written so far. */
  public long packsWritten() {
    synchronized (unindexed) {
      return packsWritten;
    }
  }

  /** Returns the bytes of packs written so far. */
  public long bytesWritten() {
    synchronized (unindexed) {
      return bytesWritten;
    }
  }

  @Override
  public void close() {
    uploads.shutdownNow();
  }
}
