package io.whisper.cli.serve;

import io.whisper.core.ArchiveInfo;
import io.whisper.core.Header;
import io.whisper.core.HeaderCodec;
import io.whisper.core.Point;
import io.whisper.core.os.FileReads;
import io.whisper.core.os.HeldFolder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * The time of a whisper file's newest point: the largest timestamp in its first archive, the
 * finest, where every update lands. A file carbon keeps touching without new points (or one
 * copied with a fresh mtime) is told apart from a live one this way, which mtime cannot do.
 */
final class NewestPoint {
  private NewestPoint() {}

  /** Returns the newest timestamp, or 0 if the file has no point at all. */
  static long of(HeldFolder.OpenFile file, byte[] path) throws IOException {
    FileChannel channel = file.channel();
    Header header = HeaderCodec.read(channel, Path.of(RelativeName.show(path)));
    ArchiveInfo first = header.archive(0);
    ByteBuffer points = FileReads.readFully(channel, first.offset(), (int) first.byteSize());
    long newest = 0;
    for (int at = 0; at + Point.BYTES <= points.limit(); at += Point.BYTES) {
      newest = Math.max(newest, points.getInt(at) & 0xffffffffL);
    }
    return newest;
  }
}
