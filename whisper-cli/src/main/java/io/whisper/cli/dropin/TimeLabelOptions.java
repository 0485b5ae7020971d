package io.whisper.cli.dropin;

import static io.whisper.cli.support.Specs.flag;
import static io.whisper.cli.support.Specs.option;

import picocli.CommandLine.Model.CommandSpec;

/**
 * The options whisper-dump and whisper-fetch share for timestamps, {@code --pretty} and
 * {@code -t/--time-format}: {@link #addTo} declares them in a command's model.
 */
final class TimeLabelOptions {
  private boolean pretty;
  private String format;

  /** Adds {@code --pretty} and {@code -t/--time-format} to {@code spec}. */
  CommandSpec addTo(CommandSpec spec) {
    return spec
        .addOption(flag(v -> pretty = v, "--pretty")
            .description("Show timestamps as local time (time.ctime).").build())
        .addOption(option(String.class, v -> format = v, "-t", "--time-format")
            .paramLabel("FORMAT").description("strftime(3) format for --pretty timestamps.")
            .build());
  }

  /** Returns how the given options label a timestamp. */
  TimeLabels labels() {
    return new TimeLabels(pretty, format);
  }
}
