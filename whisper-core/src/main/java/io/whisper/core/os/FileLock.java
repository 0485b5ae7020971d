package io.whisper.core.os;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An exclusive lock on a whisper file that carbon and whisper.py respect: {@code flock(2)
 * LOCK_EX}, held through a descriptor of its own and released by {@link #close()}.
 *
 * <p>Use it in try-with-resources: a lock left behind by an exception blocks carbon's writer
 * for that metric until this process exits.
 *
 * <p>NOTE: locking is advisory. It excludes carbon only when carbon runs with {@code
 * WHISPER_LOCK_WRITES = True}, and whisper.py only with {@code whisper.LOCK = True}. On file
 * systems other than the default one (jimfs in tests) the lock is a lock within this JVM only.
 */
public sealed interface FileLock extends AutoCloseable permits FileLock.Flock, FileLock.InProcess {

  /** Returns the locked file. */
  Path path();

  /** Releases the lock; idempotent. */
  @Override
  void close() throws IOException;

  /**
   * Returns a path that reads the inode this lock holds, even if {@code path()} was renamed or
   * replaced meanwhile (through {@code /proc/self/fd} where there is one).
   */
  Path lockedFile();

  /** Waits for and takes the exclusive lock on {@code path}. */
  static FileLock exclusive(Path path) throws IOException {
    return acquire(path, true, true).orElseThrow();
  }

  /**
   * Waits for and takes a shared lock on {@code path}: readers share it, an exclusive writer
   * (carbon's update) waits for it and it waits for the writer, so what is read is never torn.
   */
  static FileLock shared(Path path) throws IOException {
    return acquire(path, true, false).orElseThrow();
  }

  /** Takes the exclusive lock on {@code path} if nobody holds it, without waiting. */
  static Optional<FileLock> tryExclusive(Path path) throws IOException {
    return acquire(path, false, true);
  }

  private static Optional<FileLock> acquire(Path path, boolean wait, boolean exclusive)
      throws IOException {
    if (path.getFileSystem() != FileSystems.getDefault()) {
      return InProcess.acquire(path, wait); // shared or not: tests only, one holder at a time
    }
    NativeAccess.require("lock", path);
    return Flock.acquire(path, wait, exclusive);
  }

  /** A {@code flock(2)} lock held through its own file descriptor. */
  final class Flock implements FileLock {
    private final Path path;
    private final int fd;
    private boolean closed;

    private Flock(Path path, int fd) {
      this.path = path;
      this.fd = fd;
    }

    static Optional<FileLock> acquire(Path path, boolean wait, boolean exclusive)
        throws IOException {
      int fd = Posix.openForLock(path);
      boolean locked = false;
      try {
        if (!Posix.lock(fd, exclusive, wait, path)) {
          return Optional.empty();
        }
        locked = true;
        return Optional.of(new Flock(path, fd));
      } finally {
        if (!locked) {
          Posix.close(fd);
        }
      }
    }

    /** Returns the descriptor holding the lock, which also reads the locked inode. */
    public int fd() {
      return fd;
    }

    @Override
    public Path path() {
      return path;
    }

    @Override
    public Path lockedFile() {
      Path held = Posix.inode(fd);
      return java.nio.file.Files.exists(held) ? held : path;
    }

    @Override
    public synchronized void close() throws IOException {
      if (!closed) {
        closed = true;
        Posix.close(fd);
      }
    }

    @Override
    public String toString() {
      return "FileLock.Flock(" + path + ", fd " + fd + ")";
    }
  }

  /** A lock within this JVM, for file systems that have no flock (jimfs). */
  final class InProcess implements FileLock {
    // Entries are never removed: such file systems hold test-sized numbers of files.
    private static final ConcurrentHashMap<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    private final Path path;
    private final ReentrantLock lock;
    private boolean closed;

    private InProcess(Path path, ReentrantLock lock) {
      this.path = path;
      this.lock = lock;
    }

    static Optional<FileLock> acquire(Path path, boolean wait) {
      ReentrantLock lock =
          LOCKS.computeIfAbsent(path.toAbsolutePath().normalize(), p -> new ReentrantLock());
      if (wait) {
        lock.lock();
      } else if (!lock.tryLock()) {
        return Optional.empty();
      }
      return Optional.of(new InProcess(path, lock));
    }

    @Override
    public Path path() {
      return path;
    }

    @Override
    public Path lockedFile() {
      return path;
    }

    @Override
    public synchronized void close() {
      if (!closed) {
        closed = true;
        lock.unlock();
      }
    }

    @Override
    public String toString() {
      return "FileLock.InProcess(" + path + ")";
    }
  }
}
