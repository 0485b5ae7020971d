package io.whisper.cli.backup;

import static io.whisper.cli.support.Specs.flag;
import static io.whisper.cli.support.Specs.option;
import static io.whisper.cli.support.Specs.positional;
import static io.whisper.cli.support.Specs.positionals;

import io.whisper.backup.FileRestorer;
import io.whisper.backup.Repository;
import io.whisper.backup.RepositoryLock;
import io.whisper.backup.Snapshot;
import io.whisper.backup.store.ObjectStore;
import io.whisper.cli.py.PyJson;
import io.whisper.cli.support.Jobs;
import io.whisper.cli.support.OrderedParallel;
import io.whisper.cli.support.Progress;
import io.whisper.cli.support.SharedOptions;
import io.whisper.cli.support.Specs;
import io.whisper.cli.support.Subcommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** {@code whisper restore}: files of a snapshot into a folder, never losing a live point. */
public final class RestoreCommand implements Callable<Integer>, Subcommand {
  private final RepositoryOption repository = new RepositoryOption();
  private String snapshotId;
  private List<String> patterns = new ArrayList<>();
  private Path target;
  private boolean overwrite;
  private boolean dryRun;
  private boolean json;
  private int jobs;
  private final CommandSpec spec = declare();

  private CommandSpec declare() {
    CommandSpec spec = Specs.command("restore", this)
        .addPositional(positional(String.class, v -> snapshotId = v).index("0")
            .paramLabel("SNAPSHOT").description("A snapshot id (a unique prefix) or 'latest'.")
            .build())
        .addPositional(positionals(String.class, v -> patterns = v).index("1..*")
            .required(false).paramLabel("PATTERN")
            .description("Restore only these: globs such as 'carbon/agents/*.wsp', or folders,"
                + " relative to the folder backed up (default: every file).").build())
        .addOption(repository.spec())
        .addOption(option(Path.class, v -> target = v, "--to").paramLabel("DIR").required(true)
            .description("Where to restore: the files go to DIR/PATH.").build())
        .addOption(flag(v -> overwrite = v, "--overwrite")
            .description("Replace live files with the backup instead of filling their gaps;"
                + " each old file is kept beside it as NAME.before-restore-EPOCH.").build())
        .addOption(SharedOptions.dryRun(v -> dryRun = v, "Say what would be done"))
        .addOption(Jobs.option(v -> jobs = v, Jobs.cores(), "Files restored",
            "the number of cores"))
        .addOption(SharedOptions.json(v -> json = v, "file (the summary goes to stderr)"));
    spec.usageMessage()
        .sortOptions(false)
        .autoWidth(true)
        .description(
            "Restore files of a snapshot. Each file's chunks are verified against their"
                + " SHA-256 before anything is touched. A file that does not exist is created"
                + " through a temporary file and a link; an existing file has its gaps filled"
                + " from the backup under its flock(2), its own points win (as whisper fill);"
                + " --overwrite is the only way to replace one. A file whose data is damaged"
                + " in the repository is refused, named; the others are restored.")
        .exitCodeListHeading("%nExit status:%n")
        .exitCodeList(Specs.exitCodeList(
            "0:every file selected was restored",
            "1:some files failed, each named on stderr (the others were restored), or the"
                + " repository could not be read",
            "2:usage error"))
        .footer(
            "",
            "Examples:",
            "  whisper restore -r /backup/whisper latest --to /srv/whisper",
            "  whisper restore -r /backup/whisper 3f0c1a2b 'carbon/agents/*' --to /tmp/r",
            "  whisper restore latest --to /srv/whisper --overwrite -n");
    return Specs.withStandardHelp(spec);
  }

  @Override
  public CommandSpec spec() {
    return spec;
  }

  @Override
  public Integer call() {
    long started = System.nanoTime();
    if (Files.exists(target) && !Files.isDirectory(target)) {
      throw new ParameterException(spec.commandLine(), "--to " + target + " is not a folder");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    long now = System.currentTimeMillis() / 1000;
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String kind : List.of("created", "filled", "replaced", "failed")) {
      counts.put(kind, 0L);
    }
    ObjectStore store = repository.open(spec);
    try (Repository repo = Repository.open(store);
        RepositoryLock _ = RepositoryLock.shared(store)) {
      Snapshot snapshot = repo.snapshot(snapshotId);
      List<SnapshotFiles.Entry> entries = SnapshotFiles.select(repo, snapshot, patterns);
      if (entries.isEmpty() && !patterns.isEmpty()) {
        err.println("whisper restore: nothing in snapshot " + snapshot.id().shortHex()
            + " matches " + String.join(" ", patterns));
        return 1;
      }
      if (dryRun) {
        for (SnapshotFiles.Entry entry : entries) {
          Path path = target.resolve(entry.path());
          out.println((!Files.exists(path) ? "would create " : overwrite ? "would replace "
              : "would fill ") + path);
        }
        out.println("dry run, nothing written: " + entries.size() + " files");
        out.flush();
        return 0;
      }
      FileRestorer restorer = new FileRestorer(repo, overwrite, now);
      try (Progress progress = Progress.onTerminal("files", entries.size())) {
        OrderedParallel.run(entries.iterator(), jobs,
            entry -> restorer.restore(entry.file(), target.resolve(entry.path())),
            outcome -> {
              progress.step(outcome instanceof FileRestorer.Failed);
              report(outcome, out, err, counts);
            });
      }
      restorer.finish();
    } catch (IOException e) {
      return BackupCommands.fatal(err, "restore", e);
    }
    String summary = String.format(Locale.ROOT,
        "%d created, %d filled, %d replaced, %d failed in %.2f s", counts.get("created"),
        counts.get("filled"), counts.get("replaced"), counts.get("failed"),
        (System.nanoTime() - started) / 1e9);
    (json ? err : out).println(summary);
    out.flush();
    err.flush();
    return counts.get("failed") > 0 ? 1 : 0;
  }

  private void report(FileRestorer.Outcome outcome, PrintWriter out, PrintWriter err,
      Map<String, Long> counts) {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("path", outcome.path().toString());
    String status = switch (outcome) {
      case FileRestorer.Created c -> "created";
      case FileRestorer.Filled f -> {
        record.put("slots", f.slots());
        yield "filled";
      }
      case FileRestorer.Replaced r -> {
        record.put("kept", r.kept().toString());
        if (!json) {
          out.println("replaced " + r.path() + " (the old file is " + r.kept() + ")");
        }
        yield "replaced";
      }
      case FileRestorer.Failed f -> {
        record.put("error", f.reason());
        err.println("whisper restore: " + f.reason());
        yield "failed";
      }
    };
    counts.merge(status, 1L, Long::sum);
    if (json) {
      record.put("status", status);
      out.println(PyJson.dumps(record));
    }
  }
}
