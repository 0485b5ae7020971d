package io.whisper.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading carbon-c-relay configurations: the cluster grammar, and what is refused, with where. */
class RelayConfigTest {
  @TempDir Path dir;

  private Ring load(String text, String cluster) throws Exception {
    return Ring.load(Files.writeString(dir.resolve("relay.conf"), text), Optional.ofNullable(cluster));
  }

  private String error(String text, String cluster) throws Exception {
    Path conf = Files.writeString(dir.resolve("relay.conf"), text);
    String message = assertThrows(RingException.class,
        () -> Ring.load(conf, Optional.ofNullable(cluster))).getMessage();
    return message.replace(conf.toString(), "FILE");
  }

  @Test
  void readsMembersInstancesPortsAndIpv6() throws Exception {
    Ring ring = load("""
        # comment; with a semicolon
        statistics submit every 60 seconds prefix with carbon.relays.x;
        listen type linemode 2003 proto tcp;
        cluster "main"   # a quoted name
            fnv1a_ch replication 2 dynamic
                10.0.0.1:2004=a proto tcp type linemode transport plain
                10.0.0.2=007
                [::1]:2005
                [fe80::2]
            ;
        match "^never;here" send to main;
        aggregate ^sys\\.(.*)$ every 10 seconds expire after 35 seconds
            compute sum write to sum.\\1;
        """, null);
    assertEquals(List.of(new Member("10.0.0.1", 2004, Optional.of("a")),
            new Member("10.0.0.2", 2003, Optional.of("7")),
            new Member("::1", 2005, Optional.empty()),
            new Member("fe80::2", 2003, Optional.empty())),
        ring.members());
    assertEquals(2, ring.replication());
    assertEquals("10.0.0.1:2004=a", ring.members().getFirst().label());
  }

  @Test
  void picksTheOnlyConsistentHashClusterOrTheNamedOne() throws Exception {
    String text = """
        cluster fwd forward 10.0.0.9:2003;
        cluster a carbon_ch 10.0.0.1:2003 10.0.0.2:2003;
        cluster b jump_fnv1a_ch replication 2 10.0.0.1:2003 10.0.0.2:2003;
        cluster c any_of 10.0.0.3:2003 10.0.0.4:2003;
        cluster d failover 10.0.0.5:2003 10.0.0.6:2003;
        """;
    assertEquals("FILE: 2 consistent-hash clusters; pick one with --cluster (a, b)",
        error(text, null));
    assertEquals(2, load(text, "b").replication());
    assertEquals(List.of(new Member("10.0.0.5", 2003, Optional.empty())),
        load(text, "d").owners("anything"));
    assertEquals("FILE:1: cluster 'fwd' is a forward cluster, not a ring: it sends every metric"
        + " to every member", error(text, "fwd"));
    assertEquals(2, load("cluster a carbon_ch 10.0.0.1:2003 10.0.0.2:2003;", null)
        .members().size());
    assertEquals("FILE: no consistent-hash cluster; name one with --cluster (clusters: c)",
        error("cluster c any_of 10.0.0.3:2003 10.0.0.4:2003;", null));
  }

  @Test
  void refusesWhatTheRelayRefuses() throws Exception {
    assertEquals("FILE:2: unknown cluster type 'consistent_hash' (expected forward, any_of,"
        + " failover, carbon_ch, fnv1a_ch, jump_fnv1a_ch or file)",
        error("cluster x\n  consistent_hash 10.0.0.1:2003;\n", null));
    assertEquals("FILE:1: replication count must be between 1 and 255, not 0",
        error("cluster x carbon_ch replication 0 10.0.0.1:2003;", null));
    assertEquals("FILE:1: replication count must be between 1 and 255, not 300",
        error("cluster x carbon_ch replication 300 10.0.0.1:2003;", null));
    assertEquals("FILE:2: cluster 'x' is defined twice",
        error("cluster x carbon_ch 10.0.0.1:2003;\ncluster x fnv1a_ch 10.0.0.1:2003;", "x"));
    assertEquals("FILE:1: cluster 'x' lists 10.0.0.1:2003 twice",
        error("cluster x carbon_ch 10.0.0.1:2003 10.0.0.1;", null));
    assertEquals("FILE:1: expected ']' in '[::1:2003'",
        error("cluster x carbon_ch [::1:2003;", null));
    assertEquals("FILE:3: syntax error: unexpected 'clusterx' (expected a statement: cluster,"
        + " match, rewrite, aggregate, send, statistics, listen or include)",
        error("cluster x carbon_ch 10.0.0.1:2003;\n\nclusterx;", null));
    assertEquals("FILE:1: unterminated string", error("cluster \"x carbon_ch\n;", null));
    assertEquals("FILE:1: expected a member host:port, found ';'",
        error("cluster x carbon_ch replication 1;", null));
    assertEquals("FILE:1: cluster 'x' uses useall, whose members come from DNS at start-up;"
        + " list the addresses instead", error("cluster x any_of useall 10.0.0.1:2003;", "x"));
    StringBuilder big = new StringBuilder("cluster x fnv1a_ch\n");
    for (int i = 1; i <= 65; i++) {
      big.append("  10.0.1.").append(i).append(":2003\n");
    }
    assertEquals("FILE:1: cluster 'x' has 65 members; carbon-c-relay allows at most 64",
        error(big.append(";\n").toString(), null));
  }
}
