package io.whisper.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/** Byte helpers for tests: hex as the spec writes it, sha256, slices of a file. */
final class Bytes {
  private Bytes() {}

  /** Returns lower-case hex of {@code bytes}. */
  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  /** Parses hex that may contain spaces, as the spec groups it ("00000001 00000258"). */
  static byte[] unhex(String spaced) {
    return HexFormat.of().parseHex(spaced.replace(" ", ""));
  }

  /** Returns the sha256 of {@code bytes} as lower-case hex. */
  static String sha256(byte[] bytes) {
    try {
      return hex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** Returns bytes {@code from} (inclusive) to {@code to} (exclusive) of the file. */
  static byte[] slice(Path path, int from, int to) throws IOException {
    return Arrays.copyOfRange(Files.readAllBytes(path), from, to);
  }

  /** Returns true if every byte of {@code bytes} from {@code from} on is zero. */
  static boolean zeroFrom(byte[] bytes, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return true;
  }

  /** Returns the raw bits of {@code value} as 16 hex digits, NaN payload and sign kept. */
  static String bits(double value) {
    return String.format("%016x", Double.doubleToRawLongBits(value));
  }
}
