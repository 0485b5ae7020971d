package io.whisper.core.os;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A folder held open by descriptor, and the names below it reached one at a time relative to
 * it ({@code openat(2)}, {@code fstatat}, {@code renameat2}, ...), never through a symbolic
 * link ({@code O_NOFOLLOW}): a server confined to a storage root can be sent any name and
 * still touch nothing outside the root, even while the tree changes under it, which a check of
 * a whole path before using it cannot promise.
 *
 * <p>Names are bytes, as the kernel has them, so names that are not UTF-8 survive. A name is
 * one component: never empty, never {@code .} or {@code ..}, no {@code /} or NUL.
 *
 * <p>Linux only ({@link NativeAccess#available()}); one thread uses a folder at a time.
 */
public final class HeldFolder implements AutoCloseable {
  private static final int DIRENT_BYTES = 32 * 1024;
  private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

  /** One entry of a folder: its name and type (readdir's {@code d_type}). */
  public record Entry(byte[] name, DirectoryListing.Type type) {}

  /**
   * What {@code fstatat} says of a name, not following a link.
   *
   * @param size the length in bytes
   * @param allocated the bytes allocated on disk (less than size for a sparse file)
   * @param mtime the last modification, in seconds since the epoch
   */
  public record Status(DirectoryListing.Type type, long size, long allocated, long mtime) {}

  private final String label;
  private int fd;

  private HeldFolder(String label, int fd) {
    this.label = label;
    this.fd = fd;
  }

  /** Holds {@code folder} open; the path itself may pass through links (the operator's). */
  public static HeldFolder open(Path folder) throws IOException {
    NativeAccess.require("hold", folder);
    Buffers b = BUFFERS.get();
    int fd = b.scan.openAt(Syscalls.AT_FDCWD, PathBytes.of(folder.toAbsolutePath()),
        Syscalls.O_RDONLY | Syscalls.O_DIRECTORY | Syscalls.O_CLOEXEC);
    if (fd < 0) {
      throw Errno.openFailure(folder.toString(), -fd);
    }
    return new HeldFolder(folder.toString(), fd);
  }

  /** Returns the subfolder {@code name}, refusing a symbolic link or anything not a folder. */
  public HeldFolder folder(byte[] name) throws IOException {
    Buffers b = BUFFERS.get();
    int child = Syscalls.openAt(b.state(), fd, b.name(name),
        Syscalls.O_RDONLY | Syscalls.O_DIRECTORY | Syscalls.O_NOFOLLOW | Syscalls.O_CLOEXEC);
    if (child < 0) {
      // O_DIRECTORY reports a link as "not a directory": say what it is
      boolean link = -child == Errno.ENOTDIR
          && status(name).type() == DirectoryListing.Type.SYMLINK;
      throw failure("open folder", name, link ? Errno.ELOOP : -child);
    }
    return new HeldFolder(label + "/" + show(name), child);
  }

  /** Returns the subfolder {@code name}, made first (mode 0755 less the umask) if missing. */
  public HeldFolder makeFolder(byte[] name) throws IOException {
    Buffers b = BUFFERS.get();
    int made = Syscalls.mkdirAt(b.state(), fd, b.name(name), 0755);
    if (made < 0 && -made != Errno.EEXIST) {
      throw failure("make folder", name, -made);
    }
    return folder(name);
  }

  /** Lists this folder, unsorted, without "." and "..". */
  public List<Entry> list() throws IOException {
    Buffers b = BUFFERS.get();
    List<Entry> entries = new ArrayList<>();
    // getdents64 continues from the descriptor's offset: start over for a second listing
    if (Syscalls.lseekSet(b.state(), fd, 0) < 0) {
      throw new IOException("cannot rewind folder " + label);
    }
    while (true) {
      long filled = Syscalls.getdents64(b.state(), fd, b.dirents);
      if (filled < 0) {
        throw new IOException("reading folder " + label + " failed: errno " + -filled);
      }
      if (filled == 0) {
        return entries;
      }
      b.direntsView.get(0, b.chunk, 0, (int) filled);
      for (int at = 0; at < filled; at += b.chunkView.getShort(at + Syscalls.D_RECLEN) & 0xffff) {
        Entry entry = entry(b.chunk, at);
        if (entry != null) {
          entries.add(entry);
        }
      }
    }
  }

  // The entry of the record at {@code at}, or null for "." and "..". A method per entry, so
  // the JIT compiles it after a few hundred names rather than after thousands of folders.
  private Entry entry(byte[] chunk, int at) throws IOException {
    int start = at + Syscalls.D_NAME;
    int end = start;
    while (chunk[end] != 0) {
      end++;
    }
    if (chunk[start] == '.' && (end == start + 1 || end == start + 2 && chunk[start + 1] == '.')) {
      return null;
    }
    byte[] entryName = Arrays.copyOfRange(chunk, start, end);
    return new Entry(entryName, switch (chunk[at + Syscalls.D_TYPE]) {
      case Syscalls.DT_REG -> DirectoryListing.Type.FILE;
      case Syscalls.DT_DIR -> DirectoryListing.Type.DIRECTORY;
      case Syscalls.DT_LNK -> DirectoryListing.Type.SYMLINK;
      case Syscalls.DT_UNKNOWN -> status(entryName).type(); // the file system reports no types
      default -> DirectoryListing.Type.OTHER;
    });
  }

  /** Returns the status of {@code name}, not following a symbolic link. */
  public Status status(byte[] name) throws IOException {
    Buffers b = BUFFERS.get();
    int result = Syscalls.fstatAt(b.state(), fd, b.name(name), b.stat,
        Syscalls.AT_SYMLINK_NOFOLLOW);
    if (result < 0) {
      throw failure("stat", name, -result);
    }
    return b.status();
  }

  /**
   * Opens the regular file {@code name} for reading; a symbolic link, a folder, a FIFO or a
   * device is refused (opened without blocking, so a FIFO cannot hang the caller).
   */
  public OpenFile openFile(byte[] name) throws IOException {
    return openRegular(name, Syscalls.O_RDONLY);
  }

  /**
   * Opens the regular file {@code name} for reading and writing, refusing what
   * {@link #openFile} refuses. The name is opened relative to this folder with
   * {@code O_NOFOLLOW} and its type read from the descriptor, not the name: a symbolic link
   * swapped in for the name after any earlier look at it is refused, never followed.
   */
  public OpenFile openForWrite(byte[] name) throws IOException {
    return openRegular(name, Syscalls.O_RDWR);
  }

  private OpenFile openRegular(byte[] name, int access) throws IOException {
    Buffers b = BUFFERS.get();
    int file = Syscalls.openAt(b.state(), fd, b.name(name),
        access | Syscalls.O_NOFOLLOW | Syscalls.O_NONBLOCK | Syscalls.O_CLOEXEC);
    if (file < 0) {
      throw failure("open", name, -file);
    }
    OpenFile opened = new OpenFile(label + "/" + show(name), file);
    try {
      int result = Syscalls.fstatAt(b.state(), file, b.empty(), b.stat, Syscalls.AT_EMPTY_PATH);
      if (result < 0) {
        throw failure("stat", name, -result);
      }
      Status status = b.status();
      if (status.type() != DirectoryListing.Type.FILE) {
        throw new IOException(opened.label + ": not a regular file");
      }
      opened.status = status;
      return opened;
    } catch (IOException | RuntimeException e) {
      opened.close();
      throw e;
    }
  }

  /**
   * Renames {@code name} here to {@code newName} in {@code to}, never replacing a name that is
   * there ({@code RENAME_NOREPLACE}); a rename across file systems is refused, saying so.
   */
  public void moveTo(byte[] name, HeldFolder to, byte[] newName) throws IOException {
    Buffers b = BUFFERS.get();
    MemorySegment from = b.name(name);
    MemorySegment target = b.secondName(newName);
    int result = Syscalls.renameAt(b.state(), fd, from, to.fd, target, Syscalls.RENAME_NOREPLACE);
    if (result < 0) {
      throw -result == Errno.EXDEV
          ? new IOException(label + "/" + show(name) + " and " + to.label
              + " are on different file systems")
          : failure("rename", name, -result);
    }
  }

  /** Removes {@code name} and, if it is a folder, everything below it; links are removed, not followed. */
  public void removeTree(byte[] name) throws IOException {
    Status status = status(name);
    if (status.type() == DirectoryListing.Type.DIRECTORY) {
      try (HeldFolder child = folder(name)) {
        for (Entry entry : child.list()) {
          child.removeTree(entry.name());
        }
      }
    }
    Buffers b = BUFFERS.get();
    int result = Syscalls.unlinkAt(b.state(), fd, b.name(name),
        status.type() == DirectoryListing.Type.DIRECTORY ? Syscalls.AT_REMOVEDIR : 0);
    if (result < 0) {
      throw failure("remove", name, -result);
    }
  }

  /**
   * Returns a path that names this very folder ({@code /proc/self/fd/N}), not the path it was
   * opened by: a name resolved below it does not pass through a link swapped in above it.
   */
  public Path held() {
    return Posix.inode(fd);
  }

  /** Returns the folder's path as opened, followed by the names that led here, for messages. */
  @Override
  public String toString() {
    return label;
  }

  @Override
  public void close() {
    if (fd >= 0) {
      Syscalls.close(BUFFERS.get().state(), fd); // a read-only descriptor: nothing to lose
      fd = -1;
    }
  }

  private IOException failure(String what, byte[] name, int errno) {
    String path = label + "/" + show(name);
    return switch (errno) {
      case Errno.ELOOP -> new IOException(path + ": is a symbolic link (not followed)");
      case Errno.ENOTDIR -> new IOException(path + ": not a folder");
      default -> {
        IOException e = Errno.openFailure(path, errno);
        yield e.getClass() == IOException.class
            ? new IOException(what + " " + path + " failed: errno " + errno) : e;
      }
    };
  }

  // For messages only: bytes that are not UTF-8 show as U+FFFD.
  private static String show(byte[] name) {
    return new String(name, StandardCharsets.UTF_8);
  }

  /** A regular file opened below a held folder. */
  public static final class OpenFile implements AutoCloseable {
    private final String label;
    private final int fd;
    private Status status;
    private FileChannel channel;
    private boolean closed;

    private OpenFile(String label, int fd) {
      this.label = label;
      this.fd = fd;
    }

    /** Returns the status the file had when opened. */
    public Status status() {
      return status;
    }

    /**
     * Takes a shared {@code flock(2)} on the file, waiting for it: carbon and whisper.py write
     * under an exclusive one, so no write is half done while the lock is held.
     */
    public void lockShared() throws IOException {
      Posix.lock(fd, false, true, label);
    }

    /**
     * Takes an exclusive {@code flock(2)} on the file, waiting for it, as carbon does to write:
     * nothing writes to it while held, even through a read-only descriptor.
     */
    public void lockExclusive() throws IOException {
      Posix.lock(fd, true, true, label);
    }

    /**
     * Returns a channel that reads this very file (opened again through {@link #inode()}).
     */
    public FileChannel channel() throws IOException {
      if (channel == null) {
        channel = FileChannel.open(inode(), StandardOpenOption.READ);
      }
      return channel;
    }

    /**
     * Returns a path that opens this very inode again ({@code /proc/self/fd/N}), not a name
     * that could have changed since; valid while this file is open. Opened again for writing
     * only when this file was ({@link HeldFolder#openForWrite}).
     */
    public Path inode() {
      return Posix.inode(fd);
    }

    /** Returns the name this file was opened by, for messages. */
    @Override
    public String toString() {
      return label;
    }

    @Override
    public void close() throws IOException {
      if (!closed) {
        closed = true;
        try {
          if (channel != null) {
            channel.close();
          }
        } finally {
          Posix.close(fd); // releases the flock too
        }
      }
    }
  }

  /** The native memory of this thread's calls, never freed (a server uses a thread or two). */
  private static final class Buffers {
    final ScanBuffers scan = ScanBuffers.get();
    final MemorySegment nameSegment;
    final MemorySegment secondNameSegment;
    final MemorySegment stat;
    final MemorySegment dirents;
    final ByteBuffer direntsView;
    final byte[] chunk = new byte[DIRENT_BYTES];
    final ByteBuffer chunkView = ByteBuffer.wrap(chunk).order(ByteOrder.nativeOrder());

    Buffers() {
      Arena arena = Arena.ofAuto();
      nameSegment = arena.allocate(ScanBuffers.MAX_PATH);
      secondNameSegment = arena.allocate(ScanBuffers.MAX_PATH);
      stat = arena.allocate(Syscalls.STAT_BYTES, 8);
      dirents = arena.allocate(DIRENT_BYTES, 8);
      direntsView = dirents.asByteBuffer();
    }

    MemorySegment state() {
      return scan.state();
    }

    MemorySegment name(byte[] name) throws IOException {
      return put(name, nameSegment);
    }

    MemorySegment secondName(byte[] name) throws IOException {
      return put(name, secondNameSegment);
    }

    MemorySegment empty() {
      return Syscalls.putCString(new byte[0], nameSegment);
    }

    private static MemorySegment put(byte[] name, MemorySegment to) throws IOException {
      if (name.length >= ScanBuffers.MAX_PATH) {
        throw new IOException("name too long: " + show(name));
      }
      boolean dots = name.length == 0 || name[0] == '.'
          && (name.length == 1 || name.length == 2 && name[1] == '.');
      if (dots) {
        throw new IOException("not a name: '" + show(name) + "'");
      }
      for (byte c : name) {
        if (c == '/' || c == 0) {
          throw new IOException("not a single name: " + show(name));
        }
      }
      return Syscalls.putCString(name, to);
    }

    Status status() {
      int mode = stat.get(ValueLayout.JAVA_INT_UNALIGNED, Syscalls.statModeOffset()) & Syscalls.S_IFMT;
      DirectoryListing.Type type = switch (mode) {
        case Syscalls.S_IFREG -> DirectoryListing.Type.FILE;
        case Syscalls.S_IFDIR -> DirectoryListing.Type.DIRECTORY;
        case Syscalls.S_IFLNK -> DirectoryListing.Type.SYMLINK;
        default -> DirectoryListing.Type.OTHER;
      };
      return new Status(type, stat.get(ValueLayout.JAVA_LONG_UNALIGNED, Syscalls.STAT_SIZE),
          stat.get(ValueLayout.JAVA_LONG_UNALIGNED, Syscalls.STAT_BLOCKS) * 512,
          stat.get(ValueLayout.JAVA_LONG_UNALIGNED, Syscalls.STAT_MTIME));
    }
  }
}
