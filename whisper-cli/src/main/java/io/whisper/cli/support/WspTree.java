package io.whisper.cli.support;

import io.whisper.core.DirectoryListing;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Streams the {@code .wsp} files under a folder in sorted order, one folder listing in memory
 * at a time, so a tree of millions of files costs no more memory than its largest folder.
 *
 * <p>Symbolically linked folders are not followed (a link loop or a link to another replica
 * must not be walked); symbolically linked files are listed. A folder that cannot be read, and
 * a {@code .wsp} that is not a file, is reported to the error handler and skipped, and the walk
 * goes on.
 */
public final class WspTree {
  private WspTree() {}

  /**
   * A file found by the walk.
   *
   * @param folder the folder it is in, one object shared by all the files of a folder
   * @param name its name in the folder
   * @param path the folder's path resolved with the name
   */
  public record File(Path folder, String name, Path path) {}

  /** Returns true if {@code path} names a whisper file by its extension. */
  public static boolean isWsp(Path path) {
    Path name = path.getFileName();
    return name != null && isWsp(name.toString());
  }

  private static boolean isWsp(String name) {
    return name.endsWith(".wsp");
  }

  /**
   * Returns the {@code .wsp} files under {@code root}, sorted by name within each folder,
   * folders depth-first in the same order.
   *
   * @param onError receives each folder that could not be listed, with the reason, and each
   *     {@code .wsp} that is not a file (a FIFO, a socket, a device), "not a regular file"
   */
  public static Stream<Path> walk(Path root, Consumer<IOException> onError) {
    return walkFiles(root, onError).map(File::path);
  }

  /** {@link #walk}, each file with its folder and name, for callers that open it by name. */
  public static Stream<File> walkFiles(Path root, Consumer<IOException> onError) {
    Iterator<File> files = new WalkIterator(root, onError);
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(files, Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }

  private record Listing(Path folder, Iterator<DirectoryListing.Entry> entries) {}

  private static final class WalkIterator extends LookAhead<File> {
    private final Deque<Listing> stack = new ArrayDeque<>();
    private final Consumer<IOException> onError;

    WalkIterator(Path root, Consumer<IOException> onError) {
      this.onError = onError;
      push(root);
    }

    @Override
    protected File find() {
      while (!stack.isEmpty()) {
        Listing top = stack.peek();
        if (!top.entries().hasNext()) {
          stack.pop();
          continue;
        }
        DirectoryListing.Entry entry = top.entries().next();
        switch (entry.type()) {
          case DIRECTORY -> push(entry.path());
          case FILE, SYMLINK -> {
            if (isWsp(entry.name())) {
              return new File(top.folder(), entry.name(), entry.path());
            }
          }
          case OTHER -> { // a FIFO, a socket, a device: named if it poses as a whisper file
            if (isWsp(entry.name())) {
              onError.accept(new FileSystemException(
                  entry.path().toString(), null, "not a regular file"));
            }
          }
          case GONE -> { } // removed since the listing: carbon or a rebalance moved it
        }
      }
      return null;
    }

    // File types come with the listing (readdir's d_type): no stat per entry.
    private void push(Path dir) {
      List<DirectoryListing.Entry> entries;
      try {
        entries = new ArrayList<>(DirectoryListing.list(dir));
      } catch (IOException e) {
        onError.accept(e);
        return;
      }
      entries.sort(BY_PATH);
      stack.push(new Listing(dir, entries.iterator()));
    }
  }

  // Not Comparator.comparing (docs/startup.md).
  private static final Comparator<DirectoryListing.Entry> BY_PATH =
      (x, y) -> x.path().compareTo(y.path());
}
