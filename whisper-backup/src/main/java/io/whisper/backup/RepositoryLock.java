package io.whisper.backup;

import io.whisper.backup.store.ObjectStore;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A repository lock: an object under {@code locks/} saying who holds it (host, process),
 * how (shared for backup and restore, exclusive for forget and prune) and since when. It is
 * renewed every few minutes while held; one older than its time-to-live, or held by a process
 * of this host that is gone (SIGKILL), is stale and ignored, and removed by the next locker.
 *
 * <p>Taking it: write our lock, then list the others; if one conflicts, remove ours and fail.
 * Two lockers racing both see each other and both fail, never both succeed.
 */
public final class RepositoryLock implements AutoCloseable {
  static final String PREFIX = "locks/";
  /** A lock not renewed for this long is stale. */
  public static final Duration TIME_TO_LIVE = Duration.ofMinutes(30);
  private static final Duration RENEW_EVERY = Duration.ofMinutes(5);

  private final ObjectStore store;
  private final boolean exclusive;
  private final Thread renewer;
  private volatile String name;

  /** What a lock object says. */
  record Holder(String host, long pid, boolean exclusive, Instant time) {
    byte[] encode() {
      return ("host " + host + "\npid " + pid + "\nexclusive " + exclusive + "\ntime " + time
          + "\n").getBytes(StandardCharsets.UTF_8);
    }

    static Holder decode(byte[] bytes) {
      String host = "";
      long pid = -1;
      boolean exclusive = true;
      Instant time = Instant.EPOCH;
      for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
        int space = line.indexOf(' ');
        if (space < 0) {
          continue;
        }
        String value = line.substring(space + 1);
        try {
          switch (line.substring(0, space)) {
            case "host" -> host = value;
            case "pid" -> pid = Long.parseLong(value);
            case "exclusive" -> exclusive = Boolean.parseBoolean(value);
            case "time" -> time = Instant.parse(value);
            default -> { }
          }
        } catch (RuntimeException e) {
          // a damaged lock counts as exclusive and old: stale once its TTL would be over
        }
      }
      return new Holder(host, pid, exclusive, time);
    }

    boolean stale(Instant now, String thisHost) {
      if (time.plus(TIME_TO_LIVE).isBefore(now)) {
        return true;
      }
      return host.equals(thisHost) && pid > 0 && ProcessHandle.of(pid).isEmpty();
    }

    @Override
    public String toString() {
      return (exclusive ? "an exclusive" : "a shared") + " lock of process " + pid + " on "
          + host + " since " + time;
    }
  }

  private RepositoryLock(ObjectStore store, boolean exclusive, String name) {
    this.store = store;
    this.exclusive = exclusive;
    this.name = name;
    this.renewer = Thread.ofPlatform().daemon(true).name("whisper-lock-renewer").unstarted(
        this::renewLoop);
  }

  /** Takes a lock that other shared locks may hold too (backup, restore, check). */
  public static RepositoryLock shared(ObjectStore store) throws IOException {
    return take(store, false);
  }

  /** Takes the only lock (forget, prune). */
  public static RepositoryLock exclusive(ObjectStore store) throws IOException {
    return take(store, true);
  }

  private static RepositoryLock take(ObjectStore store, boolean exclusive) throws IOException {
    String host = hostName();
    Instant now = Instant.now();
    String mine = write(store, new Holder(host, ProcessHandle.current().pid(), exclusive, now));
    try {
      for (String other : store.list(PREFIX)) {
        if (other.equals(mine)) {
          continue;
        }
        Holder holder;
        try {
          holder = Holder.decode(store.get(other));
        } catch (NoSuchFileException e) {
          continue; // released meanwhile
        }
        if (holder.stale(now, host)) {
          store.delete(other);
        } else if (exclusive || holder.exclusive()) {
          throw new LockedException(store.location() + " is locked: " + holder
              + " (a lock is stale after " + TIME_TO_LIVE.toMinutes()
              + " minutes without renewal, or when its process is gone)");
        }
      }
    } catch (IOException | RuntimeException e) {
      store.delete(mine);
      throw e;
    }
    RepositoryLock lock = new RepositoryLock(store, exclusive, mine);
    lock.renewer.start();
    return lock;
  }

  private static String write(ObjectStore store, Holder holder) throws IOException {
    String name = PREFIX + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong())
        + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    store.putIfAbsent(name, holder.encode());
    return name;
  }

  /** This host's name, as locks and snapshots record it. */
  public static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }

  private void renewLoop() {
    while (true) {
      try {
        Thread.sleep(RENEW_EVERY);
      } catch (InterruptedException e) {
        return;
      }
      try {
        String old = name;
        name = write(store, new Holder(hostName(), ProcessHandle.current().pid(), exclusive,
            Instant.now()));
        store.delete(old);
      } catch (IOException e) {
        // Renewal failed (server down): the next try may work; a lock not renewed for the
        // whole TTL lets prune run, which the operations in flight then fail on.
      }
    }
  }

  /** Releases the lock. */
  @Override
  public void close() throws IOException {
    renewer.interrupt();
    try {
      renewer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    store.delete(name);
  }

  /** The repository is locked by someone else. */
  public static final class LockedException extends IOException {
    private static final long serialVersionUID = 1L;

    LockedException(String message) {
      super(message);
    }
  }
}
