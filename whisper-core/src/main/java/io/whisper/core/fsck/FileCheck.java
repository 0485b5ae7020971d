package io.whisper.core.fsck;

import io.whisper.core.CorruptWhisperFileException;
import io.whisper.core.Finding;
import io.whisper.core.Header;
import io.whisper.core.HeaderCodec;
import io.whisper.core.HeaderValidator;
import io.whisper.core.Severity;
import io.whisper.core.os.Failures;
import io.whisper.core.os.FileProbe;
import io.whisper.core.os.FileReads;
import io.whisper.core.os.OpenFolder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Checks one whisper file for corruption (rows 1 to 20 and 30 of docs/format.md section 2.4,
 * and with {@code deep} rows 21 to 25 and 29).
 *
 * <p>The default check reads only the header through positional reads (no mmap), so it costs a
 * few hundred bytes of I/O per file and is fit for trees of millions of files. The deep check
 * also reads every slot, in bounded chunks.
 *
 * <p>Thread-safe: it holds no state beyond its settings.
 *
 * @param deep whether to read the archives too
 * @param now the time, in Unix seconds, against which points count as in the future
 */
public record FileCheck(boolean deep, long now) {

  /**
   * The magic that starts a go-whisper compressed file: {@code compressedMagicString} in
   * go-graphite/go-whisper's compress.go and whisper.go, followed by one version byte.
   */
  static final byte[] COMPRESSED_MAGIC = "whisper_compressed".getBytes(StandardCharsets.US_ASCII);

  private static final int START_BYTES = 512;

  // The first bytes of the file being checked, one array per scanning thread: nothing read
  // from them outlives the check.
  private static final ThreadLocal<byte[]> START =
      ThreadLocal.withInitial(() -> new byte[START_BYTES]);

  /** Checks {@code path}; never throws for bad content or I/O errors, it returns them. */
  public CheckResult check(Path path) {
    return checkIn(null, null, path);
  }

  /**
   * Checks the file {@code name} of the held {@code folder}, opening it by name there (see
   * {@link OpenFolder}); as {@link #check(Path)} otherwise.
   *
   * @param path the folder's path resolved with {@code name}: the path the result names
   */
  public CheckResult check(OpenFolder folder, String name, Path path) {
    return checkIn(Objects.requireNonNull(folder), name, path);
  }

  // folder: null to open the file by its path
  private CheckResult checkIn(OpenFolder folder, String name, Path path) {
    try {
      if (deep) {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
          return check(path, channel);
        }
      }
      // The header check: four system calls on the default file system (FileProbe), and a
      // channel only in the rare case the first bytes do not hold the whole header.
      FileProbe.Start start = folder == null
          ? FileProbe.read(path, START_BYTES)
          : FileProbe.read(folder, name, path, START.get());
      try (OnDemandChannel more = new OnDemandChannel(path)) {
        return analyze(path, start.size(), start.bytes(), more, null);
      }
    } catch (IOException e) {
      return new CheckResult.Unreadable(path, Failures.reason(e));
    }
  }

  /** Checks an open file; the channel's position is not used. */
  public CheckResult check(Path path, FileChannel channel) throws IOException {
    long size = channel.size();
    ByteBuffer start = FileReads.readFully(channel, 0, (int) Math.min(size, START_BYTES));
    return analyze(path, size, start,
        (position, length) -> FileReads.readFully(channel, position, length),
        deep ? channel : null);
  }

  // One read serves the magic, the metadata and the descriptors of up to 40 archives.
  private CheckResult analyze(Path path, long size, ByteBuffer start,
      HeaderCodec.ByteRanges more, FileChannel deepChannel) throws IOException {
    if (start.limit() > COMPRESSED_MAGIC.length
        && Arrays.equals(start.array(), 0, COMPRESSED_MAGIC.length,
            COMPRESSED_MAGIC, 0, COMPRESSED_MAGIC.length)) {
      return new CheckResult.Compressed(path, size, Byte.toUnsignedInt(start.get(COMPRESSED_MAGIC.length)));
    }
    Header header;
    try {
      header = HeaderCodec.readLenient(more, path, size, start);
    } catch (CorruptWhisperFileException e) {
      return new CheckResult.Corrupt(path, size, List.of(e.finding()));
    }
    List<Finding> findings = HeaderValidator.check(header, size);
    if (deepChannel != null && !anyCorrupt(findings)) {
      findings = new ArrayList<>(findings);
      findings.addAll(DeepCheck.check(deepChannel, header, now));
    }
    return verdict(path, size, findings);
  }

  /** A channel opened only if the decoder asks for bytes beyond the first ones. */
  private static final class OnDemandChannel implements HeaderCodec.ByteRanges, AutoCloseable {
    private final Path path;
    private FileChannel channel;

    OnDemandChannel(Path path) {
      this.path = path;
    }

    @Override
    public ByteBuffer read(long position, int length) throws IOException {
      if (channel == null) {
        channel = FileChannel.open(path, StandardOpenOption.READ);
      }
      return FileReads.readFully(channel, position, length);
    }

    @Override
    public void close() throws IOException {
      if (channel != null) {
        channel.close();
      }
    }
  }

  private static boolean anyCorrupt(List<Finding> findings) {
    for (Finding finding : findings) {
      if (finding.severity() == Severity.CORRUPT) {
        return true;
      }
    }
    return false;
  }

  private static CheckResult verdict(Path path, long size, List<Finding> findings) {
    if (findings.isEmpty()) {
      return new CheckResult.Healthy(path, size);
    }
    // A stable sort: corrupt findings first, each group keeping the order it was checked in.
    List<Finding> sorted = new ArrayList<>(findings);
    sorted.sort((x, y) -> x.severity().compareTo(y.severity())); // see Retention.validate
    return sorted.getFirst().severity() == Severity.CORRUPT
        ? new CheckResult.Corrupt(path, size, sorted)
        : new CheckResult.Warnings(path, size, sorted);
  }
}
