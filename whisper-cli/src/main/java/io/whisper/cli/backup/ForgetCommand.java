package io.whisper.cli.backup;

import static io.whisper.cli.support.Specs.flag;
import static io.whisper.cli.support.Specs.option;

import io.whisper.backup.KeepPolicy;
import io.whisper.backup.Prune;
import io.whisper.backup.Repository;
import io.whisper.backup.RepositoryLock;
import io.whisper.backup.Snapshot;
import io.whisper.backup.store.ObjectStore;
import io.whisper.cli.py.PyJson;
import io.whisper.cli.support.SharedOptions;
import io.whisper.cli.support.Specs;
import io.whisper.cli.support.Subcommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** {@code whisper forget}: removes snapshots a retention policy does not keep; then prunes. */
public final class ForgetCommand implements Callable<Integer>, Subcommand {
  private final RepositoryOption repository = new RepositoryOption();
  private int last;
  private int hourly;
  private int daily;
  private int weekly;
  private int monthly;
  private boolean prune;
  private boolean dryRun;
  private boolean json;
  private final CommandSpec spec = declare();

  private CommandSpec declare() {
    CommandSpec spec = Specs.command("forget", this)
        .addOption(repository.spec())
        .addOption(option(int.class, v -> last = v, "--keep-last").paramLabel("N")
            .description("Keep the N newest snapshots.").build())
        .addOption(option(int.class, v -> hourly = v, "--keep-hourly").paramLabel("N")
            .description("Keep the newest snapshot of each of the last N hours that have one.")
            .build())
        .addOption(option(int.class, v -> daily = v, "--keep-daily").paramLabel("N")
            .description("... of the last N days (UTC).").build())
        .addOption(option(int.class, v -> weekly = v, "--keep-weekly").paramLabel("N")
            .description("... of the last N ISO weeks.").build())
        .addOption(option(int.class, v -> monthly = v, "--keep-monthly").paramLabel("N")
            .description("... of the last N months.").build())
        .addOption(flag(v -> prune = v, "--prune")
            .description("Then delete the data no snapshot needs any more (packs mostly"
                + " unused are rewritten).").build())
        .addOption(SharedOptions.dryRun(v -> dryRun = v, "Say what would be forgotten and pruned"))
        .addOption(flag(v -> json = v, "--json")
            .description("Print the decisions and the prune's result as JSON.").build());
    spec.usageMessage()
        .sortOptions(false)
        .autoWidth(true)
        .description(
            "Forget the snapshots no --keep-* rule keeps, within each group of snapshots of the"
                + " same host and folders; a snapshot kept by any rule is kept. --prune then"
                + " removes the data only forgotten snapshots used. Both take the repository's"
                + " exclusive lock: no backup or restore runs meanwhile. With --prune alone,"
                + " only prunes.")
        .exitCodeListHeading("%nExit status:%n")
        .exitCodeList(Specs.exitCodeList("0:done", "1:failed (named on stderr)",
            "2:usage error"))
        .footer("", "Examples:",
            "  whisper forget -r /backup/whisper --keep-daily 7 --keep-weekly 4 --prune",
            "  whisper forget --keep-last 24 --keep-monthly 12 -n");
    return Specs.withStandardHelp(spec);
  }

  @Override
  public CommandSpec spec() {
    return spec;
  }

  @Override
  public Integer call() {
    KeepPolicy policy;
    try {
      policy = new KeepPolicy(last, hourly, daily, weekly, monthly, ZoneOffset.UTC);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    if (policy.keepsNothing() && !prune) {
      throw new ParameterException(spec.commandLine(),
          "give a --keep-* rule (or --prune alone to prune only)");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ObjectStore store = repository.open(spec);
    Map<String, Object> record = new LinkedHashMap<>();
    try (Repository repo = Repository.open(store);
        RepositoryLock _ = RepositoryLock.exclusive(store)) {
      if (!policy.keepsNothing()) {
        List<Object> decisions = new ArrayList<>();
        int forgotten = 0;
        for (KeepPolicy.Decision decision : policy.apply(repo.snapshots())) {
          Snapshot snapshot = decision.snapshot();
          if (!decision.keep()) {
            forgotten++;
            if (!dryRun) {
              repo.store().delete(Snapshot.name(snapshot.id()));
            }
          }
          Map<String, Object> entry = new LinkedHashMap<>();
          entry.put("id", snapshot.id().hex());
          entry.put("time", snapshot.time().toString());
          entry.put("keep", decision.keep());
          entry.put("reasons", new ArrayList<Object>(decision.reasons()));
          decisions.add(entry);
          if (!json) {
            out.println((decision.keep() ? "keep   " : dryRun ? "would forget " : "forget ")
                + snapshot.id().shortHex() + "  " + snapshot.time() + "  " + snapshot.host()
                + (decision.keep() ? "  (" + String.join(", ", decision.reasons()) + ")" : ""));
          }
        }
        record.put("snapshots", decisions);
        if (!json) {
          out.println((dryRun ? "would forget " : "forgot ") + forgotten + " snapshots");
        }
      }
      if (prune) {
        Prune.Result result = Prune.run(repo, dryRun);
        Map<String, Object> pruned = new LinkedHashMap<>();
        pruned.put("packs_deleted", result.packsDeleted());
        pruned.put("packs_repacked", result.packsRepacked());
        pruned.put("bytes_freed", result.bytesFreed());
        pruned.put("blobs_kept", result.blobsKept());
        record.put("prune", pruned);
        if (!json) {
          out.println(String.format(Locale.ROOT, "%s %d packs, %s %d, %s freed",
              dryRun ? "would delete" : "deleted", result.packsDeleted(),
              dryRun ? "would repack" : "repacked", result.packsRepacked(),
              Sizes.human(result.bytesFreed())));
        }
      }
    } catch (IOException e) {
      return BackupCommands.fatal(err, "forget", e);
    }
    if (json) {
      out.println(PyJson.dumps(record));
    }
    out.flush();
    return 0;
  }
}
