package io.whisper.ring;

import java.util.List;

/**
 * A ring of points (100 per member) in a 16-bit space, relay's or carbon's: a metric's owners
 * are the distinct members met walking clockwise from the first point at or after its hash.
 * Those depend only on the starting point, so they are computed once per point when the ring is
 * built, and a lookup is one hash and one binary search, without allocation.
 */
final class PointRing implements Placement {
  /** How a metric name becomes a position. */
  enum NameHash {
    /** carbon_ch: the first two bytes of the name's MD5. */
    MD5,
    /** the relay's fnv1a_ch: FNV-1a 32 over signed chars, folded to 16 bits. */
    FNV1A_SIGNED,
    /** carbon's fnv1a_ch: FNV-1a 32 over unsigned bytes, folded to 16 bits. */
    FNV1A_UNSIGNED;

    int position(byte[] name, int offset, int length) {
      return switch (this) {
        case MD5 -> Hashes.md5Position(name, offset, length);
        case FNV1A_SIGNED -> Hashes.fold16(Hashes.fnv1a32Signed(name, offset, length));
        case FNV1A_UNSIGNED -> Hashes.fold16(Hashes.fnv1a32Unsigned(name, offset, length));
      };
    }
  }

  private final NameHash nameHash;
  private final int[] positions;
  private final List<List<Member>> ownersFrom;

  /**
   * @param positions the points' positions, ascending
   * @param ownersFrom for each point, the owners of a name whose walk starts there
   */
  PointRing(NameHash nameHash, int[] positions, List<List<Member>> ownersFrom) {
    this.nameHash = nameHash;
    this.positions = positions.clone();
    this.ownersFrom = List.copyOf(ownersFrom);
  }

  @Override
  public List<Member> owners(byte[] name, int offset, int length) {
    return ownersFrom.get(startIndex(nameHash.position(name, offset, length)));
  }

  /** The first point at or after {@code position}, wrapping to the first point. */
  int startIndex(int position) {
    int low = 0;
    int high = positions.length;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (positions[mid] < position) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low == positions.length ? 0 : low;
  }

  /** The position of a name, as the relay's {@code -d} prints it in {@code hash_pos(N)}. */
  int position(byte[] name, int offset, int length) {
    return nameHash.position(name, offset, length);
  }

  /** The points in ring order, each with the member that owns it. */
  List<Point> points() {
    Point[] points = new Point[positions.length];
    for (int i = 0; i < points.length; i++) {
      points[i] = new Point(positions[i], ownersFrom.get(i).getFirst());
    }
    return List.of(points);
  }

  record Point(int position, Member member) {}
}
