package io.whisper.cli.backup;

import static io.whisper.cli.support.Specs.flag;

import io.whisper.backup.Check;
import io.whisper.backup.Repository;
import io.whisper.backup.RepositoryLock;
import io.whisper.backup.store.ObjectStore;
import io.whisper.cli.py.PyJson;
import io.whisper.cli.support.Progress;
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

/** {@code whisper check}: verifies a repository and names the metrics any damage affects. */
public final class CheckCommand implements Callable<Integer>, Subcommand {
  private final RepositoryOption repository = new RepositoryOption();
  private boolean readData;
  private boolean json;
  private final CommandSpec spec = declare();

  private CommandSpec declare() {
    CommandSpec spec = Specs.command("check", this)
        .addOption(repository.spec())
        .addOption(flag(v -> readData = v, "--read-data")
            .description("Also read every pack and verify every blob's SHA-256.").build())
        .addOption(flag(v -> json = v, "--json")
            .description("Print the findings as one JSON object on stdout.").build());
    spec.usageMessage()
        .sortOptions(false)
        .autoWidth(true)
        .description(
            "Check the repository: every index readable, every pack it names present, every"
                + " snapshot's listings readable and every file's chunks indexed; with"
                + " --read-data every pack is read and verified. Damage is reported by the"
                + " files it affects, snapshot by snapshot: those a restore would refuse.")
        .exitCodeListHeading("%nExit status:%n")
        .exitCodeList(Specs.exitCodeList(
            "0:no damage found",
            "1:damage found (named on stdout), or the repository could not be read",
            "2:usage error"))
        .footer("", "Examples:", "  whisper check -r /backup/whisper",
            "  whisper check -r s3://metrics-backup/node1 --read-data --json");
    return Specs.withStandardHelp(spec);
  }

  @Override
  public CommandSpec spec() {
    return spec;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ObjectStore store = repository.open(spec);
    Check.Report report;
    try (Repository repo = Repository.open(store);
        RepositoryLock _ = RepositoryLock.shared(store)) {
      long packs = readData ? repo.index().packs().size() : -1;
      try (Progress progress = readData ? Progress.onTerminal("packs", packs)
          : Progress.disabled()) {
        report = Check.run(repo, readData, () -> progress.step(false));
      }
    } catch (IOException e) {
      return BackupCommands.fatal(err, "check", e);
    }
    if (json) {
      Map<String, Object> record = new LinkedHashMap<>();
      record.put("ok", report.ok());
      record.put("snapshots", report.snapshots());
      record.put("packs", report.packs());
      record.put("blobs", report.blobs());
      record.put("packs_read", report.packsRead());
      record.put("errors", new ArrayList<Object>(report.errors()));
      List<Object> affected = new ArrayList<>();
      for (Check.Affected a : report.affected()) {
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("snapshot", a.snapshot().id().hex());
        file.put("path", a.path());
        file.put("reason", a.reason());
        affected.add(file);
      }
      record.put("affected", affected);
      record.put("notes", new ArrayList<Object>(report.notes()));
      out.println(PyJson.dumps(record));
    } else {
      for (String error : report.errors()) {
        out.println("error: " + error);
      }
      for (Check.Affected a : report.affected()) {
        out.println("damaged: snapshot " + a.snapshot().id().shortHex() + ": " + a.path()
            + ": " + a.reason());
      }
      for (String note : report.notes()) {
        out.println("note: " + note);
      }
      out.println(String.format(Locale.ROOT,
          "%s: %d snapshots, %d packs (%d read), %d blobs; %d errors, %d damaged files",
          report.ok() ? "no damage found" : "DAMAGE FOUND", report.snapshots(), report.packs(),
          report.packsRead(), report.blobs(), report.errors().size(),
          report.affected().size()));
    }
    out.flush();
    return report.ok() ? 0 : 1;
  }
}
