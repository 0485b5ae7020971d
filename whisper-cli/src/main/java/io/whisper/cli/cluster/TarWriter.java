package io.whisper.cli.cluster;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes a tar stream GNU tar reads back byte for byte: regular members, and sparse ones in
 * GNU's format (type 'S', the map of data runs in the header and its extensions), so the holes
 * of a whisper file (and its runs of zeros) take no room; names longer than 100 bytes in GNU
 * long-name members; names as bytes.
 */
final class TarWriter {
  private static final int BLOCK = 512;
  private static final int RECORD = 20 * BLOCK;
  private static final int HEADER_SPARSE = 4;
  private static final int EXTENSION_SPARSE = 21;

  private final OutputStream out;
  private long written;

  /** One run of data: {@code length} bytes at {@code offset} of the file. */
  record Run(long offset, int length) {}

  TarWriter(OutputStream out) {
    this.out = out;
  }

  /**
   * Writes one file: {@code data} holds the runs' bytes one after the other; the bytes between
   * runs and after the last one, up to {@code size}, are zeros.
   */
  void file(byte[] name, long size, long mtime, List<Run> runs, byte[] data, int dataLength)
      throws IOException {
    if (name.length > 100) {
      byte[] longName = new byte[name.length + 1];
      System.arraycopy(name, 0, longName, 0, name.length);
      byte[] header = header("././@LongLink".getBytes(StandardCharsets.US_ASCII), longName.length,
          0, (byte) 'L');
      finishHeader(header);
      write(header);
      write(longName);
      pad();
    }
    boolean dense = runs.size() == 1 && runs.getFirst().offset() == 0
        && runs.getFirst().length() == size;
    if (dense || size == 0) {
      byte[] header = header(name, size, mtime, (byte) '0');
      finishHeader(header);
      write(header);
    } else {
      sparseHeaders(name, size, mtime, runs, dataLength);
    }
    out.write(data, 0, dataLength);
    written += dataLength;
    pad();
  }

  /** Ends the archive: two zero blocks, padded to a whole record as tar does. */
  void finish() throws IOException {
    write(new byte[2 * BLOCK]);
    long rest = (RECORD - written % RECORD) % RECORD;
    write(new byte[(int) rest]);
    out.flush();
  }

  private void sparseHeaders(byte[] name, long size, long mtime, List<Run> runs, int dataLength)
      throws IOException {
    // a file that ends in a hole ends with an empty run at its size: tar extends it to there
    Run last = runs.isEmpty() ? null : runs.getLast();
    List<Run> map = new java.util.ArrayList<>(runs);
    if (last == null || last.offset() + last.length() < size) {
      map.add(new Run(size, 0));
    }
    byte[] header = header(name, dataLength, mtime, (byte) 'S');
    int at = 0;
    for (; at < Math.min(HEADER_SPARSE, map.size()); at++) {
      octal(header, 386 + at * 24, 12, map.get(at).offset());
      octal(header, 386 + at * 24 + 12, 12, map.get(at).length());
    }
    header[482] = (byte) (at < map.size() ? 1 : 0);
    octal(header, 483, 12, size);
    finishHeader(header);
    write(header);
    while (at < map.size()) {
      byte[] extension = new byte[BLOCK];
      for (int i = 0; i < EXTENSION_SPARSE && at < map.size(); i++, at++) {
        octal(extension, i * 24, 12, map.get(at).offset());
        octal(extension, i * 24 + 12, 12, map.get(at).length());
      }
      extension[504] = (byte) (at < map.size() ? 1 : 0);
      write(extension);
    }
  }

  private static byte[] header(byte[] name, long size, long mtime, byte type) {
    byte[] header = new byte[BLOCK];
    System.arraycopy(name, 0, header, 0, Math.min(100, name.length));
    octal(header, 100, 8, 0644);
    octal(header, 108, 8, 0);
    octal(header, 116, 8, 0);
    octal(header, 124, 12, size);
    octal(header, 136, 12, mtime);
    header[156] = type;
    byte[] magic = "ustar  \0".getBytes(StandardCharsets.US_ASCII); // GNU's magic and version
    System.arraycopy(magic, 0, header, 257, magic.length);
    return header;
  }

  private static void finishHeader(byte[] header) {
    for (int i = 148; i < 156; i++) {
      header[i] = ' ';
    }
    long sum = 0;
    for (byte b : header) {
      sum += b & 0xff;
    }
    octal(header, 148, 7, sum);
    header[155] = ' ';
  }

  // length - 1 octal digits, zero-padded, then a NUL
  private static void octal(byte[] to, int at, int length, long value) {
    String digits = Long.toOctalString(value);
    if (digits.length() > length - 1) {
      throw new IllegalArgumentException("value " + value + " too large for a tar field");
    }
    String padded = "0".repeat(length - 1 - digits.length()) + digits;
    for (int i = 0; i < length - 1; i++) {
      to[at + i] = (byte) padded.charAt(i);
    }
    to[at + length - 1] = 0;
  }

  private void write(byte[] bytes) throws IOException {
    out.write(bytes);
    written += bytes.length;
  }

  private void pad() throws IOException {
    int rest = (int) ((BLOCK - written % BLOCK) % BLOCK);
    write(new byte[rest]);
  }
}
