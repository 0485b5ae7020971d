package io.whisper.cli.cluster;

import io.whisper.ring.Member;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * What rebalance does for one metric, worked out from the nodes that hold it and the ring's
 * owners (node indices in the cluster's node list): each owner gets the metric from every
 * holder that could have points it lacks, and the copies on non-owners are retired once every
 * owner's copy is verified.
 *
 * @param path the metric's path below the roots
 * @param holders the nodes that hold it, in node order
 * @param owners the nodes that own it, in replica order
 * @param transfers what is shipped where, in order
 * @param retire the non-owners whose copies go to their trash (with --delete), else empty
 */
record MetricMove(byte[] path, List<Integer> holders, List<Integer> owners,
    List<Transfer> transfers, List<Integer> retire) {

  /**
   * One copy shipped: from {@code source} to {@code owner}; {@code create} when the owner has
   * no file yet (the first transfer to it publishes, the others fill).
   */
  record Transfer(int source, int owner, boolean create) {}

  /**
   * Plans one metric, or returns null when there is nothing to do: every owner holds it and
   * no non-owner does. An owner that holds it is filled from the non-owners only (what other
   * owners hold they keep); an owner that lacks it gets it from every holder, so it ends with
   * the union of their points. An owner for which {@code fromEveryHolder} holds is filled from
   * every other holder, other owners too: with --fill-replicas every owner (a replica carbon
   * has just made holds only the points since), and on a rerun the owners whose copy the
   * killed run made (it may have been killed before the other holders' copies were filled in).
   */
  static MetricMove plan(byte[] path, List<Integer> holders, List<Member> ownerMembers,
      Map<Member, Integer> nodeOf, boolean delete, IntPredicate fromEveryHolder) {
    List<Integer> owners = new ArrayList<>();
    for (Member member : ownerMembers) {
      Integer index = nodeOf.get(member);
      if (index != null) {
        owners.add(index);
      }
    }
    List<Integer> strays = new ArrayList<>();
    for (int holder : holders) {
      if (!owners.contains(holder)) {
        strays.add(holder);
      }
    }
    List<Transfer> transfers = new ArrayList<>();
    for (int owner : owners) {
      boolean holds = holders.contains(owner);
      boolean first = true;
      for (int source : holds && !fromEveryHolder.test(owner) ? strays : holders) {
        if (source != owner) {
          transfers.add(new Transfer(source, owner, !holds && first));
          first = false;
        }
      }
    }
    List<Integer> retire = delete ? strays : List.of();
    if (transfers.isEmpty() && retire.isEmpty()) {
      return null;
    }
    return new MetricMove(path, List.copyOf(holders), List.copyOf(owners),
        List.copyOf(transfers), List.copyOf(retire));
  }

  /** Returns true if none of the copies is on an owner: the ring moves it away whole. */
  boolean away() {
    for (int holder : holders) {
      if (owners.contains(holder)) {
        return false;
      }
    }
    return true;
  }
}
