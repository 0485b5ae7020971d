package io.whisper.s3;

/** What a key may be: the filesystem backends of S3-compatible servers map keys to paths. */
final class Keys {
  private Keys() {}

  /**
   * Refuses empty keys, keys with an empty, "." or ".." segment, which could leave the bucket, and
   * keys with control characters.
   */
  static String check(String key) {
    if (key.isEmpty()) {
      throw new IllegalArgumentException("s3: empty key");
    }
    // XML 1.0 cannot carry most control characters, so a listing could not return such a key.
    if (key.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new IllegalArgumentException(
          "s3: a key may not hold control characters: '" + key.replaceAll("\\p{Cntrl}", "?") + "'");
    }
    for (String segment : key.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw new IllegalArgumentException(
            "s3: a key may not have an empty, '.' or '..' segment: '" + key + "'");
      }
    }
    return key;
  }
}
