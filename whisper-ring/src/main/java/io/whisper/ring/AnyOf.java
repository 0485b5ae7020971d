package io.whisper.ring;

import java.util.List;

/** carbon-c-relay's {@code any_of}: the member at the name's FNV-1a 32 modulo the count. */
final class AnyOf implements Placement {
  private final List<Member> members;
  private final List<List<Member>> single;
  private final String description;

  AnyOf(List<Member> members, String description) {
    this.members = List.copyOf(members);
    this.single = this.members.stream().map(List::of).toList();
    this.description = description;
  }

  @Override
  public List<Member> owners(byte[] name, int offset, int length) {
    int hash = Hashes.fnv1a32Signed(name, offset, length);
    return single.get(Integer.remainderUnsigned(hash, members.size()));
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
