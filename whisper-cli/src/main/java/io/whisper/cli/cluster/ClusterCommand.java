package io.whisper.cli.cluster;

import static io.whisper.cli.support.Specs.option;

import io.whisper.cli.support.ExitCodes;
import io.whisper.cli.support.Specs;
import io.whisper.cli.support.Subcommand;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine;

/**
 * {@code whisper cluster}: every storage node of a cluster over ssh, with no daemon. The verbs
 * are its subcommands; each runs {@code whisper serve} on every node at once through the
 * system ssh.
 */
public final class ClusterCommand implements Callable<Integer>, Subcommand {
  /** The verbs, in the order help lists them. */
  private static final List<String> VERBS = List.of("nodes", "list", "check", "index", "du",
      "stale", "tar", "delete", "purge", "rebalance", "restore");

  private final ClusterContext context = new ClusterContext();
  private final CommandSpec spec;

  /**
   * The command for {@code arguments}, those after {@code cluster}: with only the verb they
   * name when they name one (building the ten others' models was 15 ms of every call, before
   * the first ssh could start), else with every verb (for help and usage errors).
   */
  public ClusterCommand(List<String> arguments) {
    spec = declare();
    String named = verbIn(arguments);
    for (String name : named != null && VERBS.contains(named) ? List.of(named) : VERBS) {
      spec.addSubcommand(name, new CommandLine(verb(name).spec()));
    }
  }

  private CommandSpec declare() {
    CommandSpec spec = Specs.command("cluster", this)
        .addOption(option(Path.class, v -> context.clusterFile = v, "-c", "--cluster-file")
            .paramLabel("FILE").description("The cluster file (default: $WHISPER_CLUSTER)")
            .build())
        .addOption(option(long.class, v -> context.timeoutSeconds = v, "--timeout")
            .paramLabel("SECONDS").defaultValue("60")
            .description("A node that sends nothing this long while asked is slow: reported,"
                + " and the others' answers still come (default: ${DEFAULT-VALUE})").build())
        .addOption(option(long.class, v -> context.connectTimeoutSeconds = v,
            "--connect-timeout").paramLabel("SECONDS").defaultValue("10")
            .description("ssh's ConnectTimeout (default: ${DEFAULT-VALUE})").build());
    spec.usageMessage()
        .description(
            "Every storage node of a cluster over ssh, with no daemon and no open port: the"
                + " system ssh runs 'whisper serve' on each node (all at once) and the two speak"
                + " over that session. The cluster file names the ring (a carbon-c-relay config"
                + " or carbon.conf), each node's ssh destination and storage root.")
        .synopsisSubcommandLabel("VERB")
        .footer("", "Run 'whisper cluster VERB --help' for a verb's options and examples;"
            + " docs/cluster.md has the cluster file.");
    return Specs.withStandardHelp(spec);
  }

  // The first word that is neither an option nor an option's value, or null.
  private String verbIn(List<String> arguments) {
    for (int i = 0; i < arguments.size(); i++) {
      String argument = arguments.get(i);
      if (!argument.startsWith("-")) {
        return argument;
      }
      OptionSpec option = spec.findOption(argument); // null for -cFILE and --timeout=5
      if (option != null && option.arity().max() > 0) {
        i++;
      }
    }
    return null;
  }

  private Subcommand verb(String name) {
    return switch (name) {
      case "nodes" -> new NodesVerb(context);
      case "list" -> new ListVerb(context);
      case "check" -> new CheckVerb(context);
      case "index" -> new IndexVerb(context);
      case "du" -> new DuVerb(context);
      case "stale" -> new StaleVerb(context);
      case "tar" -> new TarVerb(context);
      case "delete" -> new DeleteVerb(context);
      case "purge" -> new PurgeVerb(context);
      case "rebalance" -> new RebalanceVerb(context);
      case "restore" -> new RestoreVerb(context);
      default -> throw new IllegalArgumentException("no verb " + name);
    };
  }

  @Override
  public CommandSpec spec() {
    return spec;
  }

  @Override
  public Integer call() {
    // no verb: one line, as every usage error
    spec.commandLine().getErr().println("whisper cluster: a VERB is needed: "
        + String.join(", ", spec.subcommands().keySet()) + " (see 'whisper cluster --help')");
    return ExitCodes.NODE_FAILED;
  }
}
