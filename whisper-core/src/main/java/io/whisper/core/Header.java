package io.whisper.core;

import java.util.List;

/**
 * A whisper file's header: 16 bytes of metadata ({@code aggregationType:u32 maxRetention:u32
 * xFilesFactor:f32 archiveCount:u32}) followed by one {@link ArchiveInfo} per archive.
 *
 * <p>The record holds exactly what the file says. A header decoded with {@link
 * HeaderCodec#decode} has passed every {@link HeaderValidator} check; one from {@link
 * HeaderCodec#decodeLenient} has passed only whisper.py's.
 *
 * @param aggregationType the on-disk aggregation code (1 to 8 in a valid file)
 * @param maxRetention the header's retention field, in seconds
 * @param xFilesFactor the stored float32 factor
 * @param archives the archive descriptors in file order
 */
public record Header(
    long aggregationType, long maxRetention, float xFilesFactor, List<ArchiveInfo> archives) {

  /** Bytes of the fixed metadata block. */
  public static final int METADATA_BYTES = 16;

  public Header {
    archives = List.copyOf(archives);
  }

  /**
   * Returns true if {@code xFilesFactor} is in [0, 1]: the one check, which also refuses NaN
   * (whisper.py's {@code not 0 <= xff <= 1} on reading; on writing whisper.py lets NaN through
   * and writes a file it cannot read again).
   */
  public static boolean validXFilesFactor(double xFilesFactor) {
    return xFilesFactor >= 0 && xFilesFactor <= 1;
  }

  /** Returns the aggregation method; the code must be known (it is in a validated header). */
  public AggregationMethod aggregationMethod() {
    return AggregationMethod.fromCode(aggregationType);
  }

  /** Returns the xFilesFactor widened to double, the value whisper.py compares against. */
  public double xFilesFactorAsDouble() {
    return xFilesFactor;
  }

  /** Returns the number of bytes the metadata and archive descriptors take. */
  public long headerSize() {
    return headerSize(archives.size());
  }

  /** Returns the header size of a file with {@code archiveCount} archives. */
  public static long headerSize(long archiveCount) {
    return METADATA_BYTES + ArchiveInfo.BYTES * archiveCount;
  }

  /** Returns the length the file must have: the end of its last archive. */
  public long fileSize() {
    long end = headerSize();
    for (int i = 0; i < archives.size(); i++) { // no iterator: fsck calls this for every file
      end = Math.max(end, archives.get(i).end());
    }
    return end;
  }

  /** Returns the archive at {@code index}. */
  public ArchiveInfo archive(int index) {
    return archives.get(index);
  }
}
