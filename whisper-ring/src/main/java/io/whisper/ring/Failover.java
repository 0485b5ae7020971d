package io.whisper.ring;

import java.util.List;

/**
 * carbon-c-relay's {@code failover}: every metric goes to the first member while it is up. The
 * ring answers for a healthy cluster, as the relay's test mode does.
 */
final class Failover implements Placement {
  private final List<Member> first;

  Failover(List<Member> members) {
    this.first = List.of(members.getFirst());
  }

  @Override
  public List<Member> owners(byte[] name, int offset, int length) {
    return first;
  }
}
