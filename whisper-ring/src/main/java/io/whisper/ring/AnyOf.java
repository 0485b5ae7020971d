package io.whisper.ring;

import java.util.List;

/** carbon-c-relay's {@code any_of}: the member at the name's FNV-1a 32 modulo the count. */
final class AnyOf implements Placement {
  private final List<List<Member>> single;

  AnyOf(List<Member> members) {
    this.single = members.stream().map(List::of).toList();
  }

  @Override
  public List<Member> owners(byte[] name, int offset, int length) {
    int hash = Hashes.fnv1a32Signed(name, offset, length);
    return single.get(Integer.remainderUnsigned(hash, single.size()));
  }
}
