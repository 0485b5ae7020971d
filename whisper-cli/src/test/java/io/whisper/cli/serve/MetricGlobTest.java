package io.whisper.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** graphite's patterns, node by node, on bytes. */
class MetricGlobTest {
  static boolean matches(String pattern, String metric) {
    MetricGlob glob = MetricGlob.compile(pattern);
    String[] nodes = metric.split("\\.");
    for (int depth = 0; depth < nodes.length - 1; depth++) {
      if (!glob.mayEnter(depth, nodes[depth].getBytes(StandardCharsets.UTF_8))) {
        return false;
      }
    }
    byte[] last = (nodes[nodes.length - 1] + ".wsp").getBytes(StandardCharsets.UTF_8);
    return glob.matchesLast(nodes.length - 1, last, last.length - 4);
  }

  @Test
  void graphitePatterns() {
    assertTrue(matches("servers.*.cpu.{user,system}", "servers.web01.cpu.user"));
    assertTrue(matches("servers.*.cpu.{user,system}", "servers.db-07.cpu.system"));
    assertFalse(matches("servers.*.cpu.{user,system}", "servers.web01.cpu.idle"));
    assertFalse(matches("servers.*", "servers.web01.cpu"), "* stays in one node");
    assertTrue(matches("servers.web0?.x", "servers.web01.x"));
    assertFalse(matches("servers.web0?.x", "servers.web011.x"));
    assertTrue(matches("a.[a-c]x.[!z]", "a.bx.y"));
    assertFalse(matches("a.[a-c]x.[!z]", "a.dx.y"));
    assertFalse(matches("a.[a-c]x.[!z]", "a.ax.z"));
    assertTrue(matches("a.b+c.(d)", "a.b+c.(d)"), "regex characters are literal");
    assertTrue(matches("{a,c}.d", "c.d"));
    assertFalse(matches("{a,c}.d", "b.d"));
  }

  @Test
  void notAPattern() {
    assertThrows(IllegalArgumentException.class, () -> MetricGlob.compile("a.{b"));
    assertThrows(IllegalArgumentException.class, () -> MetricGlob.compile("a..b"));
    assertThrows(IllegalArgumentException.class, () -> MetricGlob.compile("a.[b"));
  }

  @Test
  void bytesThatAreNotUtf8() {
    MetricGlob glob = MetricGlob.compile("x*");
    byte[] odd = {'x', (byte) 0xff, '.', 'w', 's', 'p'};
    assertTrue(glob.matchesLast(0, odd, 2));
    assertEquals(0, WalkOrder.compare(odd, odd.clone()));
    assertTrue(WalkOrder.compare("a/b.wsp".getBytes(StandardCharsets.UTF_8),
        "a.wsp".getBytes(StandardCharsets.UTF_8)) < 0, "a folder's files before a.wsp");
    assertTrue(WalkOrder.compare("a/b.wsp".getBytes(StandardCharsets.UTF_8),
        "a b.wsp".getBytes(StandardCharsets.UTF_8)) < 0, "as the walk: folder a before 'a b'");
  }
}
