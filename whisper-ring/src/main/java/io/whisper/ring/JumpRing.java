package io.whisper.ring;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * carbon-c-relay's {@code jump_fnv1a_ch}: one bucket per member, the Lamping-Veach jump hash of
 * the name's FNV-1a 64 picks the first; each further replica rehashes (xorshift) over the
 * buckets left after moving the last bucket into the chosen one's place.
 */
final class JumpRing implements Placement {
  private final Member[] buckets;
  private final int replication;

  JumpRing(List<Member> members, int replication) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < members.size(); i++) {
      order.add(i);
    }
    GlibcMergeSort.sort(order, bucketOrder(members));
    this.buckets = order.stream().map(members::get).toArray(Member[]::new);
    this.replication = replication;
  }

  @Override
  public List<Member> owners(byte[] name, int offset, int length) {
    long hash = Hashes.fnv1a64Signed(name, offset, length);
    Member[] left = buckets.clone();
    Member[] owners = new Member[replication];
    int count = left.length;
    for (int r = 0; r < replication; r++) {
      int j = bucket(hash, count);
      owners[r] = left[j];
      hash ^= hash >>> 12;
      hash ^= hash << 25;
      hash ^= hash >>> 27;
      hash *= 2685821657736338717L;
      left[j] = left[--count];
    }
    return List.of(owners);
  }

  /** The first bucket of a name, as the relay's {@code -d} prints it in {@code hash_pos(N)}. */
  int firstBucket(byte[] name, int offset, int length) {
    return bucket(Hashes.fnv1a64Signed(name, offset, length), buckets.length);
  }

  List<Member> buckets() {
    return List.of(buckets);
  }

  /** The jump consistent hash, in double precision as the relay computes it. */
  static int bucket(long key, int buckets) {
    long b = -1;
    long j = 0;
    while (j < buckets) {
      b = j;
      key = key * 2862933555777941757L + 1;
      j = (long) ((double) (b + 1) * ((double) (1L << 31) / (double) ((key >>> 33) + 1)));
    }
    return (int) b;
  }

  /**
   * The relay's bucket order: members with an instance first, compared as numbers when both
   * are, else as strings; then the others in config order.
   */
  private static Comparator<Integer> bucketOrder(List<Member> members) {
    return (l, r) -> {
      String il = members.get(l).instance().orElse(null);
      String ir = members.get(r).instance().orElse(null);
      if (il == null && ir == null) {
        return l - r;
      }
      if (il == null) {
        return 1;
      }
      if (ir == null) {
        return -1;
      }
      CStrtol nl = CStrtol.parse(il);
      if (nl.whole()) {
        CStrtol nr = CStrtol.parse(ir);
        if (nr.whole()) {
          return (int) (nl.value() - nr.value());
        }
      }
      return Arrays.compareUnsigned(
          il.getBytes(StandardCharsets.UTF_8), ir.getBytes(StandardCharsets.UTF_8));
    };
  }
}
