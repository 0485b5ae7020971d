package io.whisper.backup;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Visits every file of a snapshot root, depth first, with the folder names leading to it. */
public final class TreeWalk {
  private TreeWalk() {}

  /** What a walk calls. */
  public interface Visitor {
    /** A file in the folder {@code folder} (names from the root down). */
    void file(List<String> folder, Node.File file) throws IOException;

    /** A tree that could not be read; the walk skips what is below it. */
    default void damagedTree(List<String> folder, BlobId tree, IOException e)
        throws IOException {
      throw e;
    }

    /** A tree read: check counts the trees it verified. */
    default void tree(BlobId tree) {}
  }

  /** Walks the tree {@code root}. */
  public static void walk(Repository repository, BlobId root, Visitor visitor)
      throws IOException {
    walk(repository, root, new ArrayList<>(), visitor);
  }

  private static void walk(Repository repository, BlobId id, List<String> folder,
      Visitor visitor) throws IOException {
    Tree tree;
    try {
      tree = repository.tree(id);
    } catch (IOException e) {
      visitor.damagedTree(List.copyOf(folder), id, e);
      return;
    }
    visitor.tree(id);
    List<String> here = List.copyOf(folder);
    for (Node node : tree.nodes()) {
      switch (node) {
        case Node.File file -> visitor.file(here, file);
        case Node.Folder sub -> {
          folder.add(sub.name());
          walk(repository, sub.tree(), folder, visitor);
          folder.removeLast();
        }
      }
    }
  }
}
