package io.whisper.core.os;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * A descriptor held open on one inode, which a move needs for three things {@link FileLock}
 * does not give: the {@code flock(2)} can be released and taken again on the same open file,
 * the inode stays readable through {@code /proc/self/fd} after its name is unlinked, and
 * "is the locked file still the one at this path" can be asked.
 *
 * <p>With locking off the lock calls do nothing, the rest still holds.
 */
public final class HeldInode implements AutoCloseable {
  private static final Path PROC_LOCKS = Path.of("/proc/locks");

  private final Path path;
  private final int fd;
  private final boolean locking;
  private boolean locked;
  private boolean closed;

  private HeldInode(Path path, int fd, boolean locking) {
    this.path = path;
    this.fd = fd;
    this.locking = locking;
  }

  /** Opens {@code path} (read-write when allowed, for NFS's flock emulation). */
  public static HeldInode open(Path path, boolean locking) throws IOException {
    NativeAccess.require("move", path);
    if (!Files.exists(path)) {
      throw new NoSuchFileException(path.toString());
    }
    return new HeldInode(path, Posix.openForLock(path), locking);
  }

  /** Returns the path the inode was opened by. */
  public Path path() {
    return path;
  }

  /** Returns a path that reaches this inode whatever happens to its name. */
  public Path inode() {
    return Posix.inode(fd);
  }

  /** Waits for and takes the exclusive flock. */
  public void lock() throws IOException {
    if (locking && !locked) {
      locked = Posix.lock(fd, true, true, path);
    }
  }

  /** Takes the exclusive flock if nobody holds it; returns whether it is held now. */
  public boolean tryLock() throws IOException {
    if (locking && !locked) {
      locked = Posix.lock(fd, true, false, path);
      return locked;
    }
    return true;
  }

  /** Releases the flock, keeping the descriptor. */
  public void unlock() throws IOException {
    if (locked) {
      locked = false;
      Posix.unlock(fd);
    }
  }

  /** Returns true if {@code path} still names this inode. */
  public boolean isAt(Path where) throws IOException {
    try {
      return Files.isSameFile(inode(), where);
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  /**
   * Returns true if another descriptor is blocked waiting for a flock on this inode, as
   * {@code /proc/locks} shows it ("-&gt;" lines); false where that cannot be read.
   */
  public boolean othersWaiting() throws IOException {
    long dev = (Long) Files.getAttribute(inode(), "unix:dev");
    long ino = (Long) Files.getAttribute(inode(), "unix:ino");
    // glibc's major()/minor() of st_dev, as the kernel prints them: "%02x:%02x:%lu".
    long major = ((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL);
    long minor = (dev & 0xff) | ((dev >>> 12) & ~0xffL);
    String id = String.format("%02x:%02x:%d", major, minor, ino);
    List<String> locks;
    try {
      locks = Files.readAllLines(PROC_LOCKS);
    } catch (IOException e) {
      return false;
    }
    for (String line : locks) {
      List<String> fields = List.of(line.trim().split("\\s+"));
      if (fields.contains("->") && fields.contains("FLOCK") && fields.contains(id)) {
        return true;
      }
    }
    return false;
  }

  /** Closes the descriptor, which also releases the lock; idempotent. */
  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      locked = false;
      Posix.close(fd);
    }
  }
}
