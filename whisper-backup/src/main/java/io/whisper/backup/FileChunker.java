package io.whisper.backup;

import io.whisper.core.os.FileLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads one file for a snapshot: skipped if its size, mtime and inode equal the previous
 * snapshot's, else read whole under a shared {@code flock(2)} (carbon's locked writes wait,
 * so no torn read), cut into fixed-size chunks at file offsets, and each chunk the repository
 * lacks encoded. Safe to call from many threads.
 */
public final class FileChunker {
  private final int chunkSize;
  private final Predicate<BlobId> known;

  /**
   * @param known true for blobs the repository has (or is storing): not encoded again
   */
  public FileChunker(int chunkSize, Predicate<BlobId> known) {
    this.chunkSize = chunkSize;
    this.known = known;
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
   * in the previous snapshot or null, shows it unchanged.
   */
  public Outcome read(Path path, String name, Node.File previous) {
    try {
      if (previous != null) {
        Map<String, Object> before = attributes(path);
        if (previous.sameAs(size(before), mtimeNanos(before), inode(before))
            && previous.chunks().stream().allMatch(known)) {
          return new Unchanged(path, previous);
        }
      }
      byte[] bytes;
      Map<String, Object> attributes;
      try (FileLock lock = FileLock.shared(path)) {
        Path locked = lock.lockedFile();
        bytes = Files.readAllBytes(locked);
        attributes = attributes(locked); // of the bytes read: writers wait for our lock
      }
      List<BlobId> chunks = new ArrayList<>((bytes.length + chunkSize - 1) / chunkSize);
      List<NewBlob> blobs = new ArrayList<>();
      for (int offset = 0; offset < bytes.length; offset += chunkSize) {
        int length = Math.min(chunkSize, bytes.length - offset);
        BlobId id = BlobId.hash(bytes, offset, length);
        chunks.add(id);
        if (!known.test(id)) {
          blobs.add(new NewBlob(id, BlobCodec.encode(bytes, offset, length, true)));
        }
      }
      Node.File node = new Node.File(name, bytes.length, mtimeNanos(attributes),
          inode(attributes), ((Integer) attributes.get("mode")) & 07777,
          (Integer) attributes.get("uid"), (Integer) attributes.get("gid"), chunks);
      return new Read(path, node, blobs);
    } catch (IOException | RuntimeException e) {
      return new Failed(path, path + ": cannot read: " + message(e));
    }
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
