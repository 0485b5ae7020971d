package io.whisper.cli.backup;

import static io.whisper.cli.support.Specs.flag;

import io.whisper.backup.Repository;
import io.whisper.backup.Snapshot;
import io.whisper.cli.py.PyJson;
import io.whisper.cli.support.Specs;
import io.whisper.cli.support.Subcommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code whisper snapshots}: lists a repository's snapshots, oldest first. */
public final class SnapshotsCommand implements Callable<Integer>, Subcommand {
  private final RepositoryOption repository = new RepositoryOption();
  private boolean json;
  private final CommandSpec spec = declare();

  private CommandSpec declare() {
    CommandSpec spec = Specs.command("snapshots", this)
        .addOption(repository.spec())
        .addOption(flag(v -> json = v, "--json")
            .description("Print a JSON list of snapshots on stdout.").build());
    spec.usageMessage()
        .sortOptions(false)
        .autoWidth(true)
        .description("List the snapshots in the repository, oldest first: id, time (UTC),"
            + " host, files, size and folders.")
        .exitCodeListHeading("%nExit status:%n")
        .exitCodeList(Specs.exitCodeList(
            "0:listed", "1:the repository could not be read", "2:usage error"))
        .footer("", "Examples:", "  whisper snapshots -r /backup/whisper",
            "  WHISPER_REPOSITORY=s3://metrics-backup/node1 whisper snapshots --json");
    return Specs.withStandardHelp(spec);
  }

  @Override
  public CommandSpec spec() {
    return spec;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<Snapshot> snapshots;
    try (Repository repo = Repository.open(repository.open(spec))) {
      snapshots = repo.snapshots();
    } catch (IOException e) {
      return BackupCommands.fatal(spec.commandLine().getErr(), "snapshots", e);
    }
    if (json) {
      List<Object> list = new ArrayList<>();
      for (Snapshot snapshot : snapshots) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", snapshot.id().hex());
        record.put("time", snapshot.time().toString());
        record.put("host", snapshot.host());
        record.put("paths", new ArrayList<Object>(snapshot.paths()));
        record.put("files", snapshot.files());
        record.put("bytes", snapshot.bytes());
        list.add(record);
      }
      out.println(PyJson.dumps(list));
    } else {
      for (Snapshot snapshot : snapshots) {
        out.println(String.format(Locale.ROOT, "%s  %s  %s  %d files  %s  %s",
            snapshot.id().shortHex(), snapshot.time().toString().replaceFirst("\\.\\d+Z$", "Z"),
            snapshot.host(), snapshot.files(), Sizes.human(snapshot.bytes()),
            String.join(" ", snapshot.paths())));
      }
    }
    out.flush();
    return 0;
  }
}
