package io.whisper.core;

import io.whisper.core.os.FileReads;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads and writes whisper headers; the one place that knows the header's byte layout.
 *
 * <pre>
 * File        = Metadata ArchiveInfo{archiveCount} ArchiveData{archiveCount}
 * Metadata    = aggregationType:u32 maxRetention:u32 xFilesFactor:f32 archiveCount:u32
 * ArchiveInfo = offset:u32 secondsPerPoint:u32 points:u32
 * Point       = timestamp:u32 value:f64            (all big-endian)
 * </pre>
 */
public final class HeaderCodec {
  private static final String UNABLE_TO_READ_HEADER = "Unable to read header";
  // The metadata and up to eight archive descriptors.
  private static final int FIRST_READ_BYTES = Header.METADATA_BYTES + 8 * ArchiveInfo.BYTES;

  private HeaderCodec() {}

  /**
   * Reads the header of an open file and checks everything {@link HeaderValidator} checks.
   *
   * @throws CorruptWhisperFileException naming the first problem that makes the file corrupt
   */
  public static Header read(FileChannel channel, Path path) throws IOException {
    long fileSize = channel.size();
    // The metadata and the first descriptors in one read: opening a file for a fill of a tree
    // costs a handful of system calls, and this saves two of them.
    Header header = readLenient(channel, path, fileSize,
        FileReads.readFully(channel, 0, (int) Math.min(fileSize, FIRST_READ_BYTES)));
    Optional<Finding> corrupt = HeaderValidator.firstCorruption(header, fileSize);
    if (corrupt.isPresent()) {
      throw new CorruptWhisperFileException(path, corrupt.get(), null);
    }
    return header;
  }

  /**
   * Reads the header of an open file with whisper.py's checks only: the metadata must be
   * complete, with a known aggregation type and an xFilesFactor in [0, 1], and every archive
   * descriptor must be present. Nothing else is checked; {@code whisper info} shows such
   * headers as whisper.py does.
   *
   * @throws CorruptWhisperFileException if whisper.py would raise CorruptWhisperFile
   */
  public static Header readLenient(FileChannel channel, Path path) throws IOException {
    long fileSize = channel.size();
    return readLenient(channel, path, fileSize,
        FileReads.readFully(channel, 0, (int) Math.min(fileSize, Header.METADATA_BYTES)));
  }

  /** Reads byte ranges of a file, for a decoder that needs more than the bytes at hand. */
  @FunctionalInterface
  public interface ByteRanges {
    /** Returns up to {@code length} bytes from {@code position}, fewer only at end of file. */
    ByteBuffer read(long position, int length) throws IOException;
  }

  /**
   * {@link #readLenient(FileChannel, Path)} for a caller that has already read the file's size
   * and its first bytes, which saves a scan of millions of files two system calls per file.
   *
   * @param start the file's first bytes, index 0 being the file's first byte and the limit the
   *     number read (all of them, or at least 16 when the file has that many); descriptors
   *     beyond the limit are read from {@code channel}
   */
  public static Header readLenient(FileChannel channel, Path path, long fileSize, ByteBuffer start)
      throws IOException {
    return readLenient((position, length) -> FileReads.readFully(channel, position, length),
        path, fileSize, start);
  }

