package io.whisper.cli.cluster;

import static io.whisper.cli.support.Specs.option;

import io.whisper.cli.support.ExitCodes;
import io.whisper.cli.support.Specs;
import io.whisper.cli.support.Subcommand;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine;

/**
 * {@code whisper cluster}: every storage node of a cluster over ssh, with no daemon. The verbs
 * are its subcommands; each runs {@code whisper serve} on every node at once through the
 * system ssh.
 */
public final class ClusterCommand implements Callable<Integer>, Subcommand {
  private final ClusterContext context = new ClusterContext();
  private final CommandSpec spec = declare();

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
    Specs.withStandardHelp(spec);
    for (Subcommand verb : List.<Subcommand>of(new NodesVerb(context), new ListVerb(context),
        new CheckVerb(context), new IndexVerb(context), new DuVerb(context),
        new StaleVerb(context), new TarVerb(context), new DeleteVerb(context),
        new PurgeVerb(context), new RebalanceVerb(context), new RestoreVerb(context))) {
      spec.addSubcommand(verb.spec().name(), new CommandLine(verb.spec()));
    }
    return spec;
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
