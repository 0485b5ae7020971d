package io.whisper.s3;

import java.io.IOException;
import java.io.Serial;

/**
 * A request the server refused or could not be reached for; the message is one line naming the
 * operation, the object's {@code s3://} URL and the endpoint.
 */
public final class S3Exception extends IOException {
  @Serial private static final long serialVersionUID = 1L;

  /** The status when no HTTP response arrived (connection refused, reset, timed out). */
  public static final int NO_RESPONSE = 0;

  private final int status;
  private final String code;

  S3Exception(String message, int status, String code, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.code = code;
  }

  /** The HTTP status, or {@link #NO_RESPONSE}. */
  public int status() {
    return status;
  }

  /**
   * S3's error code ({@code NoSuchKey}, {@code NoSuchBucket}, {@code SignatureDoesNotMatch}...), or
   * "".
   */
  public String code() {
    return code;
  }

  /** Whether the object (not the bucket) does not exist. */
  public boolean isNoSuchKey() {
    return status == 404 && !"NoSuchBucket".equals(code);
  }
}
