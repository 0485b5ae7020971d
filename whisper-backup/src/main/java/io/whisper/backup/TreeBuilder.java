package io.whisper.backup;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Builds the trees of one backed-up folder from its files in walk order (depth first, each
 * folder's entries together): a folder's tree is stored as soon as the walk has left it, so
 * memory holds only the folders on the current path.
 */
public final class TreeBuilder {
  private final BlobWriter writer;
  private final Deque<Level> stack = new ArrayDeque<>();

  private record Level(List<String> path, List<Node> nodes) {}

  public TreeBuilder(BlobWriter writer) {
    this.writer = writer;
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
    return writer.add(new Tree(stack.pop().nodes()));
  }

  private void close() throws IOException {
    Level done = stack.pop();
    BlobId id = writer.add(new Tree(done.nodes()));
    stack.peek().nodes().add(new Node.Folder(done.path().getLast(), id));
  }

  private static boolean isPrefix(List<String> prefix, List<String> path) {
    return prefix.size() <= path.size() && path.subList(0, prefix.size()).equals(prefix);
  }
}
