package io.whisper.backup;

import io.whisper.core.os.FileLock;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Reads one file for a snapshot: skipped if its size, mtime and inode equal the previous
 * snapshot's, else read whole under a shared {@code flock(2)} (carbon's locked writes wait,
 * so no torn read), cut into fixed-size chunks at file offsets, and each chunk the repository
 * lacks encoded. Safe to call from many threads.
 */
public final class FileChunker {
  // A whole file per read, into an array per thread: files are read back to back, and a fresh
  // array per file was most of what a backup allocated.
  private static final ThreadLocal<byte[][]> BUFFER = ThreadLocal.withInitial(() -> new byte[1][0]);

  private final int chunkSize;
  private final Predicate<BlobId> known;
  // All zeros, chunkSize long, and the ids of zero chunks by length: a fresh whisper file is
  // mostly zeros, recognised without hashing them (20% of the benchmark tree's chunks).
  private final byte[] zeros;
  private final Map<Integer, BlobId> zeroIds = new ConcurrentHashMap<>();

  /**
   * @param known true for blobs the repository has (or is storing): not encoded again
   */
  public FileChunker(int chunkSize, Predicate<BlobId> known) {
    this.chunkSize = chunkSize;
    this.known = known;
    this.zeros = new byte[chunkSize];
  }

  /** A chunk to store: its id and its encoded bytes. */
  public record NewBlob(BlobId id, byte[] stored) {}

  /** What reading one file gave. */
  public sealed interface Outcome permits Read, Unchanged, Failed {
    /** The file's path. */
    Path path();
  }

  /** Read: its node and the chunks the repository lacked. */
  public record Read(Path path, Node.File node, List<NewBlob> blobs) implements Outcome {}

  /** Unchanged since the previous snapshot: its node from there, renamed as it is now. */
  public record Unchanged(Path path, Node.File node) implements Outcome {}

  /** Could not be read; the reason names it. */
  public record Failed(Path path, String reason) implements Outcome {}

  /**
   * Reads {@code path} (named {@code name} in the snapshot), unless {@code previous}, its node
   * in the previous snapshot or null, shows it unchanged. The previous snapshot's chunks are
   * not looked up in the index: a snapshot is written after the index naming its blobs, and
   * forget and prune, which remove them, exclude a backup (exclusive lock).
   */
  public Outcome read(Path path, String name, Node.File previous) {
    Locked file;
    try {
      if (previous != null) {
        Map<String, Object> before = attributes(path);
        if (previous.sameAs(size(before), mtimeNanos(before), inode(before))) {
          return new Unchanged(path, previous);
        }
      }
      file = readLocked(path);
    } catch (IOException | RuntimeException e) {
      return new Failed(path, path + ": cannot read: " + message(e));
    }
    // Outside the catch: an index that cannot be read fails the backup, not this one file.
    byte[] bytes = file.bytes();
    int length = file.length();
    List<BlobId> chunks = new ArrayList<>((length + chunkSize - 1) / chunkSize);
    List<NewBlob> blobs = new ArrayList<>();
    for (int offset = 0; offset < length; offset += chunkSize) {
      int size = Math.min(chunkSize, length - offset);
      BlobId id = isZero(bytes, offset, size) ? zeroId(size) : BlobId.hash(bytes, offset, size);
      chunks.add(id);
      if (!known.test(id)) {
        blobs.add(new NewBlob(id, BlobCodec.encode(bytes, offset, size, true)));
      }
    }
    Map<String, Object> attributes = file.attributes();
    Node.File node = new Node.File(name, length, mtimeNanos(attributes),
        inode(attributes), ((Integer) attributes.get("mode")) & 07777,
        (Integer) attributes.get("uid"), (Integer) attributes.get("gid"), chunks);
    return new Read(path, node, blobs);
  }

  // A file's first {@code length} bytes in this thread's buffer, and its attributes.
  private record Locked(byte[] bytes, int length, Map<String, Object> attributes) {}

  private static Locked readLocked(Path path) throws IOException {
    try (FileLock lock = FileLock.shared(path)) {
      Path locked = lock.lockedFile();
      byte[] bytes = BUFFER.get()[0];
      int length = 0;
      try (FileChannel in = FileChannel.open(locked, StandardOpenOption.READ)) {
        long size = in.size();
        if (bytes.length <= size) { // a byte more: the end is seen without growing
          bytes = new byte[(int) Math.min(Integer.MAX_VALUE - 16, size + 1)];
        }
        ByteBuffer into = ByteBuffer.wrap(bytes);
        for (int read; (read = in.read(into)) >= 0; ) {
          length += read;
          if (!into.hasRemaining()) {
            bytes = java.util.Arrays.copyOf(bytes, bytes.length * 2);
            into = ByteBuffer.wrap(bytes, length, bytes.length - length);
          }
        }
      }
      BUFFER.get()[0] = bytes;
      // Of the bytes read: writers wait for our lock.
      return new Locked(bytes, length, attributes(locked));
    }
  }

  private boolean isZero(byte[] bytes, int offset, int length) {
    return java.util.Arrays.mismatch(bytes, offset, offset + length, zeros, 0, length) < 0;
  }

  private BlobId zeroId(int length) {
    return zeroIds.computeIfAbsent(length, n -> BlobId.hash(new byte[n]));
  }

  private static Map<String, Object> attributes(Path path) throws IOException {
    return Files.readAttributes(path, "unix:size,lastModifiedTime,ino,mode,uid,gid");
  }

  private static long size(Map<String, Object> attributes) {
    return (Long) attributes.get("size");
  }

  private static long inode(Map<String, Object> attributes) {
    return (Long) attributes.get("ino");
  }

  private static long mtimeNanos(Map<String, Object> attributes) {
    java.time.Instant time = ((FileTime) attributes.get("lastModifiedTime")).toInstant();
    return time.getEpochSecond() * 1_000_000_000L + time.getNano();
  }

  static String message(Exception e) {
    String message = e.getMessage();
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file (deleted during the backup?)";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    return message == null ? e.getClass().getSimpleName() : message;
  }
}
