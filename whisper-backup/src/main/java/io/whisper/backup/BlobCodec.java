package io.whisper.backup;

import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import io.airlift.compress.zstd.ZstdCompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import java.io.IOException;

/**
 * How a blob's bytes are stored: a format byte, then for zstd the raw length (4 bytes, big
 * endian) and the frame. File chunks are byte-shuffled in 12-byte slots before zstd (each
 * point's timestamps' bytes together, then its values' bytes): similar bytes meet, and zstd
 * keeps about 28% of a whisper file instead of 47% (docs/backup.md).
 *
 * <p>zstd is zstd-jni's (the C library, level 1) where its native library loads, else
 * aircompressor's pure Java (its one level, 3): both write and read the same frames, so a
 * repository written with one is read with the other.
 */
public final class BlobCodec {
  /** Stored as is (too small or incompressible). */
  static final byte RAW = 0;
  /** zstd. */
  static final byte ZSTD = 1;
  /** The 12-byte shuffle, then zstd. */
  static final byte SHUFFLED_ZSTD = 2;

  private static final int SLOT = 12;
  // Level 1, not 3: on shuffled 16 KiB chunks of whisper files twice as fast (zstd-jni, one
  // core: 530 to 770 MB/s against 340 to 390) for 3% more bytes (11.9% of the raw bytes
  // against 11.5%); compressing is most of a full backup's CPU (docs/backup.md).
  private static final int LEVEL = 1;
  /** True if zstd-jni's native library is loaded. */
  static final boolean NATIVE = loadNative();
  private static final ThreadLocal<ZstdCompressor> COMPRESSOR =
      ThreadLocal.withInitial(ZstdCompressor::new);
  private static final ThreadLocal<ZstdDecompressor> DECOMPRESSOR =
      ThreadLocal.withInitial(ZstdDecompressor::new);
  // One context per thread, reused: its tables are allocated once, not per chunk.
  private static final ThreadLocal<ZstdCompressCtx> NATIVE_COMPRESSOR =
      ThreadLocal.withInitial(() -> new ZstdCompressCtx().setLevel(LEVEL).setChecksum(false));
  private static final ThreadLocal<ZstdDecompressCtx> NATIVE_DECOMPRESSOR =
      ThreadLocal.withInitial(ZstdDecompressCtx::new);
  // Scratch arrays per thread (the shuffled chunk, the frame before it is cut to size): a
  // backup encodes tens of thousands of chunks, and fresh arrays for each kept the young
  // generation collecting several times a second.
  private static final ThreadLocal<byte[][]> SCRATCH =
      ThreadLocal.withInitial(() -> new byte[2][0]);

  private static boolean loadNative() {
    if (Boolean.getBoolean("whisper.backup.pureJavaZstd")) {
      return false;
    }
    try {
      com.github.luben.zstd.util.Native.load();
      return com.github.luben.zstd.util.Native.isLoaded();
    } catch (UnsatisfiedLinkError | RuntimeException e) {
      return false;
    }
  }

  private BlobCodec() {}

  /** Encodes {@code length} bytes from {@code offset}, shuffled if {@code shuffle}. */
  public static byte[] encode(byte[] raw, int offset, int length, boolean shuffle) {
    byte[][] scratch = SCRATCH.get();
    byte[] input = raw;
    int inputOffset = offset;
    if (shuffle) {
      input = scratch(scratch, 0, length);
      shuffle(raw, offset, length, input);
      inputOffset = 0;
    }
    int written;
    byte[] out;
    if (NATIVE) {
      out = scratch(scratch, 1, 5 + (int) com.github.luben.zstd.Zstd.compressBound(length));
      written = NATIVE_COMPRESSOR.get().compressByteArray(
          out, 5, out.length - 5, input, inputOffset, length);
    } else {
      ZstdCompressor compressor = COMPRESSOR.get();
      out = scratch(scratch, 1, 5 + compressor.maxCompressedLength(length));
      written = compressor.compress(input, inputOffset, length, out, 5, out.length - 5);
    }
    if (written + 5 >= length + 1) {
      byte[] stored = new byte[length + 1];
      stored[0] = RAW;
      System.arraycopy(raw, offset, stored, 1, length);
      return stored;
    }
    out[0] = shuffle ? SHUFFLED_ZSTD : ZSTD;
    out[1] = (byte) (length >>> 24);
    out[2] = (byte) (length >>> 16);
    out[3] = (byte) (length >>> 8);
    out[4] = (byte) length;
    return java.util.Arrays.copyOf(out, written + 5);
  }

  // The thread's scratch array {@code which}, at least {@code length} bytes.
  private static byte[] scratch(byte[][] scratch, int which, int length) {
    if (scratch[which].length < length) {
      scratch[which] = new byte[length];
    }
    return scratch[which];
  }

  /** Decodes a stored blob; throws if it is not one. */
  public static byte[] decode(byte[] stored) throws IOException {
    if (stored.length == 0) {
      throw new IOException("empty blob");
    }
    byte format = stored[0];
    if (format == RAW) {
      return java.util.Arrays.copyOfRange(stored, 1, stored.length);
    }
    if ((format != ZSTD && format != SHUFFLED_ZSTD) || stored.length < 5) {
      throw new IOException("unknown blob format " + format);
    }
    int length = ((stored[1] & 0xff) << 24) | ((stored[2] & 0xff) << 16)
        | ((stored[3] & 0xff) << 8) | (stored[4] & 0xff);
    if (length < 0 || length > (1 << 30)) {
      throw new IOException("blob claims " + length + " bytes");
    }
    byte[] out = new byte[length];
    int read;
    try {
      read = NATIVE
          ? NATIVE_DECOMPRESSOR.get().decompressByteArray(
              out, 0, length, stored, 5, stored.length - 5)
          : DECOMPRESSOR.get().decompress(stored, 5, stored.length - 5, out, 0, length);
    } catch (RuntimeException e) {
      throw new IOException("corrupt zstd frame: " + e.getMessage(), e);
    }
    if (read != length) {
      throw new IOException("zstd frame holds " + read + " bytes, not " + length);
    }
    return format == SHUFFLED_ZSTD ? unshuffle(out) : out;
  }

  // Byte k of every 12-byte slot, for k = 0..11; a tail shorter than a slot stays at the end.
  private static void shuffle(byte[] raw, int offset, int length, byte[] out) {
    int slots = length / SLOT;
    int at = 0;
    for (int k = 0; k < SLOT; k++) {
      for (int s = 0; s < slots; s++) {
        out[at++] = raw[offset + s * SLOT + k];
      }
    }
    System.arraycopy(raw, offset + slots * SLOT, out, at, length - slots * SLOT);
  }

  static byte[] unshuffle(byte[] shuffled) {
    int length = shuffled.length;
    byte[] out = new byte[length];
    int slots = length / SLOT;
    int at = 0;
    for (int k = 0; k < SLOT; k++) {
      for (int s = 0; s < slots; s++) {
        out[s * SLOT + k] = shuffled[at++];
      }
    }
    System.arraycopy(shuffled, at, out, slots * SLOT, length - slots * SLOT);
    return out;
  }
}
