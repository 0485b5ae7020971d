package io.whisper.cli.dropin;

import io.whisper.core.Aggregation;
import io.whisper.core.AggregationMethod;
import io.whisper.core.SetAggregation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The header change both set-* scripts make, with their error texts. */
final class AggregationChange {

  private AggregationChange() {}

  /** The scripts' first check: {@code [ERROR] File 'PATH' does not exist!}. */
  static void requireFile(String name) {
    if (!Files.isRegularFile(Path.of(name))) {
      throw ScriptError.error("File '" + name + "' does not exist!");
    }
  }

  /**
   * Rewrites the metadata of {@code name} under flock(2); an empty value keeps a setting.
   *
   * @return the settings before the change
   */
  static Aggregation apply(
      String name, Optional<AggregationMethod> method, Optional<Double> xFilesFactor) {
    try {
      return SetAggregation.set(Path.of(name),
          new SetAggregation.Request(method, xFilesFactor, true)).before();
    } catch (IllegalArgumentException e) {
      throw ScriptError.error(e.getMessage(), e);
    } catch (IOException e) {
      throw ScriptError.error(PythonErrors.describe(e, name), e);
    }
  }
}
