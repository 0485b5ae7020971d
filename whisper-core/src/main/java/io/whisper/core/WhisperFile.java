package io.whisper.core;

import io.whisper.core.os.FileLock;
import io.whisper.core.os.NativeAccess;
import io.whisper.core.os.Posix;
import io.whisper.core.os.RegularFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An open whisper file: its validated header, fetches, and (when opened for update) writes with
 * whisper.py's exact semantics.
 *
 * <p>Always open it in try-with-resources. {@link #close()} releases, in this order, the
 * mapping, the channel and the lock, whatever happened before: an exception must never leave a
 * file locked, since carbon's writer would wait on it forever.
 *
 * <p>Time is never read here: every operation takes {@code now}.
 *
 * <p>NOTE: on the default file system the file is memory-mapped through a confined arena, so a
 * {@code WhisperFile} belongs to the thread that opened it.
 */
public final class WhisperFile implements AutoCloseable {

  /** How the file's bytes are reached. */
  public enum Access {
    /** Memory-mapped on the default file system, channel I/O elsewhere. */
    AUTO,
    /** Positional channel I/O, on any file system. */
    CHANNEL
  }

  /**
   * How to open a file.
   *
   * @param writable open for writing
   * @param lock take an exclusive {@code flock(2)} for as long as the file is open
   * @param access how the bytes are reached
   */
  public record Options(boolean writable, boolean lock, Access access) {
    /** Reading only, no lock: how whisper.py's fetch and info open a file. */
    public static final Options READ = new Options(false, false, Access.AUTO);
    /**
     * Reading only, each range once (a fetch, a diff, the source of a merge): positional reads,
     * which cost less to set up than a mapping (its first use in a process initialises the
     * JDK's foreign-memory support, about 4 ms) and do no worse for one pass.
     */
    public static final Options READ_ONCE = new Options(false, false, Access.CHANNEL);
    /** Writing under an exclusive flock. */
    public static final Options UPDATE = new Options(true, true, Access.AUTO);
    /** Writing without a lock: whisper.py's default, for callers that lock otherwise. */
    public static final Options UPDATE_UNLOCKED = new Options(true, false, Access.AUTO);

    /** Returns these options with {@code access}. */
    public Options withAccess(Access access) {
      return new Options(writable, lock, access);
    }

    /** Returns these options with locking on or off. */
    public Options withLock(boolean lock) {
      return new Options(writable, lock, access);
    }
  }

  private final Path path;
  private final FileLock lock;
  private final FileChannel channel;
  private final Storage storage;
  private final Header header;
  private final ArchiveIo io;
  private final boolean writable;

  private WhisperFile(
      Path path, FileLock lock, FileChannel channel, Storage storage, Header header,
      boolean writable) {
    this.path = path;
    this.lock = lock;
    this.channel = channel;
    this.storage = storage;
    this.header = header;
    this.writable = writable;
    this.io = new ArchiveIo(storage, header);
  }

  /** Opens {@code path} for reading. */
  public static WhisperFile open(Path path) throws IOException {
    return open(path, Options.READ);
  }

  /** Opens {@code path} for writing under an exclusive flock, waiting for the lock. */
  public static WhisperFile openForUpdate(Path path) throws IOException {
    return open(path, Options.UPDATE);
  }

  /**
   * Opens {@code path}: takes the lock if asked, reads and validates the header, and maps the
   * file only once the header says how long it must be and the file is that long.
   *
   * @throws CorruptWhisperFileException if the header is corrupt (nothing stays open or locked)
   * @throws java.nio.file.NoSuchFileException if there is no such file
   */
  public static WhisperFile open(Path path, Options options) throws IOException {
    FileLock lock = null;
    FileChannel channel = null;
    Storage storage = null;
    try {
      if (options.lock()) {
        lock = FileLock.exclusive(path);
      }
      channel = openChannel(path, lock, options.writable()
          ? new StandardOpenOption[] {StandardOpenOption.READ, StandardOpenOption.WRITE}
          : new StandardOpenOption[] {StandardOpenOption.READ});
      Header header = HeaderCodec.read(channel, path);
      boolean mappable = options.access() == Access.AUTO
          && path.getFileSystem() == FileSystems.getDefault()
          && header.fileSize() <= MappedStorage.MAX_LENGTH;
      storage = mappable
          ? MappedStorage.map(channel, header.fileSize(), options.writable(), path.toString())
          : new ChannelStorage(channel, path.toString());
      return new WhisperFile(path, lock, channel, storage, header, options.writable());
    } catch (IOException | RuntimeException | Error e) {
      closeAll(e, storage, channel, lock);
      throw e;
    }
  }

  // With a flock held, read through the locked descriptor's inode: if the path was renamed or
  // replaced while we waited for the lock, we still work on the file we locked. Either way its
  // type is checked first: a FIFO would block the open or the first read forever.
  private static FileChannel openChannel(Path path, FileLock lock, StandardOpenOption... mode)
      throws IOException {
    if (lock instanceof FileLock.Flock flock) {
      Path locked = Posix.inode(flock.fd());
      try {
        RegularFiles.requireRegular(locked);
        return FileChannel.open(locked, mode);
      } catch (NoSuchFileException e) {
        // no /proc mounted: by name, as without a lock
      } catch (FileSystemException e) {
        throw naming(e, path); // say which file, not /proc/self/fd/N
      }
    }
    return RegularFiles.open(path, mode);
  }

  // The same failure about `path` (the JDK names the path it was given).
  private static FileSystemException naming(FileSystemException e, Path path) {
    String file = path.toString();
    FileSystemException named = switch (e) {
      case AccessDeniedException a -> new AccessDeniedException(file, null, e.getReason());
      case NoSuchFileException n -> new NoSuchFileException(file, null, e.getReason());
      default -> new FileSystemException(file, e.getOtherFile(), e.getReason());
    };
    named.initCause(e);
    return named;
  }

  /** Returns the file's path. */
  public Path path() {
    return path;
  }

  /** Returns the validated header. */
  public Header header() {
    return header;
  }

  /**
   * Fetches {@code (fromTime, untilTime]} from the archive whisper.py would choose: the first
   * whose retention covers {@code now - fromTime} after clamping the range to the file's
   * retention and to {@code now}.
   *
   * @return the series, or empty where whisper.py returns None (the whole range in the future
   *     or past the retention)
   * @throws InvalidTimeIntervalException if {@code fromTime > untilTime}
   */
  public Optional<TimeSeries> fetch(long fromTime, long untilTime, long now) throws IOException {
    return fetch(fromTime, untilTime, now, OptionalLong.empty());
  }

  /**
   * Fetches as {@link #fetch(long, long, long)} from the archive with {@code secondsPerPoint}
   * when given (whisper.py's {@code archiveToSelect}).
   *
   * @throws IllegalArgumentException "Invalid granularity: N" if no archive has that step
   */
  public Optional<TimeSeries> fetch(
      long fromTime, long untilTime, long now, OptionalLong secondsPerPoint) throws IOException {
    try {
      if (fromTime > untilTime) {
        throw new InvalidTimeIntervalException(fromTime, untilTime);
      }
      long oldest = now - header.maxRetention();
      if (fromTime > now || untilTime < oldest) {
        return Optional.empty();
      }
      fromTime = Math.max(fromTime, oldest);
      untilTime = Math.min(untilTime, now);
      long diff = now - fromTime;
      ArchiveInfo chosen = secondsPerPoint.isPresent()
          ? archiveWithStep(secondsPerPoint.getAsLong())
          : firstCovering(diff);
      return Optional.of(io.fetch(chosen, fromTime, untilTime));
    } catch (InternalError e) {
      throw mappingFault(e);
    }
  }

  // whisper.py's automatic choice: the first archive whose retention covers the age, else the
  // last one.
  private ArchiveInfo firstCovering(long age) {
    for (ArchiveInfo archive : header.archives()) {
      if (archive.retention() >= age) {
        return archive;
      }
    }
    return header.archives().getLast();
  }

  private ArchiveInfo archiveWithStep(long secondsPerPoint) {
    for (ArchiveInfo archive : header.archives()) {
      if (archive.secondsPerPoint() == secondsPerPoint) {
        return archive;
      }
    }
    throw new IllegalArgumentException("Invalid granularity: " + secondsPerPoint);
  }

  /**
   * Fetches {@code (fromTime, untilTime]} from archive {@code index} without clamping:
   * whisper.py's {@code __archive_fetch}, as merge and diff use it.
   */
  TimeSeries fetchArchive(int index, long fromTime, long untilTime) throws IOException {
    try {
      return io.fetch(header.archive(index), fromTime, untilTime);
    } catch (InternalError e) {
      throw mappingFault(e);
    }
  }

  /**
   * Writes one point and propagates it, as whisper.py's {@code update}.
   *
   * @throws TimestampNotCoveredException if the point is in the future or not younger than the
   *     file's retention
   * @throws IllegalArgumentException if its interval does not fit the file's unsigned 32 bits
   *     (nothing is written)
   */
  public void update(double value, long timestamp, long now) throws IOException {
    try {
      requireWritable();
      long diff = now - timestamp;
      if (!(diff < header.maxRetention() && diff >= 0)) {
        throw new TimestampNotCoveredException();
      }
      List<ArchiveInfo> archives = header.archives();
      int index = 0;
      while (archives.get(index).retention() < diff) {
        index++;
      }
      ArchiveInfo archive = archives.get(index);
      long interval = alignedInterval(archive, timestamp);
      io.writePoint(archive, interval, value);
      ArchiveInfo higher = archive;
      for (ArchiveInfo lower : archives.subList(index + 1, archives.size())) {
        if (!io.propagate(interval, higher, lower)) {
          break;
        }
        higher = lower;
      }
    } catch (InternalError e) {
      throw mappingFault(e);
    }
  }

  /**
   * Writes many points, as whisper.py's {@code update_many}: each goes to the first archive
   * whose retention covers its age (future points to archive 0), older than every archive are
   * dropped, and within one interval the greatest timestamp wins, the first given on ties.
   *
   * @throws IllegalArgumentException if the interval of a point that would be written does not
   *     fit the file's unsigned 32 bits (nothing is written)
   */
  public void updateMany(List<Point> points, long now) throws IOException {
    try {
      requireWritable();
      if (points.isEmpty()) {
        return;
      }
      List<ArchiveInfo> archives = header.archives();
      // Only a point that is kept must fit: whisper.py drops older points unseen (a bogus 0 or
      // negative timestamp costs only that point) and packs the aligned interval.
      for (Point point : points) {
        long age = now - point.timestamp();
        for (ArchiveInfo archive : archives) {
          if (archive.retention() >= age) {
            alignedInterval(archive, point.timestamp());
            break;
          }
        }
      }
      List<Point> newestFirst = new ArrayList<>(points);
      // stable; a plain lambda (docs/startup.md)
      newestFirst.sort((x, y) -> Long.compare(y.timestamp(), x.timestamp()));
      int current = 0;
      List<Point> currentPoints = new ArrayList<>();
      for (Point point : newestFirst) {
        long age = now - point.timestamp();
        while (current < archives.size() && archives.get(current).retention() < age) {
          commit(archives.get(current), currentPoints);
          current++;
        }
        if (current == archives.size()) {
          break; // older than every archive: dropped, as whisper.py does
        }
        currentPoints.add(point);
      }
      if (current < archives.size()) {
        commit(archives.get(current), currentPoints);
      }
    } catch (InternalError e) {
      throw mappingFault(e);
    }
  }

  private void commit(ArchiveInfo archive, List<Point> newestFirst) throws IOException {
    if (!newestFirst.isEmpty()) {
      io.updateMany(archive, newestFirst.reversed());
      newestFirst.clear();
    }
  }

  /**
   * Writes chronologically ordered points straight into archive {@code index} and propagates
   * them: whisper.py's {@code __archive_update_many}, as merge uses it.
   *
   * @throws IllegalArgumentException if an aligned interval does not fit the file's unsigned 32
   *     bits (nothing is written; stored, it would wrap to a 1970s timestamp)
   */
  void updateArchive(int index, List<Point> chronological) throws IOException {
    try {
      requireWritable();
      ArchiveInfo archive = header.archive(index);
      for (Point point : chronological) {
        alignedInterval(archive, point.timestamp());
      }
      if (!chronological.isEmpty()) {
        io.updateMany(archive, chronological);
      }
    } catch (InternalError e) {
      throw mappingFault(e);
    }
  }

  /**
   * Reads every slot of archive {@code index} in ring order, slot 0 first; a slot whose
   * timestamp is 0 is empty.
   */
  Slots readSlots(int index) throws IOException {
    try {
      ArchiveInfo archive = header.archive(index);
      long[] timestamps = new long[(int) archive.points()];
      double[] values = new double[(int) archive.points()];
      io.readAll(archive, timestamps, values);
      return new Slots(archive, timestamps, values);
    } catch (InternalError e) {
      throw mappingFault(e);
    }
  }

  /**
   * Returns a reader of archive {@code index}'s slots for a scan in ring order, which copies
   * into {@code chunk} a part at a time instead of decoding the whole ring.
   */
  SlotReader slotReader(int index, byte[] chunk) throws IOException {
    return new SlotReader(storage, header.archive(index), chunk);
  }

  /**
   * Writes {@code value} into the slot of {@code interval} (aligned to the archive's step) of
   * archive {@code index}, without propagating; in an empty archive it becomes slot 0.
   */
  public void writeSlot(int index, long interval, double value) throws IOException {
    try {
      requireWritable();
      ArchiveInfo archive = header.archive(index);
      if (!Unsigned.isU32(interval) || Math.floorMod(interval, archive.secondsPerPoint()) != 0) {
        throw new IllegalArgumentException("interval " + interval + " is not aligned to "
            + archive.secondsPerPoint() + " seconds or does not fit in 32 bits");
      }
      io.writePoint(archive, interval, value);
    } catch (InternalError e) {
      throw mappingFault(e);
    }
  }

  /**
   * Recomputes the interval of archive {@code lower} that holds {@code timestamp} from archive
   * {@code higher}, as whisper.py's {@code __propagate}.
   *
   * @return true if enough slots were known (the xFilesFactor) and a value was written
   */
  boolean propagate(long timestamp, int higher, int lower) throws IOException {
    try {
      requireWritable();
      return io.propagate(timestamp, header.archive(higher), header.archive(lower));
    } catch (InternalError e) {
      throw mappingFault(e);
    }
  }

  /**
   * Returns a storage over this file's bytes that holds writes in memory (reads see them) until
   * {@link #apply} writes them: a fill computes everything before it changes anything.
   */
  StagedWrites stage() {
    return new StagedWrites(storage, header);
  }

  /**
   * Writes what {@code staged} holds: first reserves the blocks of the pages it touches in a
   * sparse file, so that on a full file system the file is left untouched with "No space left
   * on device" instead of half-written, then writes in the order a rerun can finish from (see
   * {@link StagedWrites}).
   */
  void apply(StagedWrites staged) throws IOException {
    requireWritable();
    if (staged.isEmpty()) {
      return;
    }
    reserve(staged);
    staged.apply();
  }

  private static final long PAGE = 4096;

  // Where the file system cannot reserve (no fallocate, no native access, not the default file
  // system), the writes go ahead: a fault then names the cause, and the order still lets a
  // rerun finish.
  private void reserve(StagedWrites staged) throws IOException {
    if (!NativeAccess.reaches(path)) {
      return;
    }
    boolean ownFd = !(lock instanceof FileLock.Flock);
    int fd = lock instanceof FileLock.Flock flock
        ? flock.fd()
        : Posix.openReadWrite(path);
    try {
      if (Posix.nextHole(fd, header.headerSize()) >= header.fileSize()) {
        return; // no hole before the end of the data: every block is allocated already
      }
      for (long[] range : staged.pages(PAGE, header.fileSize())) {
        int errno = Posix.fallocate(fd, range[0], range[1] - range[0]);
        Optional<String> full = Posix.full(errno);
        if (full.isPresent()) {
          throw new FileSystemException(path.toString(), null, full.get());
        }
        if (errno != 0) {
          return; // cannot reserve here (EOPNOTSUPP and the like): write without
        }
      }
    } finally {
      if (ownFd) {
        Posix.close(fd);
      }
    }
  }

  // A fault on the mapping that the JVM delivered after the accessor returned (it may: see
  // MappedStorage.fault), caught where this file's callers would otherwise see an Error.
  private IOException mappingFault(InternalError e) {
    return MappedStorage.fault(path, header.fileSize(), e);
  }

  /** Rewrites the 16-byte metadata block (aggregation type, retention, xFilesFactor, count). */
  void writeMetadata(Header newHeader) throws IOException {
    requireWritable();
    storage.write(0, HeaderCodec.encodeMetadata(newHeader));
  }

  /** Forces every write so far to the storage device. */
  public void force() throws IOException {
    storage.force();
  }

  /** Releases the mapping, the channel and the lock, in that order; idempotent. */
  @Override
  public void close() throws IOException {
    IOException failure = closeAll(null, storage, channel, lock);
    if (failure != null) {
      throw failure;
    }
  }

  // Closes every resource even if one fails; reports the first failure, the rest suppressed.
  private static IOException closeAll(Throwable primary, AutoCloseable... resources) {
    IOException failure = null;
    for (AutoCloseable resource : resources) {
      if (resource == null) {
        continue;
      }
      try {
        resource.close();
      } catch (Exception e) {
        if (primary != null) {
          primary.addSuppressed(e);
        } else if (failure == null) {
          failure = e instanceof IOException io ? io : new IOException(e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    return failure;
  }

  // The slot interval `timestamp` falls in. whisper.py's struct.pack refuses one beyond 32 bits
  // too; written, it would wrap to a 1970s timestamp.
  private static long alignedInterval(ArchiveInfo archive, long timestamp) {
    long interval = timestamp - Math.floorMod(timestamp, archive.secondsPerPoint());
    if (!Unsigned.isU32(interval)) {
      throw new IllegalArgumentException("timestamp " + timestamp + " does not fit in 32 bits");
    }
    return interval;
  }

  private void requireWritable() {
    if (!writable) {
      throw new IllegalStateException("opened read-only: " + path);
    }
  }

  @Override
  public String toString() {
    return "WhisperFile(" + path + (lock != null ? ", locked" : "") + ")";
  }
}
