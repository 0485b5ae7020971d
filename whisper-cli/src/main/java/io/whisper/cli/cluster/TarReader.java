package io.whisper.cli.cluster;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the members of a tar file in place: what {@link TarWriter} writes and what GNU tar
 * writes (ustar, GNU long names, GNU sparse members, pax path and size records), each member's
 * name as bytes, its type, and where its data lies in the file, so a member is read by
 * positional reads when it is needed, not kept. The whole archive is scanned before anything
 * is used: a damaged archive (a bad header checksum, a member cut short) is refused whole.
 */
final class TarReader {
  private static final int BLOCK = 512;

  /**
   * One member.
   *
   * @param name its name, as stored (bytes)
   * @param type its type byte ({@code '0'} regular, {@code 'S'} sparse, {@code '5'} folder...)
   * @param link the target of a link member, else empty
   * @param size the file's size once extracted
   * @param data where its stored bytes start in the archive
   * @param runs the runs of data stored one after the other at {@code data} (the rest zeros)
   * @param problem why the member cannot be read as a file (a pax sparse member), else null
   */
  record Member(byte[] name, byte type, byte[] link, long size, long data,
      List<TarWriter.Run> runs, String problem) {

    /** Returns true for a regular file, sparse or not. */
    boolean regular() {
      return type == '0' || type == 0 || type == '7' || type == 'S';
    }
  }

  private TarReader() {}

  /** Returns the members of the archive in {@code channel}; a damaged archive is an error. */
  static List<Member> members(FileChannel channel) throws IOException {
    long length = channel.size();
    List<Member> members = new ArrayList<>();
    byte[] longName = null;
    byte[] longLink = null;
    Pax pax = new Pax(null, -1, null);
    long at = 0;
    byte[] header = new byte[BLOCK];
    while (true) {
      if (at + BLOCK > length) {
        if (at == length && at > 0) {
          return members; // no end blocks: GNU tar reads such an archive too
        }
        throw new IOException("not a tar archive or cut short: no header at byte " + at);
      }
      read(channel, at, header);
      if (zero(header)) {
        return members; // the end of the archive
      }
      checkHeader(header, at, members.isEmpty());
      byte type = header[156];
      long stored = number(header, 124, 12, at);
      long data = at + BLOCK;
      long next = data + padded(stored);
      switch (type) {
        case 'L' -> longName = stringData(channel, data, stored, at);
        case 'K' -> longLink = stringData(channel, data, stored, at);
        case 'x' -> pax = Pax.parse(stringData(channel, data, stored, at), at);
        case 'g', 'V' -> { } // global pax records, a volume label: nothing for a member
        case 'M' -> throw new IOException("a multi-volume archive (member at byte " + at
            + "): join the volumes first");
        default -> {
          byte[] name = pax.path != null ? pax.path
              : longName != null ? longName : name(header);
          byte[] link = longLink != null ? longLink : field(header, 157, 100);
          long size = pax.size >= 0 ? pax.size : stored;
          if (pax.size >= 0 && type != 'S') {
            stored = pax.size;
            next = data + padded(stored);
          }
          List<TarWriter.Run> runs = stored > 0
              ? List.of(new TarWriter.Run(0, (int) Math.min(Integer.MAX_VALUE, stored)))
              : List.of();
          if (type == 'S') {
            Sparse sparse = sparseMap(channel, header, at, stored);
            runs = sparse.runs();
            size = sparse.size();
            data += sparse.extensions() * BLOCK; // the map's extension blocks come first
            next = data + padded(stored);
          }
          members.add(new Member(name, type, type == '1' || type == '2' ? link : new byte[0],
              size, data, runs, pax.problem));
          longName = null;
          longLink = null;
          pax = new Pax(null, -1, null);
        }
      }
      if (next > length) {
        throw new IOException("cut short: the member at byte " + at + " needs " + next
            + " bytes, the archive has " + length);
      }
      at = next;
    }
  }

  /**
   * Returns the file's bytes: the member's runs at their offsets, zeros elsewhere. The runs
   * were checked when the archive was read.
   */
  static byte[] contents(FileChannel channel, Member member) throws IOException {
    if (member.size() > Integer.MAX_VALUE - 8) {
      throw new IOException("a file of " + member.size() + " bytes is too large to restore");
    }
    byte[] file = new byte[(int) member.size()];
    long from = member.data();
    for (TarWriter.Run run : member.runs()) {
      ByteBuffer into = ByteBuffer.wrap(file, (int) run.offset(), run.length());
      readFully(channel, from, into);
      from += run.length();
    }
    return file;
  }

