package io.whisper.ring;

import java.util.List;

/** One placement algorithm over a fixed set of members. */
interface Placement {
    List<Member> owners(byte[] name, int offset, int length);

    List<Member> members();

    int replication();
}
