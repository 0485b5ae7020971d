package io.whisper.cli;

import java.util.List;

/**
 * Every subcommand by name, each built only when asked for: picocli reads a command's
 * annotations when it is added, and a call of {@code whisper info} should pay for {@code info}
 * alone, not for all of them (a rebalance script calls us thousands of times).
 *
 * <p>A plain switch, not a map of constructor references: a lambda's first use costs start-up
 * time too.
 */
final class Subcommands {
  /** The names in the order {@code whisper --help} lists them. */
  static final List<String> NAMES =
      List.of("fsck", "fill", "move", "merge", "diff", "resize");

  private Subcommands() {}

  /** Returns a new instance of the subcommand called {@code name}, or null if there is none. */
  static Object create(String name) {
    return switch (name) {
      case "fsck" -> new FsckCommand();
      case "fill" -> new FillCommand();
      case "move" -> new MoveCommand();
      case "merge" -> new io.whisper.cli.dropin.MergeCommand();
      case "diff" -> new io.whisper.cli.dropin.DiffCommand();
      case "resize" -> new io.whisper.cli.dropin.ResizeCommand();
      default -> null;
    };
  }
}
