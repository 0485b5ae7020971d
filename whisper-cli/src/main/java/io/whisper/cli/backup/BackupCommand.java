package io.whisper.cli.backup;

import static io.whisper.cli.support.Specs.flag;
import static io.whisper.cli.support.Specs.option;
import static io.whisper.cli.support.Specs.positionals;

import io.whisper.backup.BlobType;
import io.whisper.backup.BlobWriter;
import io.whisper.backup.FileChunker;
import io.whisper.backup.Repository;
import io.whisper.backup.RepositoryLock;
import io.whisper.backup.Snapshot;
import io.whisper.backup.TreeBuilder;
import io.whisper.backup.TreeLookup;
import io.whisper.backup.store.ObjectStore;
import io.whisper.cli.py.PyJson;
import io.whisper.cli.support.ExitCodes;
import io.whisper.cli.support.Jobs;
import io.whisper.cli.support.OrderedParallel;
import io.whisper.cli.support.Progress;
import io.whisper.cli.support.Specs;
import io.whisper.cli.support.Subcommand;
import io.whisper.cli.support.WspTree;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** {@code whisper backup}: a snapshot of whisper trees into a repository. */
public final class BackupCommand implements Callable<Integer>, Subcommand {
  private final RepositoryOption repository = new RepositoryOption();
  private List<Path> folders = new ArrayList<>();
  private int jobs;
  private boolean json;
  private String host;
  private final CommandSpec spec = declare();

  private CommandSpec declare() {
    CommandSpec spec = Specs.command("backup", this)
        .addPositional(positionals(Path.class, v -> folders = v).paramLabel("DIR")
            .description("The folders to back up (their .wsp files).").build())
        .addOption(repository.spec())
        .addOption(Jobs.option(v -> jobs = v, Jobs.cores(), "Files read and compressed",
            "the number of cores"))
        .addOption(option(String.class, v -> host = v, "--host").paramLabel("NAME")
            .description("The host name recorded in the snapshot (default: this host's).")
            .build())
        .addOption(flag(v -> json = v, "--json")
            .description("Print the summary as one JSON object on stdout.").build());
    spec.usageMessage()
        .sortOptions(false)
        .autoWidth(true)
        .description(
            "Back up the .wsp files under each DIR as one snapshot. A file whose size, mtime"
                + " and inode equal the last snapshot's (same host and folders) is not read;"
                + " any other is read under a shared flock(2) (carbon's locked writes wait),"
                + " cut into fixed chunks, and only the chunks the repository lacks are"
                + " compressed and stored. A local REPO is created on first use.")
        .exitCodeListHeading("%nExit status:%n")
        .exitCodeList(Specs.exitCodeList(
            "0:the snapshot holds every file",
            "1:no snapshot was written (repository unreachable or locked, disk full, ...)",
            "2:usage error",
            "3:the snapshot was written, but some files could not be read (named on stderr)"))
        .footer(
            "",
            "Examples:",
            "  whisper backup -r /backup/whisper /srv/whisper",
            "  AWS_ACCESS_KEY_ID=... AWS_SECRET_ACCESS_KEY=... \\",
            "    whisper backup -r s3://metrics-backup/node1 --json /srv/whisper");
    return Specs.withStandardHelp(spec);
  }

  @Override
  public CommandSpec spec() {
    return spec;
  }

  /** The counts of one backup. */
  private static final class Tally {
    long files;
    long bytes;
    long read;
    long unchanged;
    long failed;
    long newChunks;
    long storedBytes;
  }

