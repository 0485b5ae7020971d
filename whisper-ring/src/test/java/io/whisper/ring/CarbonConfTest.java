package io.whisper.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading carbon.conf as carbon does: [relay], an instance's [relay:NAME], ConfigParser rules. */
class CarbonConfTest {
  @TempDir Path dir;

  private static final String CONF = """
      [cache]
      LINE_RECEIVER_PORT = 2003
      DESTINATIONS = ignored:1

      [relay]
      ; carbon's comment styles
      # both
      relay_method: consistent-hashing
      REPLICATION_FACTOR = 2
      DIVERSE_REPLICAS = off
      DESTINATIONS = 10.0.0.1:2004:a,
         10.0.0.1:2104:b, [::1]:2004:c

      [relay:b]
      ROUTER_HASH_TYPE = fnv1a_ch
      REPLICATION_FACTOR = 1
      """;

  @Test
  void readsTheRelaySectionAndAnInstanceOverride() throws Exception {
    Path conf = Files.writeString(dir.resolve("carbon.conf"), CONF);
    Ring ring = Ring.load(conf, Optional.empty());
    assertEquals(List.of(new Member("10.0.0.1", 2004, Optional.of("a")),
        new Member("10.0.0.1", 2104, Optional.of("b")),
        new Member("::1", 2004, Optional.of("c"))), ring.members());
    assertEquals(2, ring.replication());
    // DIVERSE_REPLICAS off: two instances on one host may hold both replicas.
    assertEquals("carbon carbon_ch ring of " + conf + " [relay] without DIVERSE_REPLICAS",
        ring.description());
    Ring b = Ring.load(conf, Optional.of("b"));
    assertEquals(1, b.replication());
    assertEquals("carbon fnv1a_ch ring of " + conf + " [relay:b] without DIVERSE_REPLICAS",
        b.description());
  }

  @Test
  void refusesWhatCarbonCannotUse() throws Exception {
    assertEquals("FILE: no [relay:x] section", error(CONF, "x"));
    assertEquals("FILE:2: RELAY_METHOD rules is not supported (only consistent-hashing places"
        + " metrics by a ring whisper reads)",
        error("[relay]\nRELAY_METHOD = rules\nDESTINATIONS = a:1\n", null));
    assertEquals("FILE:2: DIVERSE_REPLICAS must be true or false, not 'maybe'",
        error("[relay]\nDIVERSE_REPLICAS = maybe\nDESTINATIONS = a:1\n", null));
    assertEquals("FILE:2: destination 'a' is not host:port[:instance]",
        error("[relay]\nDESTINATIONS = a:1, a\n", null));
    assertEquals("FILE:2: destination instance (a, None) is listed twice",
        error("[relay]\nDESTINATIONS = a:1, a:2\n", null));
    assertEquals("FILE: DESTINATIONS is not set", error("[relay]\nREPLICATION_FACTOR = 1\n", null));
    assertEquals("FILE: no [relay] section", error("[cache]\nA = 1\n", null));
  }

  private String error(String text, String instance) throws Exception {
    Path conf = Files.writeString(dir.resolve("carbon.conf"), text);
    return assertThrows(RingException.class,
        () -> Ring.load(conf, Optional.ofNullable(instance))).getMessage()
        .replace(conf.toString(), "FILE");
  }
}
