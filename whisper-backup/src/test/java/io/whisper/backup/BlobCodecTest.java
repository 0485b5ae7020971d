package io.whisper.backup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlift.compress.zstd.ZstdCompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The blob encoding: round trips, the shuffle, and zstd-jni and aircompressor interchangeable. */
class BlobCodecTest {

  // Whisper-like bytes: 12-byte points of rising timestamps and slowly moving values.
  private static byte[] points(int count, Random random) {
    ByteBuffer buffer = ByteBuffer.allocate(count * 12 + 7);
    double value = 100;
    for (int i = 0; i < count; i++) {
      value += random.nextInt(5) - 2;
      buffer.putInt(1_700_000_000 + 60 * i).putDouble(value);
    }
    buffer.put(new byte[] {1, 2, 3, 4, 5, 6, 7});
    return buffer.array();
  }

  @Test
  void encodedBlobsDecodeToTheirBytes() throws IOException {
    Random random = new Random(1);
    for (int length : new int[] {0, 1, 11, 12, 13, 4096, 16384, 16383}) {
      byte[] raw = new byte[length];
      random.nextBytes(raw);
      for (boolean shuffle : new boolean[] {false, true}) {
        assertArrayEquals(raw, BlobCodec.decode(BlobCodec.encode(raw, 0, length, shuffle)));
      }
    }
    byte[] whisper = points(1365, random);
    byte[] stored = BlobCodec.encode(whisper, 5, 16000, true);
    assertArrayEquals(java.util.Arrays.copyOfRange(whisper, 5, 16005), BlobCodec.decode(stored));
  }

  @Test
  void theShuffleMakesWhisperPointsSmaller() {
    byte[] whisper = points(1365, new Random(2));
    int plain = BlobCodec.encode(whisper, 0, whisper.length, false).length;
    int shuffled = BlobCodec.encode(whisper, 0, whisper.length, true).length;
    assertTrue(shuffled < plain * 0.8, shuffled + " vs " + plain);
  }

  @Test
  void framesOfEitherZstdAreReadByTheOther() throws IOException {
    byte[] whisper = points(1365, new Random(3));
    // aircompressor's frame, read by whichever BlobCodec uses here
    ZstdCompressor pure = new ZstdCompressor();
    byte[] frame = new byte[pure.maxCompressedLength(whisper.length)];
    int n = pure.compress(whisper, 0, whisper.length, frame, 0, frame.length);
    ByteBuffer stored = ByteBuffer.allocate(5 + n).put(BlobCodec.ZSTD).putInt(whisper.length)
        .put(frame, 0, n);
    assertArrayEquals(whisper, BlobCodec.decode(stored.array()));
    // BlobCodec's frame, read by aircompressor
    byte[] ours = BlobCodec.encode(whisper, 0, whisper.length, false);
    byte[] back = new byte[whisper.length];
    new ZstdDecompressor().decompress(ours, 5, ours.length - 5, back, 0, back.length);
    assertArrayEquals(whisper, back);
    assertTrue(BlobCodec.NATIVE, "zstd-jni's native library loads on this platform");
  }

  @Test
  void damagedBlobsAreRefused() {
    byte[] stored = BlobCodec.encode(points(100, new Random(4)), 0, 1207, true);
    stored[stored.length / 2] ^= 0x55;
    stored[0] = 9;
    assertThrows(IOException.class, () -> BlobCodec.decode(stored));
  }
}