  /**
   * {@link #readLenient(FileChannel, Path, long, ByteBuffer)} reading what {@code start} lacks
   * (only for an all-zero check or more than a few dozen archives) through {@code more}.
   */
  public static Header readLenient(ByteRanges more, Path path, long fileSize, ByteBuffer start)
      throws IOException {
    if (fileSize == 0) {
      throw corrupt(path, Problem.EMPTY_FILE, "file is empty", UNABLE_TO_READ_HEADER);
    }
    if (start.limit() < Header.METADATA_BYTES) {
      throw corrupt(path, Problem.HEADER_TRUNCATED,
          format("file has %d bytes, fewer than the 16 of a header", fileSize),
          UNABLE_TO_READ_HEADER);
    }
    // Absolute reads from `start` itself: no view objects for a scan's millions of headers
    // (a view only for a caller's little-endian buffer: a duplicate reads big-endian).
    if (start.order() != ByteOrder.BIG_ENDIAN) {
      start = start.duplicate();
    }
    long aggregationType = Integer.toUnsignedLong(start.getInt(0));
    long maxRetention = Integer.toUnsignedLong(start.getInt(4));
    float xFilesFactor = start.getFloat(8);
    long archiveCount = Integer.toUnsignedLong(start.getInt(12));
    if (!AggregationMethod.isKnownCode(aggregationType)) {
      if (aggregationType == 0 && isAllZero(more, fileSize)) {
        throw corrupt(path, Problem.ALL_ZERO,
            format("all %d bytes are zero", fileSize), UNABLE_TO_READ_HEADER);
      }
      throw corrupt(path, Problem.UNKNOWN_AGGREGATION,
          format("aggregation type %d is not one of 1 to 8", aggregationType),
          UNABLE_TO_READ_HEADER);
    }
    if (!Header.validXFilesFactor(xFilesFactor)) {
      throw corrupt(path, Problem.INVALID_XFILESFACTOR,
          "xFilesFactor " + xFilesFactor + " is not between 0 and 1", UNABLE_TO_READ_HEADER);
    }
    long available = (fileSize - Header.METADATA_BYTES) / ArchiveInfo.BYTES;
    if (archiveCount > available) {
      throw corrupt(path, Problem.TOO_MANY_ARCHIVES,
          format("header claims %d archives but the file has room for %d descriptors",
              archiveCount, available),
          format("Unable to read archive%d metadata", available));
    }
    int count = (int) archiveCount;
    int infoBytes = count * ArchiveInfo.BYTES;
    boolean inStart = start.limit() >= Header.METADATA_BYTES + infoBytes;
    ByteBuffer infos = inStart ? start : more.read(Header.METADATA_BYTES, infoBytes);
    int first = inStart ? Header.METADATA_BYTES : 0;
    ArchiveInfo[] archives = new ArchiveInfo[count];
    for (int i = 0; i < count; i++) {
      int at = first + i * ArchiveInfo.BYTES;
      archives[i] = new ArchiveInfo(
          Integer.toUnsignedLong(infos.getInt(at)),
          Integer.toUnsignedLong(infos.getInt(at + 4)),
          Integer.toUnsignedLong(infos.getInt(at + 8)));
    }
    return new Header(aggregationType, maxRetention, xFilesFactor, List.of(archives));
  }

  /** Encodes {@code header}: the metadata and archive descriptors, nothing else. */
  public static byte[] encode(Header header) {
    ByteBuffer out = ByteBuffer.allocate((int) header.headerSize());
    out.put(encodeMetadata(header));
    for (ArchiveInfo archive : header.archives()) {
      out.putInt((int) archive.offset())
          .putInt((int) archive.secondsPerPoint())
          .putInt((int) archive.points());
    }
    return out.array();
  }

  /** Encodes the 16-byte metadata block of {@code header}. */
  public static byte[] encodeMetadata(Header header) {
    return ByteBuffer.allocate(Header.METADATA_BYTES)
        .putInt((int) header.aggregationType())
        .putInt((int) header.maxRetention())
        .putFloat(header.xFilesFactor())
        .putInt(header.archives().size())
        .array();
  }

  private static boolean isAllZero(ByteRanges file, long fileSize) throws IOException {
    final int chunk = 64 * 1024;
    for (long position = 0; position < fileSize; position += chunk) {
      ByteBuffer bytes = file.read(position, (int) Math.min(chunk, fileSize - position));
      if (!bytes.hasRemaining()) {
        break;
      }
      while (bytes.hasRemaining()) {
        if (bytes.get() != 0) {
          return false;
        }
      }
    }
    return true;
  }

  private static CorruptWhisperFileException corrupt(
      Path path, Problem problem, String message, String pythonDetail) {
    return new CorruptWhisperFileException(path, new Finding(problem, message), pythonDetail);
  }

  private static String format(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }
}
