package io.whisper.backup;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Builds the trees of one backed-up folder from its files in walk order (depth first, each
 * folder's entries together): a folder's tree is stored as soon as the walk has left it, so
 * memory holds only the folders on the current path. A folder that lists the same entries as
 * in the previous snapshot is that snapshot's tree, not encoded, hashed or looked up again: a
 * backup that finds nothing changed writes its snapshot object alone.
 */
public final class TreeBuilder {
  private final BlobWriter writer;
  private final TreeLookup previous;
  private final Deque<Level> stack = new ArrayDeque<>();

  private record Level(List<String> path, List<Node> nodes) {}

  /** Trees stored through {@code writer}; {@code previous}: the previous snapshot's. */
  public TreeBuilder(BlobWriter writer, TreeLookup previous) {
    this.writer = writer;
    this.previous = previous;
    stack.push(new Level(List.of(), new ArrayList<>()));
  }

  /** Adds a file in the folder {@code folder} (names from the root down; empty for the root). */
  public void add(List<String> folder, Node.File file) throws IOException {
    while (!isPrefix(stack.peek().path(), folder)) {
      close();
    }
    for (int depth = stack.peek().path().size(); depth < folder.size(); depth++) {
      stack.push(new Level(List.copyOf(folder.subList(0, depth + 1)), new ArrayList<>()));
    }
    stack.peek().nodes().add(file);
  }

  /** Stores the trees still open and returns the root's. */
  public BlobId finish() throws IOException {
    while (stack.size() > 1) {
      close();
    }
    return store(stack.pop());
  }

  private void close() throws IOException {
    Level done = stack.pop();
    stack.peek().nodes().add(new Node.Folder(done.path().getLast(), store(done)));
  }

  private BlobId store(Level level) throws IOException {
    Tree tree = new Tree(level.nodes());
    BlobId same = previous.sameTree(level.path(), tree);
    return same != null ? same : writer.add(tree);
  }

  private static boolean isPrefix(List<String> prefix, List<String> path) {
    return prefix.size() <= path.size() && path.subList(0, prefix.size()).equals(prefix);
  }
}
