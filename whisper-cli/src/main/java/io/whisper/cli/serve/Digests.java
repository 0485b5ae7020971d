package io.whisper.cli.serve;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 of a file's content, holes read as zeros: what the controller computes over the
 * file it received, so "unchanged since read" is decided the same on both sides.
 */
public final class Digests {
  private Digests() {}

  /** Returns a fresh SHA-256 digest. */
  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /** Returns the SHA-256 of everything {@code channel} holds. */
  static byte[] sha256(FileChannel channel) throws IOException {
    MessageDigest digest = sha256();
    ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
    long position = 0;
    int read;
    while ((read = channel.read(buffer.clear(), position)) > 0) {
      digest.update(buffer.array(), 0, read);
      position += read;
    }
    return digest.digest();
  }
}
