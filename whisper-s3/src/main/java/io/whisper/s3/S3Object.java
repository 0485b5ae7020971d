package io.whisper.s3;

import java.time.Instant;
import java.util.Objects;

/**
 * An object as a listing or a head request describes it.
 *
 * @param key the key relative to the configured prefix
 * @param size the size in bytes
 * @param etag the entity tag without its quotes (the MD5 in hex for a single-part upload)
 * @param lastModified when the server stored it
 */
public record S3Object(String key, long size, String etag, Instant lastModified) {
  public S3Object {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(etag, "etag");
    Objects.requireNonNull(lastModified, "lastModified");
  }
}
