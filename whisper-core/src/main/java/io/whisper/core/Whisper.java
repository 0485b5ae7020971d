package io.whisper.core;

import io.whisper.core.os.NativeAccess;
import io.whisper.core.os.Posix;
import io.whisper.core.os.SafeCopy;
import io.whisper.core.os.SyncedFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** Creating whisper files and changing their aggregation settings. */
public final class Whisper {
  private static final int ZERO_CHUNK = 16384;

  private Whisper() {}

  /** Creates {@code path} with whisper.py's defaults: xFilesFactor 0.5, average, zero-filled. */
  public static Header create(Path path, List<Retention> archives) throws IOException {
    return create(path, archives, 0.5, AggregationMethod.AVERAGE, Allocation.ZERO_FILL, false);
  }

  /**
   * Creates a whisper file byte-identical to whisper.py's {@code create}.
   *
   * <p>Unlike whisper.py, everything is validated before anything is written, and the file is
   * written under a temporary name in the same folder and then linked into place, so a reader
   * or carbon never sees a half-written header, a failure leaves no file behind, and a file
   * created meanwhile by someone else is never replaced.
   *
   * @param archives the schema, in any order (it is sorted by precision)
   * @param fsync force the file and its folder to disk before returning
   * @return the header written
   * @throws IllegalArgumentException with whisper.py's message for a bad schema, xFilesFactor or
   *     an existing file ("File PATH already exists!")
   */
  public static Header create(
      Path path, List<Retention> archives, double xFilesFactor, AggregationMethod method,
      Allocation allocation, boolean fsync) throws IOException {
    Header header = header(archives, xFilesFactor, method);
    if (Files.exists(path)) {
      throw new IllegalArgumentException("File " + path + " already exists!");
    }
    Path dir = path.toAbsolutePath().getParent();
    Path temp = SafeCopy.temporaryBeside(path);
    try {
      writeNewFile(temp, header, allocation, fsync);
      publish(temp, path);
    } finally {
      Files.deleteIfExists(temp);
    }
    if (fsync) {
      SyncedFiles.forceDirectory(dir);
    }
    return header;
  }

  /**
   * Returns the header {@code create} writes for a schema: archives sorted by precision and laid
   * out one after another, maxRetention the longest retention.
   */
  public static Header header(List<Retention> archives, double xFilesFactor, AggregationMethod method) {
    List<Retention> sorted = Retention.validate(archives);
    float xff = checkXFilesFactor(xFilesFactor);
    long offset = Header.headerSize(sorted.size());
    long maxRetention = 0;
    List<ArchiveInfo> infos = new ArrayList<>();
    for (Retention r : sorted) {
      infos.add(new ArchiveInfo(offset, r.secondsPerPoint(), r.points()));
      offset += r.points() * Point.BYTES;
      maxRetention = Math.max(maxRetention, r.retention());
    }
    return new Header(method.code(), maxRetention, xff, infos);
  }

  /**
   * Checks an xFilesFactor as whisper.py does, and also refuses NaN (which whisper.py stores,
   * leaving a file it cannot read again).
   *
   * @return the value as the float32 the file stores
   */
  public static float checkXFilesFactor(double xFilesFactor) {
    if (!Header.validXFilesFactor(xFilesFactor)) {
      throw new IllegalArgumentException(
          "Invalid xFilesFactor " + pythonRepr(xFilesFactor) + ", not between 0 and 1");
    }
    return (float) xFilesFactor;
  }

  private static void writeNewFile(Path temp, Header header, Allocation allocation, boolean fsync)
      throws IOException {
    try (FileChannel channel =
        FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      long dataStart = header.headerSize();
      long dataSize = header.fileSize() - dataStart;
      channel.write(ByteBuffer.wrap(HeaderCodec.encode(header)), 0);
      boolean allocated = allocation == Allocation.FALLOCATE && fallocate(temp, dataStart, dataSize);
      if (!allocated && dataSize > 0) {
        if (allocation == Allocation.SPARSE) {
          channel.write(ByteBuffer.allocate(1), header.fileSize() - 1);
        } else {
          writeZeros(channel, dataStart, dataSize);
        }
      }
      if (fsync) {
        channel.force(true);
      }
    }
  }

  private static boolean fallocate(Path file, long offset, long length) throws IOException {
    if (length == 0 || !NativeAccess.reaches(file)) {
      return false;
    }
    int fd = Posix.openReadWrite(file);
    try {
      return Posix.fallocate(fd, offset, length) == 0;
    } finally {
      Posix.close(fd);
    }
  }

  private static void writeZeros(FileChannel channel, long position, long length)
      throws IOException {
    ByteBuffer zeros = ByteBuffer.allocate(ZERO_CHUNK);
    long end = position + length;
    while (position < end) {
      zeros.clear().limit((int) Math.min(ZERO_CHUNK, end - position));
      position += channel.write(zeros, position);
    }
  }

  // Published as SafeCopy publishes: never replacing a file that appeared meanwhile (carbon
  // may have created it), which whisper.py reports as an existing file.
  private static void publish(Path temp, Path path) throws IOException {
    if (SafeCopy.publish(temp, path) == SafeCopy.Outcome.TARGET_EXISTS) {
      throw new IllegalArgumentException("File " + path + " already exists!");
    }
  }

  // Python's repr for the values an xFilesFactor message can show.
  private static String pythonRepr(double value) {
    if (Double.isNaN(value)) {
      return "nan";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "inf" : "-inf";
    }
    return Double.toString(value).replace("E", "e");
  }
}
