package io.whisper.core;

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

  /** Waits for and takes the exclusive lock on {@code path}. */
  static FileLock exclusive(Path path) throws IOException {
    return acquire(path, true).orElseThrow();
  }

  /** Takes the exclusive lock on {@code path} if nobody holds it, without waiting. */
  static Optional<FileLock> tryExclusive(Path path) throws IOException {
    return acquire(path, false);
  }

  private static Optional<FileLock> acquire(Path path, boolean wait) throws IOException {
    if (path.getFileSystem() != FileSystems.getDefault()) {
      return InProcess.acquire(path, wait);
    }
    if (!Posix.AVAILABLE) {
      throw new IOException("cannot lock " + path
          + ": flock(2) is not reachable (run the JVM with --enable-native-access=ALL-UNNAMED)");
    }
    return Flock.acquire(path, wait);
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

    static Optional<FileLock> acquire(Path path, boolean wait) throws IOException {
      // Read-only is enough for flock on local file systems; NFS emulates flock with fcntl
      // byte-range locks, which need the file open for writing, so ask for that first.
      int fd;
      try {
        fd = Posix.open(path, Posix.O_RDWR | Posix.O_CLOEXEC);
      } catch (IOException e) {
        fd = Posix.open(path, Posix.O_RDONLY | Posix.O_NONBLOCK | Posix.O_CLOEXEC);
      }
      boolean locked = false;
      try {
        int errno = Posix.flock(fd, Posix.LOCK_EX | (wait ? 0 : Posix.LOCK_NB));
        if (errno == Posix.EWOULDBLOCK && !wait) {
          return Optional.empty();
        }
        if (errno != 0) {
          throw new IOException("flock(" + path + ") failed: errno " + errno);
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
    int fd() {
      return fd;
    }

    @Override
    public Path path() {
      return path;
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
