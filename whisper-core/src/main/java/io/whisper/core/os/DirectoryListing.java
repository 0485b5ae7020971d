package io.whisper.core.os;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists a folder with each entry's type, as the kernel reports it in {@code d_type}: through
 * {@code getdents64(2)} where {@link Syscalls} can make it, which saves the {@code statx} per
 * entry that {@link Files#newDirectoryStream} plus {@link Files#readAttributes} costs (a scan of
 * millions of files spends much of its time there); elsewhere, and where a file system does not
 * report types, by reading the attributes.
 *
 * <p>Each {@code getdents64} fills a buffer with many entries, copied to the heap at once and
 * decoded in plain Java: one native call per few hundred entries rather than one per entry.
 */
public final class DirectoryListing {

  /**
   * What an entry is, without following a symbolic link: OTHER is a FIFO, socket or device;
   * GONE an entry removed between the listing and the look at its type.
   */
  public enum Type { FILE, DIRECTORY, SYMLINK, OTHER, GONE }

  /**
   * One entry of a folder.
   *
   * @param path the folder's path resolved with {@code name}
   * @param name the entry's name, kept so that callers need not take it back out of the path
   *     (decoded as UTF-8: where the bytes are not UTF-8, only {@code path} names the file)
   */
  public record Entry(Path path, String name, Type type) {}

  private static final int BUFFER_BYTES = 32 * 1024;

  // One buffer per listing thread, never freed: walks run on a thread or two.
  private static final ThreadLocal<Reader> READERS = ThreadLocal.withInitial(Reader::new);

  private DirectoryListing() {}

  /** Lists {@code dir}, unsorted, without "." and "..". */
  public static List<Entry> list(Path dir) throws IOException {
    if (!NativeAccess.reaches(dir)) {
      return listByAttributes(dir);
    }
    return READERS.get().list(dir);
  }

  private static final class Reader {
    private final MemorySegment buffer = Arena.ofAuto().allocate(BUFFER_BYTES, 8);
    private final ByteBuffer bufferView = buffer.asByteBuffer();
    private final byte[] chunk = new byte[BUFFER_BYTES];
    private final ByteBuffer view = ByteBuffer.wrap(chunk).order(ByteOrder.nativeOrder());

    List<Entry> list(Path dir) throws IOException {
      ScanBuffers buffers = ScanBuffers.get();
      MemorySegment state = buffers.state();
      int fd = buffers.openAt(Syscalls.AT_FDCWD, PathBytes.of(dir),
          Syscalls.O_RDONLY | Syscalls.O_DIRECTORY | Syscalls.O_CLOEXEC);
      if (fd < 0) {
        return listByAttributes(dir); // let the JDK name the error (no such file, permission)
      }
      try {
        List<Entry> entries = new ArrayList<>();
        while (true) {
          long filled = Syscalls.getdents64(state, fd, buffer);
          if (filled < 0) { // a listing cut short must not pass for a whole one
            throw new IOException("reading folder " + dir + " failed: errno " + -filled);
          }
          if (filled == 0) {
            return entries;
          }
          // a buffer view (ScanBuffers.copyBytes)
          bufferView.get(0, chunk, 0, (int) filled);
          addEntries(entries, dir, (int) filled);
        }
      } finally {
        Syscalls.close(state, fd); // a read-only descriptor: nothing to lose on close
      }
    }

    // The loop over entries in methods of their own, with no native calls: the JIT compiles
    // these small methods early, and never has to compile list(), whose inlined FFM calls
    // make a large method to compile for a loop that turns a few times per folder.
    private void addEntries(List<Entry> entries, Path dir, int filled) {
      for (int at = 0; at < filled; at += view.getShort(at + Syscalls.D_RECLEN) & 0xffff) {
        addEntry(entries, dir, at);
      }
    }

    private void addEntry(List<Entry> entries, Path dir, int at) {
      int start = at + Syscalls.D_NAME;
      int end = start;
      while (chunk[end] != 0) {
        end++;
      }
      boolean dots = chunk[start] == '.'
          && (end == start + 1 || end == start + 2 && chunk[start + 1] == '.');
      if (dots) { // "." and ".."
        return;
      }
      String name = new String(chunk, start, end - start, StandardCharsets.UTF_8);
      Path path = PathBytes.resolve(dir, name, chunk, start, end - start);
      entries.add(new Entry(path, name, switch (chunk[at + Syscalls.D_TYPE]) {
        case Syscalls.DT_REG -> Type.FILE;
        case Syscalls.DT_DIR -> Type.DIRECTORY;
        case Syscalls.DT_LNK -> Type.SYMLINK;
        case Syscalls.DT_UNKNOWN -> typeOf(path);
        default -> Type.OTHER;
      }));
    }
  }

  private static List<Entry> listByAttributes(Path dir) throws IOException {
    List<Entry> entries = new ArrayList<>();
    try (DirectoryStream<Path> listing = Files.newDirectoryStream(dir)) {
      for (Path path : listing) {
        entries.add(new Entry(path, path.getFileName().toString(), typeOf(path)));
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return entries;
  }

  // The file vanished between listing and lstat (carbon or a rebalance moved it): GONE. Any
  // other failure (a folder we may read but not search): FILE, so the open names the error.
  private static Type typeOf(Path path) {
    try {
      BasicFileAttributes a =
          Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return a.isSymbolicLink() ? Type.SYMLINK
          : a.isDirectory() ? Type.DIRECTORY
          : a.isRegularFile() ? Type.FILE
          : Type.OTHER;
    } catch (NoSuchFileException e) {
      return Type.GONE;
    } catch (IOException e) {
      return Type.FILE;
    }
  }
}
