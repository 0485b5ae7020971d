package io.whisper.cli.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.whisper.ring.Member;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The plan for one metric: who gets which copy, and which copies are retired. */
class MetricMoveTest {
  static final Member A = new Member("10.0.0.1", 2003, Optional.empty());
  static final Member B = new Member("10.0.0.2", 2003, Optional.empty());
  static final Member C = new Member("10.0.0.3", 2003, Optional.empty());
  static final Map<Member, Integer> NODE_OF = Map.of(A, 0, B, 1, C, 2); // node 3: drained

  static MetricMove plan(List<Integer> holders, List<Member> owners, boolean delete) {
    return MetricMove.plan(new byte[] {'m'}, holders, owners, NODE_OF, delete, owner -> false);
  }

  @Test
  void inPlaceIsNothing() {
    assertNull(plan(List.of(0, 1), List.of(A, B), true));
  }

  @Test
  void ownerThatLacksItGetsEveryCopy() {
    MetricMove move = plan(List.of(0, 3), List.of(C), true);
    assertEquals(List.of(new MetricMove.Transfer(0, 2, true),
        new MetricMove.Transfer(3, 2, false)), move.transfers());
    assertEquals(List.of(0, 3), move.retire());
    assertTrue(move.away());
  }

  @Test
  void ownerThatHoldsItGetsOnlyTheStraysAndReplicasAreLeftAlone() {
    MetricMove move = plan(List.of(0, 1, 3), List.of(A, C), false);
    assertEquals(List.of(new MetricMove.Transfer(1, 0, false),
        new MetricMove.Transfer(3, 0, false), new MetricMove.Transfer(0, 2, true),
        new MetricMove.Transfer(1, 2, false), new MetricMove.Transfer(3, 2, false)),
        move.transfers());
    assertEquals(List.of(), move.retire(), "no --delete: nothing retired");
    assertFalse(move.away());
  }

  @Test
  void withoutDeleteAStrayNextToAllOwnersIsStillFilledIn() {
    MetricMove move = plan(List.of(0, 1), List.of(A), false);
    assertEquals(List.of(new MetricMove.Transfer(1, 0, false)), move.transfers());
  }

  @Test
  void anOwnerAKilledRunMadeIsFilledFromEveryOtherHolderOwnersToo() {
    // a killed run created C's copy from A and was killed before B's (an owner's) was filled
    // in: the rerun fills C from A and B, though C now holds it and B is an owner
    MetricMove move = MetricMove.plan(new byte[] {'m'}, List.of(0, 1, 2), List.of(B, C),
        NODE_OF, true, owner -> owner == 2);
    assertEquals(List.of(new MetricMove.Transfer(0, 1, false),
        new MetricMove.Transfer(0, 2, false), new MetricMove.Transfer(1, 2, false)),
        move.transfers());
    assertEquals(List.of(0), move.retire());
    assertNull(plan(List.of(1, 2), List.of(B, C), true), "without the journal: in place");
  }

  @Test
  void fillReplicasFillsEachOwnerFromTheOtherOwnersToo() {
    // the replication raised while carbon writes: B's file is the one carbon has just made
    assertNull(plan(List.of(0, 1), List.of(A, B), true), "by default replicas are left alone");
    MetricMove move = MetricMove.plan(new byte[] {'m'}, List.of(0, 1), List.of(A, B), NODE_OF,
        true, owner -> true);
    assertEquals(List.of(new MetricMove.Transfer(1, 0, false),
        new MetricMove.Transfer(0, 1, false)), move.transfers());
    assertEquals(List.of(), move.retire());
    MetricMove stray = MetricMove.plan(new byte[] {'m'}, List.of(0, 3), List.of(A, C), NODE_OF,
        true, owner -> true);
    assertEquals(List.of(new MetricMove.Transfer(3, 0, false),
        new MetricMove.Transfer(0, 2, true), new MetricMove.Transfer(3, 2, false)),
        stray.transfers(), "an owner that lacks it is created as before");
    assertEquals(List.of(3), stray.retire());
  }
}
