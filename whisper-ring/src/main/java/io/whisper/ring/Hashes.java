package io.whisper.ring;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The hash functions of the rings, byte for byte as the relay's C and carbon's Python compute. */
final class Hashes {
  private static final int FNV32_OFFSET = 0x811c9dc5;
  private static final int FNV32_PRIME = 16777619;
  private static final long FNV64_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV64_PRIME = 1099511628211L;

  // MessageDigest is not thread-safe; one per thread keeps Ring shareable.
  private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(Hashes::newMd5);

  private Hashes() {}

  /** The first two bytes of the MD5 sum, big-endian: carbon_ch's position (0 to 65535). */
  static int md5Position(byte[] bytes, int offset, int length) {
    MessageDigest md5 = MD5.get();
    md5.update(bytes, offset, length);
    byte[] sum = md5.digest();
    return ((sum[0] & 0xff) << 8) | (sum[1] & 0xff);
  }

  /**
   * FNV-1a 32 with each byte read as the relay's C reads a {@code char}: signed, so a byte of
   * 0x80 or more is sign-extended before the XOR.
   */
  static int fnv1a32Signed(byte[] bytes, int offset, int length) {
    int hash = FNV32_OFFSET;
    for (int i = offset, end = offset + length; i < end; i++) {
      hash = (hash ^ bytes[i]) * FNV32_PRIME;
    }
    return hash;
  }

  /** FNV-1a 32 over unsigned bytes, as carbon's Python computes it. */
  static int fnv1a32Unsigned(byte[] bytes, int offset, int length) {
    int hash = FNV32_OFFSET;
    for (int i = offset, end = offset + length; i < end; i++) {
      hash = (hash ^ (bytes[i] & 0xff)) * FNV32_PRIME;
    }
    return hash;
  }

  /** FNV-1a 64 over signed bytes, the relay's jump_fnv1a_ch key. */
  static long fnv1a64Signed(byte[] bytes, int offset, int length) {
    long hash = FNV64_OFFSET;
    for (int i = offset, end = offset + length; i < end; i++) {
      hash = (hash ^ bytes[i]) * FNV64_PRIME;
    }
    return hash;
  }

  /** fnv1a_ch's 16-bit position: the high half of the 32-bit hash XOR the low half. */
  static int fold16(int hash) {
    return (hash >>> 16) ^ (hash & 0xffff);
  }

  private static MessageDigest newMd5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java SE has MD5", e);
    }
  }
}
