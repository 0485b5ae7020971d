package io.whisper.ring;

import java.util.List;

/** One placement algorithm over a fixed list of members. */
sealed interface Placement permits PointRing, JumpRing, AnyOf, Failover {
  /** The owners of the name in {@code name[offset, offset + length)}, already cut at a space. */
  List<Member> owners(byte[] name, int offset, int length);
}
