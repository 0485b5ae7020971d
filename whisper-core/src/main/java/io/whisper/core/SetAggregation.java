package io.whisper.core;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Sets the aggregation method and/or xFilesFactor of a file (whisper-set-aggregation-method,
 * whisper-set-xfilesfactor): only the 16 metadata bytes are rewritten, under an exclusive
 * flock unless the request says otherwise.
 */
public final class SetAggregation {

  /**
   * What to set; an empty value keeps the file's own.
   *
   * @param lock take carbon's flock for the write
   */
  public record Request(
      Optional<AggregationMethod> method, Optional<Double> xFilesFactor, boolean lock) {}

  /** The settings the file had before the change. */
  public record Result(Aggregation before) {}

  private SetAggregation() {}

  /**
   * Sets what {@code request} names in {@code path}.
   *
   * @throws IllegalArgumentException whisper.py's message for an xFilesFactor not in [0, 1];
   *     nothing is written then
   */
  public static Result set(Path path, Request request) throws IOException {
    Optional<Float> xff = request.xFilesFactor().map(Whisper::checkXFilesFactor);
    try (WhisperFile file =
        WhisperFile.open(path, WhisperFile.Options.UPDATE.withLock(request.lock()))) {
      Header old = file.header();
      Header updated = new Header(
          request.method().isPresent() ? request.method().get().code() : old.aggregationType(),
          old.maxRetention(),
          xff.orElse(old.xFilesFactor()),
          old.archives());
      file.writeMetadata(updated);
      return new Result(new Aggregation(old.aggregationMethod(), old.xFilesFactor()));
    }
  }
}
