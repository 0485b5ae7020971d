package io.whisper.ring;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Builds carbon-c-relay's {@code carbon_ch} and {@code fnv1a_ch} rings as its
 * consistent-hash.c does: 100 points per member, sorted by position then host (then instance or
 * port), and where two points share a position the first in that order owns both.
 */
final class RelayPointRings {
  private static final int POINTS_PER_MEMBER = 100;
  // The relay formats each point's key into a char[256] with snprintf.
  private static final int KEY_BUFFER = 256;

  private RelayPointRings() {}

  private record Entry(int position, int member, byte[] host, byte[] instance, int port) {}

  static PointRing carbonCh(List<Member> members, int replication) {
    List<Entry> entries = entries(members, (m, i) -> {
      // Python's tuple text, as carbon hashed it before 1.0; the port takes no part.
      String instance = m.instance().map(s -> "'" + s + "'").orElse("None");
      byte[] key = pointKey("('" + m.host() + "', " + instance + "):" + i);
      return Hashes.md5Position(key, 0, key.length);
    });
    return build(PointRing.NameHash.MD5, entries, BY_POSITION_HOST_INSTANCE, members,
        replication);
  }

  static PointRing fnv1aCh(List<Member> members, int replication) {
    List<Entry> entries = entries(members, (m, i) -> {
      // The instance, when set, replaces host and port in the key.
      String text = m.instance().map(s -> i + "-" + s).orElse(i + "-" + m.host() + ":" + m.port());
      byte[] key = pointKey(text);
      return Hashes.fold16(Hashes.fnv1a32Signed(key, 0, key.length));
    });
    return build(PointRing.NameHash.FNV1A_SIGNED, entries, BY_POSITION_HOST_PORT, members,
        replication);
  }

  private interface PointHash {
    int position(Member member, int point);
  }

  private static byte[] key(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** A point's key as snprintf leaves it in the relay's buffer: cut to 255 bytes. */
  private static byte[] pointKey(String text) {
    byte[] key = key(text);
    return key.length < KEY_BUFFER ? key : Arrays.copyOf(key, KEY_BUFFER - 1);
  }

  private static List<Entry> entries(List<Member> members, PointHash hash) {
    List<Entry> entries = new ArrayList<>(members.size() * POINTS_PER_MEMBER);
    for (int m = 0; m < members.size(); m++) {
      Member member = members.get(m);
      byte[] host = key(member.host());
      byte[] instance = member.instance().map(RelayPointRings::key).orElse(null);
      for (int i = 0; i < POINTS_PER_MEMBER; i++) {
        entries.add(new Entry(hash.position(member, i), m, host, instance, member.port()));
      }
    }
    return entries;
  }

  private static PointRing build(PointRing.NameHash nameHash, List<Entry> entries,
      Comparator<Entry> order, List<Member> members, int replication) {
    GlibcMergeSort.sort(entries, order);
    int n = entries.size();
    int[] positions = new int[n];
    int[] owner = new int[n];
    for (int i = 0; i < n; i++) {
      positions[i] = entries.get(i).position();
      // A point at the position of the one before takes its owner: the first in order wins.
      owner[i] = i > 0 && positions[i] == positions[i - 1] ? owner[i - 1] : entries.get(i).member();
    }
    List<List<Member>> ownersFrom = new ArrayList<>(n);
    for (int start = 0; start < n; start++) {
      ownersFrom.add(walk(owner, start, replication, members));
    }
    return new PointRing(nameHash, positions, ownersFrom);
  }

  /** The first {@code replication} distinct owners clockwise from {@code start}. */
  private static List<Member> walk(int[] owner, int start, int replication, List<Member> members) {
    int[] found = new int[replication];
    int count = 0;
    for (int step = 0; step < owner.length && count < replication; step++) {
      int candidate = owner[(start + step) % owner.length];
      boolean seen = false;
      for (int j = 0; j < count && !seen; j++) {
        seen = found[j] == candidate;
      }
      if (!seen) {
        found[count++] = candidate;
      }
    }
    Member[] result = new Member[count];
    for (int j = 0; j < count; j++) {
      result[j] = members.get(found[j]);
    }
    return List.of(result);
  }

  // strcmp compares bytes as unsigned chars.
  private static int strcmp(byte[] a, byte[] b) {
    return Arrays.compareUnsigned(a, b);
  }

  private static final Comparator<Entry> BY_POSITION_HOST_INSTANCE = (l, r) -> {
    if (l.position() != r.position()) {
      return Integer.compare(l.position(), r.position());
    }
    int d = strcmp(l.host(), r.host());
    if (d != 0) {
      return d;
    }
    if (l.instance() == null || r.instance() == null) {
      // No instance sorts last.
      return (l.instance() == null ? 1 : 0) - (r.instance() == null ? 1 : 0);
    }
    return strcmp(l.instance(), r.instance());
  };

  private static final Comparator<Entry> BY_POSITION_HOST_PORT = (l, r) -> {
    if (l.position() != r.position()) {
      return Integer.compare(l.position(), r.position());
    }
    int d = strcmp(l.host(), r.host());
    return d != 0 ? d : Integer.compare(l.port(), r.port());
  };
}
