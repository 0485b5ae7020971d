package io.whisper.cli.fsck;

import io.whisper.cli.support.LookAhead;
import io.whisper.cli.support.WspTree;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

/**
 * The files a scan checks, in batches: every {@code *.wsp} under each PATH argument, one after
 * another, leaving out those under the quarantine. A path that cannot be walked is reported
 * and counted as an operational error, and the scan goes on.
 */
final class ScanTargets {
  // Files go to the workers in batches: one hand-off per file cost more than its check.
  private static final int BATCH = 64;

  /**
   * One file to check: the PATH argument it was found under, and the folder and name it is
   * opened by there (folder null: by its path alone).
   */
  record Target(Path root, Path folder, String name, Path file) {}

  private final List<Path> paths;
  private final Path quarantine;
  private final FsckReport report;
  private final FsckTally tally;

  /** Targets under {@code paths}, none under {@code quarantine} (null: none). */
  ScanTargets(List<Path> paths, Path quarantine, FsckReport report, FsckTally tally) {
    this.paths = paths;
    this.quarantine = quarantine;
    this.report = report;
    this.tally = tally;
  }

  /** Returns the targets, at most {@value #BATCH} a batch; a folder's files are consecutive. */
  Iterator<List<Target>> batches() {
    Iterator<Target> targets = targets();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return targets.hasNext();
      }

      @Override
      public List<Target> next() {
        List<Target> batch = new ArrayList<>(BATCH);
        while (batch.size() < BATCH && targets.hasNext()) {
          batch.add(targets.next());
        }
        if (batch.isEmpty()) {
          throw new NoSuchElementException();
        }
        return batch;
      }
    };
  }

  // Streams every file to check, one PATH after another; nothing is listed ahead. (Not
  // Stream.flatMap: its iterator() buffers each inner stream whole, a whole tree at a time.)
  private Iterator<Target> targets() {
    Path quarantined = quarantine == null ? null : quarantine.toAbsolutePath().normalize();
    Iterator<Path> arguments = paths.iterator();
    return new LookAhead<>() {
      private Iterator<Target> current = Collections.emptyIterator();

      @Override
      protected Target find() {
        while (true) {
          if (current.hasNext()) {
            Target candidate = current.next();
            if (quarantined == null
                || !candidate.file().toAbsolutePath().normalize().startsWith(quarantined)) {
              return candidate;
            }
          } else if (arguments.hasNext()) {
            current = targetsOf(arguments.next()).iterator();
          } else {
            return null;
          }
        }
      }
    };
  }

  private Stream<Target> targetsOf(Path path) {
    if (Files.isDirectory(path)) {
      return WspTree.walkFiles(path, e -> {
        report.pathError(e instanceof FileSystemException fse
            && fse.getFile() != null ? fse.getFile() : path.toString(), reason(e));
        tally.operationalError();
      }).map(file -> new Target(path, file.folder(), file.name(), file.path()));
    }
    if (Files.isRegularFile(path)) {
      return Stream.of(new Target(path, null, null, path));
    }
    report.pathError(path.toString(), Files.exists(path, LinkOption.NOFOLLOW_LINKS)
        ? (Files.exists(path) ? "not a file or folder" : "broken symbolic link")
        : "no such file or directory");
    tally.operationalError();
    return Stream.empty();
  }

  private static String reason(IOException e) {
    return switch (e) {
      case AccessDeniedException a -> "permission denied";
      case NoSuchFileException n -> "no such file or directory";
      case FileSystemException f when f.getReason() != null -> f.getReason();
      default -> String.valueOf(e.getMessage());
    };
  }
}
