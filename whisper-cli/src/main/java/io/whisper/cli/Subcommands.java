package io.whisper.cli;

import io.whisper.cli.backup.BackupCommand;
import io.whisper.cli.backup.CatCommand;
import io.whisper.cli.backup.CheckCommand;
import io.whisper.cli.backup.ForgetCommand;
import io.whisper.cli.backup.InitCommand;
import io.whisper.cli.backup.RestoreCommand;
import io.whisper.cli.backup.SnapshotsCommand;
import io.whisper.cli.cluster.ClusterCommand;
import io.whisper.cli.dropin.CreateCommand;
import io.whisper.cli.dropin.DiffCommand;
import io.whisper.cli.dropin.DumpCommand;
import io.whisper.cli.dropin.FetchCommand;
import io.whisper.cli.dropin.InfoCommand;
import io.whisper.cli.dropin.MergeCommand;
import io.whisper.cli.dropin.ResizeCommand;
import io.whisper.cli.dropin.SetAggregationMethodCommand;
import io.whisper.cli.dropin.SetXFilesFactorCommand;
import io.whisper.cli.dropin.UpdateCommand;
import io.whisper.cli.ring.ListCommand;
import io.whisper.cli.ring.LocateCommand;
import io.whisper.cli.ring.SieveCommand;
import io.whisper.cli.serve.ServeCommand;
import io.whisper.cli.support.Subcommand;
import java.util.List;

/**
 * Every subcommand by name, each built only when asked for: a call of {@code whisper info}
 * should pay for building {@code info}'s model alone, not all of them (a rebalance script
 * calls us thousands of times). A plain switch, not a map of constructor references
 * (docs/startup.md).
 */
final class Subcommands {
  /** The names in the order {@code whisper --help} lists them. */
  static final List<String> NAMES = List.of("fsck", "fill", "move", "info", "dump", "fetch",
      "update", "create", "merge", "diff", "resize", "set-aggregation-method",
      "set-xfilesfactor", "locate", "list", "sieve", "cluster", "serve",
      "init", "backup", "snapshots", "restore", "cat", "check", "forget");

  private Subcommands() {}

  /**
   * Returns a new instance of the subcommand called {@code name}, or null if there is none;
   * {@code rest} are the arguments after the name (a command with subcommands of its own
   * builds only the one they name), empty to build all.
   */
  static Subcommand create(String name, List<String> rest) {
    return switch (name) {
      case "fsck" -> new FsckCommand();
      case "fill" -> new FillCommand();
      case "move" -> new MoveCommand();
      case "info" -> new InfoCommand();
      case "dump" -> new DumpCommand();
      case "fetch" -> new FetchCommand();
      case "update" -> new UpdateCommand();
      case "create" -> new CreateCommand();
      case "merge" -> new MergeCommand();
      case "diff" -> new DiffCommand();
      case "resize" -> new ResizeCommand();
      case "set-aggregation-method" -> new SetAggregationMethodCommand();
      case "set-xfilesfactor" -> new SetXFilesFactorCommand();
      case "locate" -> new LocateCommand();
      case "list" -> new ListCommand();
      case "sieve" -> new SieveCommand();
      case "cluster" -> new ClusterCommand(rest);
      case "serve" -> new ServeCommand();
      case "init" -> new InitCommand();
      case "backup" -> new BackupCommand();
      case "snapshots" -> new SnapshotsCommand();
      case "restore" -> new RestoreCommand();
      case "cat" -> new CatCommand();
      case "check" -> new CheckCommand();
      case "forget" -> new ForgetCommand();
      default -> null;
    };
  }
}
