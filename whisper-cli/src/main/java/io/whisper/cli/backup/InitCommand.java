package io.whisper.cli.backup;

import static io.whisper.cli.support.Specs.option;

import io.whisper.backup.Repository;
import io.whisper.backup.RepositoryConfig;
import io.whisper.cli.support.Specs;
import io.whisper.cli.support.Subcommand;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** {@code whisper init}: creates an empty repository. */
public final class InitCommand implements Callable<Integer>, Subcommand {
  private final RepositoryOption repository = new RepositoryOption();
  private int chunkSize = RepositoryConfig.DEFAULT_CHUNK_SIZE;
  private int packSize = RepositoryConfig.DEFAULT_PACK_SIZE;
  private final CommandSpec spec = declare();

  private CommandSpec declare() {
    CommandSpec spec = Specs.command("init", this)
        .addOption(repository.spec())
        .addOption(option(int.class, v -> chunkSize = v, "--chunk-size").paramLabel("BYTES")
            .description("Bytes per file chunk, a power of two (default: 16384; fixed for the"
                + " repository's life).").build())
        .addOption(option(int.class, v -> packSize = v, "--pack-size").paramLabel("BYTES")
            .description("About how many bytes of blobs a pack object holds (default:"
                + " 16 MiB). Smaller packs mean more objects; larger, more to rewrite on"
                + " prune.").build());
    spec.usageMessage()
        .sortOptions(false)
        .autoWidth(true)
        .description("Create an empty repository. (A first backup to a local folder creates"
            + " one too; an S3 bucket must exist already.)")
        .exitCodeListHeading("%nExit status:%n")
        .exitCodeList(Specs.exitCodeList("0:created",
            "1:not created (there is one already, or the store cannot be written)",
            "2:usage error"))
        .footer("", "Examples:", "  whisper init -r /backup/whisper",
            "  whisper init -r s3://metrics-backup/node1");
    return Specs.withStandardHelp(spec);
  }

  @Override
  public CommandSpec spec() {
    return spec;
  }

  @Override
  public Integer call() {
    RepositoryConfig config;
    try {
      config = new RepositoryConfig(chunkSize, packSize);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    try (Repository repo = Repository.init(repository.open(spec), config)) {
      spec.commandLine().getOut().println("created repository " + repo.store().location());
      spec.commandLine().getOut().flush();
      return 0;
    } catch (IOException e) {
      return BackupCommands.fatal(spec.commandLine().getErr(), "init", e);
    }
  }
}