  // The values of a pax extended header that name a member: path and size.
  private record Pax(byte[] path, long size, String problem) {
    static Pax parse(byte[] records, long at) throws IOException {
      byte[] path = null;
      long size = -1;
      String problem = null;
      int i = 0;
      while (i < records.length) {
        int space = indexOf(records, (byte) ' ', i);
        int recordLength;
        try {
          recordLength = space < 0 ? -1
              : Integer.parseInt(new String(records, i, space - i, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
          recordLength = -1;
        }
        if (recordLength <= space - i || i + recordLength > records.length
            || records[i + recordLength - 1] != '\n') {
          throw new IOException("a broken pax header at byte " + at);
        }
        int equals = indexOf(records, (byte) '=', space + 1);
        if (equals < 0 || equals >= i + recordLength) {
          throw new IOException("a broken pax header at byte " + at);
        }
        String key = new String(records, space + 1, equals - space - 1, StandardCharsets.UTF_8);
        byte[] value = Arrays.copyOfRange(records, equals + 1, i + recordLength - 1);
        if (key.equals("path")) {
          path = value;
        } else if (key.equals("size")) {
          try {
            size = Long.parseLong(new String(value, StandardCharsets.US_ASCII));
          } catch (NumberFormatException e) {
            throw new IOException("a broken pax size at byte " + at, e);
          }
        } else if (key.startsWith("GNU.sparse.")) {
          problem = "a pax sparse member (tar --format=posix): not read; make the archive"
              + " with GNU tar's default format (tar -cSf)";
        }
        i += recordLength;
      }
      return new Pax(path, size, problem);
    }
  }

  /** An old GNU sparse member's map: its runs of data, the file's size, its extension blocks. */
  private record Sparse(List<TarWriter.Run> runs, long size, long extensions) {}

  // The map of an old GNU sparse member ('S'): up to 4 runs in the header, more in extension
  // blocks after it.
  private static Sparse sparseMap(FileChannel channel, byte[] header, long at, long stored)
      throws IOException {
    List<long[]> map = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      entry(header, 386 + i * 24, at, map);
    }
    long real = number(header, 483, 12, at);
    long block = at + BLOCK;
    byte[] extension = new byte[BLOCK];
    boolean more = header[482] != 0;
    while (more) {
      if (block + BLOCK > channel.size()) {
        throw new IOException("cut short in the sparse map of the member at byte " + at);
      }
      read(channel, block, extension);
      for (int i = 0; i < 21; i++) {
        entry(extension, i * 24, at, map);
      }
      more = extension[504] != 0;
      block += BLOCK;
    }
    List<TarWriter.Run> runs = new ArrayList<>();
    long end = 0;
    long total = 0;
    for (long[] entry : map) {
      if (entry[0] < end || entry[1] < 0 || entry[0] + entry[1] > real
          || entry[1] > Integer.MAX_VALUE) {
        throw new IOException("a broken sparse map in the member at byte " + at);
      }
      end = entry[0] + entry[1];
      total += entry[1];
      if (entry[1] > 0) {
        runs.add(new TarWriter.Run(entry[0], (int) entry[1]));
      }
    }
    if (total != stored) {
      throw new IOException("a sparse map that does not match its data in the member at byte "
          + at);
    }
    return new Sparse(List.copyOf(runs), real, (block - at - BLOCK) / BLOCK);
  }

  private static void entry(byte[] block, int offset, long at, List<long[]> map)
      throws IOException {
    if (block[offset] == 0) {
      return; // an unused entry
    }
    map.add(new long[] {number(block, offset, 12, at), number(block, offset + 12, 12, at)});
  }

  private static void checkHeader(byte[] header, long at, boolean first) throws IOException {
    long expected;
    try {
      expected = number(header, 148, 8, at);
    } catch (IOException e) {
      expected = -1; // not even a number: as bad as a wrong sum
    }
    long unsigned = 0;
    long signed = 0;
    for (int i = 0; i < BLOCK; i++) {
      int b = i >= 148 && i < 156 ? ' ' : header[i];
      unsigned += b & 0xff;
      signed += b;
    }
    if (expected != unsigned && expected != signed) {
      throw new IOException(first && at == 0
          ? "not a tar archive (" + kind(header) + ")"
          : "a damaged header at byte " + at + " (its checksum does not match)");
    }
  }

