package io.whisper.backup;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 of some bytes, as four longs: the name of a blob, a pack, an index or a
 * snapshot. A record of longs, not of an array, so it is a map key by value.
 */
public record BlobId(long a, long b, long c, long d) implements Comparable<BlobId> {
  /** The length of an id in bytes. */
  public static final int BYTES = 32;

  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  });

  /** Returns the SHA-256 of {@code length} bytes of {@code bytes} from {@code offset}. */
  public static BlobId hash(byte[] bytes, int offset, int length) {
    MessageDigest digest = SHA256.get();
    digest.update(bytes, offset, length);
    return of(digest.digest());
  }

  /** Returns the SHA-256 of {@code bytes}. */
  public static BlobId hash(byte[] bytes) {
    return hash(bytes, 0, bytes.length);
  }

  /** Returns the id held in 32 bytes. */
  public static BlobId of(byte[] bytes) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    return read(buffer);
  }

  /** Reads an id from the buffer's next 32 bytes. */
  public static BlobId read(ByteBuffer buffer) {
    return new BlobId(buffer.getLong(), buffer.getLong(), buffer.getLong(), buffer.getLong());
  }

  /** Parses 64 hex digits. */
  public static BlobId parse(String hex) {
    if (hex.length() != 2 * BYTES) {
      throw new IllegalArgumentException("not a SHA-256 in hex: " + hex);
    }
    return of(HexFormat.of().parseHex(hex));
  }

  /** Writes the 32 bytes into the buffer. */
  public void write(ByteBuffer buffer) {
    buffer.putLong(a).putLong(b).putLong(c).putLong(d);
  }

  /** Returns the 64 hex digits. */
  public String hex() {
    HexFormat hex = HexFormat.of();
    return hex.toHexDigits(a) + hex.toHexDigits(b) + hex.toHexDigits(c) + hex.toHexDigits(d);
  }

  /** Returns the first 8 hex digits, how snapshots are shown. */
  public String shortHex() {
    return hex().substring(0, 8);
  }

  @Override
  public int compareTo(BlobId other) {
    int order = Long.compareUnsigned(a, other.a);
    if (order == 0) {
      order = Long.compareUnsigned(b, other.b);
    }
    if (order == 0) {
      order = Long.compareUnsigned(c, other.c);
    }
    return order != 0 ? order : Long.compareUnsigned(d, other.d);
  }

  @Override
  public String toString() {
    return hex();
  }
}
