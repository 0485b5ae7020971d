package io.whisper.backup;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds files in one snapshot root by folder and name, keeping the folders it read last: a
 * backup asks for each file's previous node in walk order, so one folder is read once.
 */
public final class TreeLookup {
  private static final int CACHED = 64;

  private final Repository repository;
  private final BlobId root;
  private final Map<List<String>, Tree> cache = new LinkedHashMap<>(16, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<List<String>, Tree> eldest) {
      return size() > CACHED;
    }
  };

  /** Looks up in the tree {@code root}, or finds nothing if it is null. */
  public TreeLookup(Repository repository, BlobId root) {
    this.repository = repository;
    this.root = root;
  }

  /** Returns the file's node, or null if the snapshot does not hold it (or cannot be read). */
  public synchronized Node.File file(List<String> folder, String name) {
    if (root == null) {
      return null;
    }
    try {
      Tree tree = folder(folder);
      return tree != null && tree.find(name) instanceof Node.File file ? file : null;
    } catch (IOException e) {
      return null; // the file is then read again: slower, never wrong
    }
  }

  /**
   * Returns the id of the folder's tree in the snapshot if it lists exactly {@code tree}'s
   * entries (then {@code tree} is that blob, stored already), else null.
   */
  public synchronized BlobId sameTree(List<String> folder, Tree tree) {
    if (root == null) {
      return null;
    }
    try {
      Tree before = folder(folder);
      if (before == null || !before.nodes().equals(tree.nodes())) {
        return null;
      }
      if (folder.isEmpty()) {
        return root;
      }
      Tree parent = folder(folder.subList(0, folder.size() - 1));
      return parent != null && parent.find(folder.getLast()) instanceof Node.Folder sub
          ? sub.tree() : null;
    } catch (IOException e) {
      return null; // the tree is then stored again: slower, never wrong
    }
  }

  private Tree folder(List<String> path) throws IOException {
    Tree cached = cache.get(path);
    if (cached != null) {
      return cached;
    }
    Tree tree;
    if (path.isEmpty()) {
      tree = repository.listing(root);
    } else {
      Tree parent = folder(path.subList(0, path.size() - 1));
      if (parent == null || !(parent.find(path.getLast()) instanceof Node.Folder sub)) {
        return null;
      }
      tree = repository.listing(sub.tree());
    }
    cache.put(List.copyOf(path), tree);
    return tree;
  }
}
