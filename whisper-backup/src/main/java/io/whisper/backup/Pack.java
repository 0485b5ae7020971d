package io.whisper.backup;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A pack: stored blobs one after the other, then a trailer listing them (type, id, offset,
 * length each), its entry count and the magic {@code WBP1}. The pack is named by the SHA-256
 * of all its bytes, so a damaged pack no longer matches its name. The trailer makes a pack
 * self-describing: {@code check --read-data} verifies it against the index.
 */
public final class Pack {
  private static final int MAGIC = 0x57425031; // "WBP1"

  private Pack() {}

  /** The object name of a pack. */
  public static String name(BlobId id) {
    String hex = id.hex();
    return "data/" + hex.substring(0, 2) + "/" + hex;
  }

  /** Collects stored blobs until the pack is big enough, then builds it. */
  public static final class Builder {
    // One array of about the pack's size, not a stream doubling its way there: a 16 MiB pack
    // cost 31 MiB of copies before, and copies were a tenth of a full backup's CPU.
    private final int expected;
    private byte[] bytes = new byte[0];
    private int size;
    private final List<PackEntry> entries = new ArrayList<>();

    /** A builder for a pack of about {@code expected} bytes of blobs (allocated on first use). */
    public Builder(int expected) {
      this.expected = expected;
    }

    /** Appends a stored blob. */
    public void add(BlobType type, BlobId id, byte[] stored) {
      entries.add(new PackEntry(type, id, size, stored.length));
      if (bytes.length - size < stored.length) {
        bytes = java.util.Arrays.copyOf(bytes,
            (int) Math.min(Integer.MAX_VALUE - 16, Math.max(size + (long) stored.length,
                Math.max(expected, 2L * bytes.length))));
      }
      System.arraycopy(stored, 0, bytes, size, stored.length);
      size += stored.length;
    }

    /** Returns the bytes of stored blobs so far. */
    public int size() {
      return size;
    }

    /** Returns true if nothing was added. */
    public boolean isEmpty() {
      return entries.isEmpty();
    }

    /** Returns the blobs so far. */
    public List<PackEntry> entries() {
      return List.copyOf(entries);
    }

    /** Returns the whole pack: the blobs and the trailer. */
    public byte[] build() {
      byte[] pack = java.util.Arrays.copyOf(bytes, size + entries.size() * PackEntry.BYTES + 8);
      ByteBuffer trailer = ByteBuffer.wrap(pack, size, pack.length - size);
      for (PackEntry entry : entries) {
        writeEntry(trailer, entry);
      }
      trailer.putInt(entries.size()).putInt(MAGIC);
      return pack;
    }
  }

  /** Reads the trailer of a whole pack. */
  public static List<PackEntry> entries(byte[] pack) throws IOException {
    if (pack.length < 8) {
      throw new IOException("pack of " + pack.length + " bytes has no trailer");
    }
    ByteBuffer buffer = ByteBuffer.wrap(pack);
    int count = buffer.getInt(pack.length - 8);
    if (buffer.getInt(pack.length - 4) != MAGIC || count < 0
        || (long) count * PackEntry.BYTES > pack.length - 8) {
      throw new IOException("pack trailer is damaged");
    }
    buffer.position(pack.length - 8 - count * PackEntry.BYTES);
    int end = buffer.position();
    List<PackEntry> entries = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      PackEntry entry = readEntry(buffer);
      if (entry.offset() < 0 || entry.length() < 0
          || (long) entry.offset() + entry.length() > end) {
        throw new IOException("pack trailer is damaged");
      }
      entries.add(entry);
    }
    return entries;
  }

  static void writeEntry(ByteBuffer buffer, PackEntry entry) {
    buffer.put((byte) entry.type().ordinal());
    entry.id().write(buffer);
    buffer.putInt(entry.offset()).putInt(entry.length());
  }

  static PackEntry readEntry(ByteBuffer buffer) throws IOException {
    BlobType type = BlobType.of(buffer.get());
    BlobId id = BlobId.read(buffer);
    return new PackEntry(type, id, buffer.getInt(), buffer.getInt());
  }
}
