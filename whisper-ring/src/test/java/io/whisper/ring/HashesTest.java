package io.whisper.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The hash functions on known values. */
class HashesTest {
  private static int fnvPosition(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return Hashes.fold16(Hashes.fnv1a32Signed(b, 0, b.length));
  }

  @Test
  void fnv1aPositionsOfTheRelaySamples() {
    // carbon-c-relay -t -d: hash_pos of the cluster.md samples
    assertEquals(20430, fnvPosition("foo.bar.baz"));
    assertEquals(22905, fnvPosition("sys.web01.cpu.user"));
    assertEquals(64707, fnvPosition("collectd.db-07.memory.used"));
  }

  @Test
  void fnv1aReferenceValues() {
    byte[] a = {'a'};
    assertEquals(0xe40c292c, Hashes.fnv1a32Unsigned(a, 0, 1)); // the FNV authors' test vector
    assertEquals(0xaf63dc4c8601ec8cL, Hashes.fnv1a64Signed(a, 0, 1));
    assertEquals(0x811c9dc5, Hashes.fnv1a32Signed(new byte[0], 0, 0));
  }

  @Test
  void signedAndUnsignedDifferOnlyFromByte0x80() {
    byte[] ascii = {'a', 'b', 0x7f};
    assertEquals(Hashes.fnv1a32Unsigned(ascii, 0, 3), Hashes.fnv1a32Signed(ascii, 0, 3));
    byte[] high = {'a', (byte) 0x80};
    // the relay's C sign-extends 0x80 to 0xffffff80 before the XOR
    int h = (0x811c9dc5 ^ 'a') * 16777619;
    assertEquals((h ^ 0xffffff80) * 16777619, Hashes.fnv1a32Signed(high, 0, 2));
    assertEquals((h ^ 0x80) * 16777619, Hashes.fnv1a32Unsigned(high, 0, 2));
  }

  @Test
  void md5PositionIsTheFirstTwoBytes() {
    byte[] empty = new byte[0];
    assertEquals(0xd41d, Hashes.md5Position(empty, 0, 0)); // md5("") = d41d8cd9...
  }

  @Test
  void jumpHashOfTheLampingVeachPaper() {
    // With one bucket everything is in bucket 0; the result never reaches the bucket count.
    assertEquals(0, JumpRing.bucket(123456789L, 1));
    for (long key = 0; key < 1000; key++) {
      int b = JumpRing.bucket(key, 10);
      assertEquals(true, b >= 0 && b < 10);
      // Growing from 10 to 11 buckets moves a key only to the new bucket.
      int grown = JumpRing.bucket(key, 11);
      assertEquals(true, grown == b || grown == 10, "key " + key);
    }
  }
}