  @Override
  public Integer call() {
    long started = System.nanoTime();
    if (folders.isEmpty()) {
      throw usage("give at least one DIR to back up");
    }
    List<Path> roots = new ArrayList<>();
    for (Path folder : folders) {
      if (!Files.isDirectory(folder)) {
        throw usage(folder + ": no such folder");
      }
      roots.add(folder.toAbsolutePath().normalize());
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String hostName = host != null ? host : RepositoryLock.hostName();
    ObjectStore store = repository.open(spec);
    Tally tally = new Tally();
    Snapshot snapshot;
    try (Repository repo = Repository.openOrInit(store);
        RepositoryLock _ = RepositoryLock.shared(store);
        BlobWriter writer = new BlobWriter(repo, Math.max(2, Math.min(jobs, 8)));
        Progress progress = Progress.onTerminal("files", -1)) {
      Snapshot parent = parent(repo, hostName, roots);
      FileChunker chunker = new FileChunker(repo.config().chunkSize(), writer::has);
      List<Snapshot.Root> done = new ArrayList<>();
      for (int i = 0; i < roots.size(); i++) {
        Path root = roots.get(i);
        TreeLookup previous = new TreeLookup(repo, parent == null ? null
            : parent.roots().get(i).tree());
        TreeBuilder trees = new TreeBuilder(writer, previous);
        try (Stream<WspTree.File> files = WspTree.walkFiles(root, e -> {
          tally.failed++;
          err.println("whisper backup: " + e.getMessage() + ": cannot list");
        })) {
          OrderedParallel.run(files.iterator(), jobs,
              file -> chunker.read(file.path(), file.name(),
                  previous.file(folder(root, file.folder()), file.name())),
              outcome -> {
                progress.step(outcome instanceof FileChunker.Failed);
                add(outcome, root, writer, trees, tally, err);
              });
        } catch (UncheckedIOException e) {
          throw e.getCause();
        }
        done.add(new Snapshot.Root(root.toString(), trees.finish()));
      }
      writer.finish();
      snapshot = repo.save(new Snapshot(null, Instant.now(), hostName, done, tally.files,
          tally.bytes));
    } catch (IOException | UncheckedIOException e) {
      return BackupCommands.fatal(err, "backup", e);
    }
    report(out, err, snapshot, tally, (System.nanoTime() - started) / 1e9);
    return tally.failed > 0 ? ExitCodes.INCOMPLETE : ExitCodes.OK;
  }

  // The sink, on the calling thread: stores new chunks, then lists the file in its folder.
  private static void add(FileChunker.Outcome outcome, Path root, BlobWriter writer,
      TreeBuilder trees, Tally tally, PrintWriter err) {
    try {
      switch (outcome) {
        case FileChunker.Read read -> {
          for (FileChunker.NewBlob blob : read.blobs()) {
            if (writer.add(BlobType.DATA, blob.id(), blob.stored())) {
              tally.newChunks++;
              tally.storedBytes += blob.stored().length;
            }
          }
          trees.add(folder(root, read.path().getParent()), read.node());
          tally.read++;
          tally.files++;
          tally.bytes += read.node().size();
        }
        case FileChunker.Unchanged same -> {
          trees.add(folder(root, same.path().getParent()), same.node());
          tally.unchanged++;
          tally.files++;
          tally.bytes += same.node().size();
        }
        case FileChunker.Failed failed -> {
          tally.failed++;
          err.println("whisper backup: " + failed.reason());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // The folder's names below the root.
  private static List<String> folder(Path root, Path folder) {
    List<String> names = new ArrayList<>();
    for (Path name : root.relativize(folder)) {
      if (!name.toString().isEmpty()) {
        names.add(name.toString());
      }
    }
    return names;
  }

  // The newest snapshot of the same host and folders: its unchanged files are not read again.
  private static Snapshot parent(Repository repo, String host, List<Path> roots)
      throws IOException {
    List<String> paths = roots.stream().map(Path::toString).toList();
    Snapshot parent = null;
    for (Snapshot snapshot : repo.snapshots()) {
      if (snapshot.host().equals(host) && snapshot.paths().equals(paths)) {
        parent = snapshot;
      }
    }
    return parent;
  }

  private void report(PrintWriter out, PrintWriter err, Snapshot snapshot, Tally tally,
      double seconds) {
    if (json) {
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("snapshot", snapshot.id().hex());
      summary.put("files", tally.files);
      summary.put("bytes", tally.bytes);
      summary.put("files_read", tally.read);
      summary.put("files_unchanged", tally.unchanged);
      summary.put("files_failed", tally.failed);
      summary.put("chunks_added", tally.newChunks);
      summary.put("bytes_added", tally.storedBytes);
      summary.put("seconds", seconds);
      out.println(PyJson.dumps(summary));
    } else {
      out.println(String.format(Locale.ROOT,
          "snapshot %s: %d files (%d read, %d unchanged, %d failed), %s; added %d chunks,"
              + " %s stored, in %.2f s",
          snapshot.id().shortHex(), tally.files, tally.read, tally.unchanged, tally.failed,
          Sizes.human(tally.bytes), tally.newChunks, Sizes.human(tally.storedBytes), seconds));
    }
    out.flush();
    err.flush();
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
