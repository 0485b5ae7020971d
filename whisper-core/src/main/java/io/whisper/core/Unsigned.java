package io.whisper.core;

/** Bounds of the file's unsigned 32-bit fields. */
final class Unsigned {
  static final long MAX_U32 = 0xFFFF_FFFFL;

  static boolean isU32(long value) {
    return value >= 0 && value <= MAX_U32;
  }

  private Unsigned() {}
}
