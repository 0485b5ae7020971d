package io.whisper.ring;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds carbon's own ring (carbon-relay, carbonate; carbon's hashing.py and routers.py) as
 * carbon 1.0 and later do: a point whose position is taken moves to the next free position, so
 * positions depend on the order of DESTINATIONS; a metric's owners are the nodes met walking
 * clockwise, with {@code DIVERSE_REPLICAS} skipping nodes on a host already chosen.
 */
final class CarbonPointRing {
  private static final int POINTS_PER_NODE = 100;

  /** carbon's ROUTER_HASH_TYPE. */
  enum HashType {
    CARBON_CH,
    FNV1A_CH
  }

  private record Point(int position, int node) {}

  private CarbonPointRing() {}

  static PointRing build(HashType type, List<Member> nodes, int replication,
      boolean diverseReplicas) {
    BitSet taken = new BitSet();
    List<Point> points = new ArrayList<>(nodes.size() * POINTS_PER_NODE);
    for (int node = 0; node < nodes.size(); node++) {
      for (int i = 0; i < POINTS_PER_NODE; i++) {
        int position = type == HashType.FNV1A_CH
            ? fnvPosition(i + "-" + nodes.get(node).instance().orElse("None"))
            : md5Position(tupleText(nodes.get(node)) + ":" + i);
        while (taken.get(position)) {
          position++;
        }
        taken.set(position);
        points.add(new Point(position, node));
      }
    }
    // Positions are unique now: sorting by position is carbon's sort by (position, node).
    points.sort((a, b) -> Integer.compare(a.position(), b.position()));
    int n = points.size();
    int[] positions = new int[n];
    int[] owner = new int[n];
    for (int i = 0; i < n; i++) {
      positions[i] = points.get(i).position();
      owner[i] = points.get(i).node();
    }
    List<List<Member>> ownersFrom = new ArrayList<>(n);
    for (int start = 0; start < n; start++) {
      ownersFrom.add(destinations(owner, start, nodes, replication, diverseReplicas));
    }
    PointRing.NameHash nameHash = type == HashType.FNV1A_CH
        ? PointRing.NameHash.FNV1A_UNSIGNED
        : PointRing.NameHash.MD5;
    return new PointRing(nameHash, positions, ownersFrom);
  }

  /**
   * ConsistentHashingRouter.getDestinations over ConsistentHashRing.get_nodes: distinct nodes
   * clockwise from {@code start}, stopping one short of a full turn as get_nodes does.
   */
  private static List<Member> destinations(int[] owner, int start, List<Member> nodes,
      int replication, boolean diverse) {
    int n = owner.length;
    int last = Math.floorMod(start - 1, n);
    boolean[] seen = new boolean[nodes.size()];
    Set<String> usedHosts = new HashSet<>();
    List<Member> result = new ArrayList<>(replication);
    int seenCount = 0;
    for (int index = start; seenCount < nodes.size() && index != last && result.size() < replication;
        index = (index + 1) % n) {
      int node = owner[index];
      if (seen[node]) {
        continue;
      }
      seen[node] = true;
      seenCount++;
      Member member = nodes.get(node);
      if (!diverse || usedHosts.add(member.host())) {
        result.add(member);
      }
    }
    return List.copyOf(result);
  }

  /** Python's {@code str((server, instance))}, the text carbon_ch hashes for a node. */
  static String tupleText(Member node) {
    return "(" + PythonRepr.str(node.host()) + ", "
        + node.instance().map(PythonRepr::str).orElse("None") + ")";
  }

  private static int md5Position(String key) {
    byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
    return Hashes.md5Position(bytes, 0, bytes.length);
  }

  private static int fnvPosition(String key) {
    byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
    return Hashes.fold16(Hashes.fnv1a32Unsigned(bytes, 0, bytes.length));
  }
}
