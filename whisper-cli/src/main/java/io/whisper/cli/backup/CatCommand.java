package io.whisper.cli.backup;

import static io.whisper.cli.support.Specs.positional;

import io.whisper.backup.FileContent;
import io.whisper.backup.Repository;
import io.whisper.backup.Snapshot;
import io.whisper.cli.support.Specs;
import io.whisper.cli.support.Subcommand;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code whisper cat}: one file of a snapshot on stdout, for a restore by hand. */
public final class CatCommand implements Callable<Integer>, Subcommand {
  // Where the bytes go: standard output, as bytes (picocli's writer is for text).
  static OutputStream output = System.out;

  private final RepositoryOption repository = new RepositoryOption();
  private String snapshotId;
  private String path;
  private final CommandSpec spec = declare();

  private CommandSpec declare() {
    CommandSpec spec = Specs.command("cat", this)
        .addPositional(positional(String.class, v -> snapshotId = v).index("0")
            .paramLabel("SNAPSHOT").description("A snapshot id (a unique prefix) or 'latest'.")
            .build())
        .addPositional(positional(String.class, v -> path = v).index("1").paramLabel("PATH")
            .description("The file: its path as restore names it (relative to the folder"
                + " backed up), or the absolute path it was backed up from.").build())
        .addOption(repository.spec());
    spec.usageMessage()
        .sortOptions(false)
        .autoWidth(true)
        .description("Write one file of a snapshot to stdout, after verifying every chunk;"
            + " nothing is written if a chunk is damaged.")
        .exitCodeListHeading("%nExit status:%n")
        .exitCodeList(Specs.exitCodeList("0:written",
            "1:no such file or snapshot, or its data is damaged", "2:usage error"))
        .footer("", "Examples:",
            "  whisper cat -r /backup/whisper latest carbon/agents/a/cpu.wsp > /tmp/cpu.wsp",
            "  whisper cat 3f0c1a2b /srv/whisper/carbon/agents/a/cpu.wsp > /tmp/cpu.wsp");
    return Specs.withStandardHelp(spec);
  }

  @Override
  public CommandSpec spec() {
    return spec;
  }

  @Override
  public Integer call() {
    try (Repository repo = Repository.open(repository.open(spec))) {
      Snapshot snapshot = repo.snapshot(snapshotId);
      SnapshotFiles.Entry entry = SnapshotFiles.find(repo, snapshot, path);
      if (entry == null) {
        spec.commandLine().getErr().println("whisper cat: " + path + ": not in snapshot "
            + snapshot.id().shortHex());
        spec.commandLine().getErr().flush();
        return 1;
      }
      byte[] bytes = FileContent.read(repo, entry.file());
      output.write(bytes);
      output.flush();
      return 0;
    } catch (IOException e) {
      return BackupCommands.fatal(spec.commandLine().getErr(), "cat", e);
    }
  }
}