  // A guess at what a file that is no tar is, for the error.
  private static String kind(byte[] header) {
    int b0 = header[0] & 0xff;
    int b1 = header[1] & 0xff;
    if (b0 == 0x1f && b1 == 0x8b) {
      return "gzip-compressed: gunzip it first";
    }
    if (b0 == 0x28 && b1 == 0xb5 && (header[2] & 0xff) == 0x2f && (header[3] & 0xff) == 0xfd) {
      return "zstd-compressed: zstd -d it first";
    }
    if (b0 == 'B' && b1 == 'Z' && header[2] == 'h') {
      return "bzip2-compressed: bunzip2 it first";
    }
    if (b0 == 0xfd && b1 == '7' && header[2] == 'z' && header[3] == 'X') {
      return "xz-compressed: unxz it first";
    }
    return "no valid header at its start";
  }

  // A number field: octal digits (leading blanks, ended by a blank or NUL), or GNU's base-256.
  private static long number(byte[] block, int offset, int length, long at) throws IOException {
    if ((block[offset] & 0x80) != 0) {
      if ((block[offset] & 0x40) != 0) {
        throw new IOException("a negative number in the header at byte " + at);
      }
      long value = block[offset] & 0x3f;
      for (int i = 1; i < length; i++) {
        if (value >>> 55 != 0) {
          throw new IOException("a number too large in the header at byte " + at);
        }
        value = (value << 8) | (block[offset + i] & 0xff);
      }
      return value;
    }
    int i = offset;
    int end = offset + length;
    while (i < end && (block[i] == ' ' || block[i] == 0)) {
      i++;
    }
    long value = 0;
    for (; i < end && block[i] != ' ' && block[i] != 0; i++) {
      int digit = block[i] - '0';
      if (digit < 0 || digit > 7 || value >>> 60 != 0) {
        throw new IOException("a damaged header at byte " + at + " (not an octal number)");
      }
      value = value * 8 + digit;
    }
    return value;
  }

  // The name of a ustar header: the prefix (POSIX ustar only), a slash, the name.
  private static byte[] name(byte[] header) {
    byte[] name = field(header, 0, 100);
    boolean posix = header[257] == 'u' && header[262] == 0; // "ustar\0", not GNU's "ustar  \0"
    if (posix && header[345] != 0) {
      byte[] prefix = field(header, 345, 155);
      byte[] joined = Arrays.copyOf(prefix, prefix.length + 1 + name.length);
      joined[prefix.length] = '/';
      System.arraycopy(name, 0, joined, prefix.length + 1, name.length);
      return joined;
    }
    return name;
  }

  private static byte[] field(byte[] block, int offset, int length) {
    int end = offset;
    while (end < offset + length && block[end] != 0) {
      end++;
    }
    return Arrays.copyOfRange(block, offset, end);
  }

  // The data of a long-name or pax member, up to its first NUL (GNU ends names with one).
  private static byte[] stringData(FileChannel channel, long data, long length, long at)
      throws IOException {
    if (length > 1 << 20 || data + length > channel.size()) {
      throw new IOException("a broken long name or pax header at byte " + at);
    }
    byte[] bytes = new byte[(int) length];
    readFully(channel, data, ByteBuffer.wrap(bytes));
    int end = indexOf(bytes, (byte) 0, 0);
    return end < 0 ? bytes : Arrays.copyOf(bytes, end);
  }

  private static int indexOf(byte[] bytes, byte b, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private static long padded(long size) {
    return (size + BLOCK - 1) / BLOCK * BLOCK;
  }

  private static boolean zero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  private static void read(FileChannel channel, long at, byte[] block) throws IOException {
    readFully(channel, at, ByteBuffer.wrap(block));
  }

  private static void readFully(FileChannel channel, long at, ByteBuffer into)
      throws IOException {
    long position = at;
    while (into.hasRemaining()) {
      int read = channel.read(into, position);
      if (read < 0) {
        throw new IOException("cut short at byte " + position);
      }
      position += read;
    }
  }
}
