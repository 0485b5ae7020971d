package io.whisper.cli.dropin;

import io.whisper.core.ArchiveInfo;
import io.whisper.core.Header;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes a header with no checks at all, as whisper-dump's own reader does: only bytes that
 * are missing stop it. {@code HeaderCodec.readLenient} already refuses what whisper.py's
 * {@code info()} refuses (unknown aggregation type, xFilesFactor out of range), which dump shows.
 */
final class RawHeader {

  private RawHeader() {}

  static Header read(FileChannel channel, String path) throws IOException {
    ByteBuffer metadata = read(channel, 0, Header.METADATA_BYTES);
    if (metadata.remaining() < Header.METADATA_BYTES) {
      throw ScriptError.error("Unable to read header (" + path + ")");
    }
    long count = Integer.toUnsignedLong(metadata.getInt(12));
    List<ArchiveInfo> archives = new ArrayList<>();
    for (long i = 0; i < count; i++) {
      ByteBuffer info = read(channel, Header.headerSize(i), ArchiveInfo.BYTES);
      if (info.remaining() < ArchiveInfo.BYTES) {
        throw ScriptError.error("Unable to read archive" + i + " metadata (" + path + ")");
      }
      archives.add(new ArchiveInfo(Integer.toUnsignedLong(info.getInt(0)),
          Integer.toUnsignedLong(info.getInt(4)), Integer.toUnsignedLong(info.getInt(8))));
    }
    return new Header(Integer.toUnsignedLong(metadata.getInt(0)),
        Integer.toUnsignedLong(metadata.getInt(4)), metadata.getFloat(8), archives);
  }

  private static ByteBuffer read(FileChannel channel, long position, int length)
      throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length);
    while (buffer.hasRemaining() && channel.read(buffer, position + buffer.position()) >= 0) {
      // read until full or end of file
    }
    return buffer.flip();
  }
}
