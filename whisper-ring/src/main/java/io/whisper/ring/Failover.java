package io.whisper.ring;

import java.util.List;

/**
 * carbon-c-relay's {@code failover}: every metric goes to the first member while it is up. The
 * ring answers for a healthy cluster, as the relay's test mode does.
 */
final class Failover implements Placement {
  private final List<Member> members;
  private final List<Member> first;
  private final String description;

  Failover(List<Member> members, String description) {
    this.members = List.copyOf(members);
    this.first = List.of(this.members.getFirst());
    this.description = description;
  }

  @Override
  public List<Member> owners(byte[] name, int offset, int length) {
    return first;
  }

  @Override
  public List<Member> members() {
    return members;
  }

  @Override
  public int replication() {
    return 1;
  }

  @Override
  public String description() {
    return description;
  }
}
