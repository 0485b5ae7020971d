package io.whisper.cli.serve;

import io.whisper.core.os.DirectoryListing;
import io.whisper.core.os.HeldFolder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * The {@code .wsp} files under a root, depth first, each folder's entries in unsigned byte
 * order of their names, so every node lists in the same total order and the controller can
 * merge the nodes' streams (see {@link WalkOrder}), or, when the order does not matter, as
 * each folder lists them (no sort). Folders are opened by descriptor from
 * their parent, never through a link; symbolic links are reported, not followed or listed.
 * Patterns prune the walk: a folder is entered only if some pattern can match below it.
 */
final class TreeWalk {
  /** What the walk found: a file, its path below the root and its folder, open. */
  interface Visitor {
    void file(HeldFolder folder, byte[] name, byte[] path) throws IOException;

    void problem(String message) throws IOException;
  }

  /** A folder being walked, and the patterns that matched every folder on the way to it. */
  private record Level(HeldFolder folder, byte[] prefix, int depth, List<MetricGlob> alive,
      Iterator<HeldFolder.Entry> entries) {}

  private TreeWalk() {}

  /** Walks {@code root} in {@link WalkOrder} if {@code ordered}, else in the folders' order. */
  static void walk(Path root, List<MetricGlob> patterns, boolean ordered, Visitor visitor)
      throws IOException {
    Deque<Level> stack = new ArrayDeque<>();
    try {
      HeldFolder top = HeldFolder.open(root);
      stack.push(new Level(top, new byte[0], 0, patterns, entries(top, ordered)));
      while (!stack.isEmpty()) {
        step(stack, ordered, visitor);
      }
    } finally {
      while (!stack.isEmpty()) {
        stack.pop().folder().close();
      }
    }
  }

  // The next entry of the folder on top of the stack, or the end of that folder. A method of
  // its own, called per entry, so the JIT compiles it after a few hundred entries: the body of
  // a long loop is compiled only after tens of thousands of turns, interpreted until then.
  private static void step(Deque<Level> stack, boolean ordered, Visitor visitor)
      throws IOException {
    Level level = stack.peek();
    if (!level.entries().hasNext()) {
      stack.pop().folder().close();
      return;
    }
    HeldFolder.Entry entry = level.entries().next();
    byte[] name = entry.name();
    switch (entry.type()) {
      case DIRECTORY -> {
        List<MetricGlob> alive = entering(level, name);
        if (alive != null) {
          enter(stack, level, name, alive, ordered, visitor);
        }
      }
      case FILE -> {
        if (isMetric(name) && matches(level, name)) {
          visitor.file(level.folder(), name, join(level.prefix(), name));
        }
      }
      case SYMLINK -> {
        if (isMetric(name) && matches(level, name) || entering(level, name) != null) {
          visitor.problem(show(join(level.prefix(), name)) + ": symbolic link, not followed");
        }
      }
      case OTHER -> { } // a socket, a device, or gone since the listing
    }
  }

  private static void enter(Deque<Level> stack, Level level, byte[] name,
      List<MetricGlob> alive, boolean ordered, Visitor visitor) throws IOException {
    byte[] path = join(level.prefix(), name);
    HeldFolder child;
    Iterator<HeldFolder.Entry> entries;
    try {
      child = level.folder().folder(name);
    } catch (IOException e) {
      visitor.problem(show(path) + ": " + e.getMessage());
      return;
    }
    try {
      entries = entries(child, ordered);
    } catch (IOException e) {
      child.close();
      visitor.problem(show(path) + ": " + e.getMessage());
      return;
    }
    byte[] prefix = Arrays.copyOf(path, path.length + 1);
    prefix[path.length] = '/';
    stack.push(new Level(child, prefix, level.depth() + 1, alive, entries));
  }

  private static Iterator<HeldFolder.Entry> entries(HeldFolder folder, boolean ordered)
      throws IOException {
    List<HeldFolder.Entry> entries = folder.list();
    if (ordered) {
      entries.sort((a, b) -> Arrays.compareUnsigned(a.name(), b.name()));
    }
    return entries.iterator();
  }

  // The patterns that may match below the folder {@code name}, or null if none may; with no
  // patterns at all, everything is wanted (an empty list).
  private static List<MetricGlob> entering(Level level, byte[] name) {
    if (level.alive().isEmpty()) {
      return level.alive();
    }
    List<MetricGlob> alive = new ArrayList<>();
    for (MetricGlob pattern : level.alive()) {
      if (pattern.mayEnter(level.depth(), name)) {
        alive.add(pattern);
      }
    }
    return alive.isEmpty() ? null : alive;
  }

  private static boolean matches(Level level, byte[] name) {
    if (level.alive().isEmpty()) {
      return true;
    }
    for (MetricGlob pattern : level.alive()) {
      if (pattern.matchesLast(level.depth(), name, name.length - 4)) {
        return true;
      }
    }
    return false;
  }

  /** Returns true for {@code NAME.wsp} with a non-empty NAME. */
  static boolean isMetric(byte[] name) {
    int n = name.length;
    return n > 4 && name[n - 4] == '.' && name[n - 3] == 'w' && name[n - 2] == 's'
        && name[n - 1] == 'p';
  }

  private static byte[] join(byte[] prefix, byte[] name) {
    byte[] path = Arrays.copyOf(prefix, prefix.length + name.length);
    System.arraycopy(name, 0, path, prefix.length, name.length);
    return path;
  }

  private static String show(byte[] path) {
    return RelativeName.show(path);
  }
}
