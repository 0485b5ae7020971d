package io.whisper.cli.backup;

import io.whisper.backup.Node;
import io.whisper.backup.Repository;
import io.whisper.backup.Snapshot;
import io.whisper.backup.TreeWalk;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * The files of a snapshot by the path restore and cat use: relative to the folder backed up,
 * or, when a snapshot holds several folders, below each folder's own name.
 */
final class SnapshotFiles {
  /** One file: where it goes below the restore target, and its node. */
  record Entry(String path, Node.File file) {}

  private SnapshotFiles() {}

  /**
   * Returns the files that match any of {@code patterns} (globs like {@code carbon/*.wsp}, or
   * a folder, which matches everything below it); all of them if there are none.
   */
  static List<Entry> select(Repository repository, Snapshot snapshot, List<String> patterns)
      throws IOException {
    List<PathMatcher> matchers = new ArrayList<>();
    for (String pattern : patterns) {
      matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + trim(pattern)));
    }
    List<Entry> entries = new ArrayList<>();
    for (Snapshot.Root root : snapshot.roots()) {
      String base = snapshot.roots().size() > 1 ? Path.of(root.path()).getFileName() + "/" : "";
      TreeWalk.walk(repository, root.tree(), (folder, file) -> {
        String path = base + join(folder, file.name());
        if (matches(path, patterns, matchers)) {
          entries.add(new Entry(path, file));
        }
      });
    }
    return entries;
  }

  /** Finds one file by its restore path, or by the absolute path it was backed up from. */
  static Entry find(Repository repository, Snapshot snapshot, String path) throws IOException {
    for (Snapshot.Root root : snapshot.roots()) {
      if (path.startsWith(root.path() + "/")) {
        List<Entry> found = select(repository, snapshot, List.of());
        String relative = path.substring(root.path().length() + 1);
        String base = snapshot.roots().size() > 1 ? Path.of(root.path()).getFileName() + "/"
            : "";
        for (Entry entry : found) {
          if (entry.path().equals(base + relative)) {
            return entry;
          }
        }
      }
    }
    for (Entry entry : select(repository, snapshot, List.of())) {
      if (entry.path().equals(trim(path))) {
        return entry;
      }
    }
    return null;
  }

  private static boolean matches(String path, List<String> patterns,
      List<PathMatcher> matchers) {
    if (patterns.isEmpty()) {
      return true;
    }
    Path asPath = Path.of(path);
    for (int i = 0; i < patterns.size(); i++) {
      String folder = trim(patterns.get(i));
      if (matchers.get(i).matches(asPath) || path.startsWith(folder + "/")) {
        return true;
      }
    }
    return false;
  }

  private static String trim(String pattern) {
    String trimmed = pattern;
    while (trimmed.startsWith("./")) {
      trimmed = trimmed.substring(2);
    }
    while (trimmed.endsWith("/") && trimmed.length() > 1) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return trimmed;
  }

  private static String join(List<String> folder, String name) {
    return folder.isEmpty() ? name : String.join("/", folder) + "/" + name;
  }
}
