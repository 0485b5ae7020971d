package io.whisper.s3;

/** What a key may be: the filesystem backends of S3-compatible servers map keys to paths. */
final class Keys {
  private Keys() {
  }

  /** Refuses empty keys and keys with an empty, "." or ".." segment, which could leave the bucket. */
  static String check(String key) {
    if (key.isEmpty()) {
      throw new IllegalArgumentException("s3: empty key");
    }
    for (String segment : key.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw new IllegalArgumentException("s3: a key may not have an empty, '.' or '..' segment: '" + key + "'");
      }
    }
    return key;
  }
}
