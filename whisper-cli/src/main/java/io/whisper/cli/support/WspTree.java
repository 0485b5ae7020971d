package io.whisper.cli.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
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
 * must not be walked); symbolically linked files are listed. A folder that cannot be read is
 * reported to the error handler and skipped, and the walk goes on.
 */
public final class WspTree {
  private WspTree() {}

  /** Returns true if {@code path} names a whisper file by its extension. */
  public static boolean isWsp(Path path) {
    Path name = path.getFileName();
    return name != null && name.toString().endsWith(".wsp");
  }

  /**
   * Returns the {@code .wsp} files under {@code root}, sorted by name within each folder,
   * folders depth-first in the same order.
   *
   * @param onError receives each folder that could not be listed, with the reason
   */
  public static Stream<Path> walk(Path root, Consumer<IOException> onError) {
    Iterator<Path> files = new WalkIterator(root, onError);
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(files, Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }

  private static final class WalkIterator implements Iterator<Path> {
    private final Deque<Iterator<Path>> stack = new ArrayDeque<>();
    private final Consumer<IOException> onError;
    private Path next;

    WalkIterator(Path root, Consumer<IOException> onError) {
      this.onError = onError;
      push(root);
    }

    @Override
    public boolean hasNext() {
      while (next == null && !stack.isEmpty()) {
        Iterator<Path> top = stack.peek();
        if (!top.hasNext()) {
          stack.pop();
          continue;
        }
        Path entry = top.next();
        BasicFileAttributes attributes;
        try {
          attributes = Files.readAttributes(
              entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
          continue; // vanished between listing and stat: carbon or a rebalance moved it
        }
        if (attributes.isDirectory()) {
          push(entry);
        } else if (isWsp(entry) && (attributes.isRegularFile() || attributes.isSymbolicLink())) {
          next = entry;
        }
      }
      return next != null;
    }

    @Override
    public Path next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Path result = next;
      next = null;
      return result;
    }

    private void push(Path dir) {
      List<Path> entries = new ArrayList<>();
      try (DirectoryStream<Path> listing = Files.newDirectoryStream(dir)) {
        listing.forEach(entries::add);
      } catch (IOException e) {
        onError.accept(e);
        return;
      } catch (UncheckedIOException e) {
        onError.accept(e.getCause());
        return;
      }
      entries.sort(null);
      stack.push(entries.iterator());
    }
  }
}
