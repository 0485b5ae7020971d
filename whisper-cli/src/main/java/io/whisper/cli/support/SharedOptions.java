package io.whisper.cli.support;

import java.util.function.Consumer;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The flags that several commands share, declared once so that their names and help read the
 * same everywhere: {@code -n/--dry-run}, {@code --json} and {@code --no-lock}. ({@code -j} is
 * {@link Jobs}.) Each takes the command's own words for what it does, and adds the part every
 * command promises.
 */
public final class SharedOptions {
  private SharedOptions() {}

  /**
   * {@code -n/--dry-run}; {@code shows} says what a dry run reports ("Count what would be
   * filled").
   */
  public static OptionSpec dryRun(Consumer<Boolean> field, String shows) {
    return Specs.flag(field, "-n", "--dry-run")
        .description(shows + "; change nothing.").build();
  }

  /**
   * {@code --json}; {@code records} says what each object stands for and what follows
   * ("file (path, status, slots filled per archive), the summary object last").
   */
  public static OptionSpec json(Consumer<Boolean> field, String records) {
    return Specs.flag(field, "--json")
        .description("One JSON object per " + records + ", a line each on stdout.").build();
  }

  /** {@code --no-lock}: the same words for every command that can skip its flock(2) locks. */
  public static OptionSpec noLock(Consumer<Boolean> field) {
    return Specs.flag(field, "--no-lock")
        .description("Take no flock(2) locks: only when nothing that writes these files locks"
            + " them.").build();
  }
}
