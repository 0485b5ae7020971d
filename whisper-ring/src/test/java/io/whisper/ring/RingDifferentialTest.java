package io.whisper.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * whisper-ring against the live carbon-c-relay ({@code -t -d}) and carbon's own router, on
 * fresh random names and member lists every run: every algorithm, 3, 10, 40 and 64 members
 * (40 and more have position collisions), with instances and without, replication 1 to 3,
 * names with non-ASCII bytes, spaces, tabs and tags. Zero mismatches; the count is printed.
 * Set {@code -Dring.seed=N} to replay a run.
 */
@Tag("slow")
class RingDifferentialTest {
  private static final int NAMES_PER_RING = 25_000;

  private record Spec(String algorithm, int members, boolean instances, int replication,
      boolean diverse) {
    String label() {
      return algorithm + "/" + members + (instances ? "+instances" : "") + "/r" + replication
          + (algorithm.startsWith("carbon:") && !diverse ? "/not-diverse" : "");
    }
  }

  private static final List<Spec> RELAY = List.of(
      new Spec("carbon_ch", 3, false, 1, true),
      new Spec("carbon_ch", 10, true, 2, true),
      new Spec("carbon_ch", 40, false, 3, true),
      new Spec("carbon_ch", 64, true, 3, true),
      new Spec("fnv1a_ch", 3, true, 1, true),
      new Spec("fnv1a_ch", 10, false, 3, true),
      new Spec("fnv1a_ch", 40, true, 2, true),
      new Spec("jump_fnv1a_ch", 3, false, 2, true),
      new Spec("jump_fnv1a_ch", 10, true, 3, true),
      new Spec("jump_fnv1a_ch", 40, false, 1, true),
      new Spec("any_of", 10, false, 1, true),
      new Spec("failover", 3, true, 1, true));

  private static final List<Spec> CARBON = List.of(
      new Spec("carbon:carbon_ch", 3, false, 1, true),
      new Spec("carbon:carbon_ch", 10, true, 2, true),
      new Spec("carbon:carbon_ch", 40, false, 3, false),
      new Spec("carbon:fnv1a_ch", 10, true, 2, true),
      new Spec("carbon:fnv1a_ch", 40, true, 3, false));

  @TempDir Path dir;

  @Test
  void placesEveryNameAsTheRelayAndCarbonDo() throws Exception {
    Oracles.assumeAvailable();
    long seed = Long.getLong("ring.seed", System.nanoTime());
    Random random = new Random(seed);
    int names = 0;
    int mismatches = 0;
    List<String> failures = new ArrayList<>();
    for (Spec spec : RELAY) {
      Path namesFile = dir.resolve("names");
      Files.write(namesFile, RandomNames.lines(random, NAMES_PER_RING));
      Path conf = dir.resolve("relay.conf");
      Files.writeString(conf, relayConf(spec, random));
      List<byte[]> lines = NameLines.of(Files.readAllBytes(namesFile));
      RelayTestOutput relay = Oracles.relay(conf, namesFile);
      assertEquals(lines.size(), relay.answers().size(), spec.label() + ": relay answers");
      Ring ring = Ring.load(conf, Optional.of("ring"));
      Comparison c = Comparison.relay(ring, lines, relay);
      if (!relay.ringDump().isEmpty() && !relay.ringDump().equals(Comparison.ringDump(ring))) {
        failures.add(spec.label() + ": the ring dump differs");
      }
      names += c.names();
      mismatches += record(spec, c, failures);
    }
    for (Spec spec : CARBON) {
      Path namesFile = dir.resolve("names");
      Files.write(namesFile, RandomNames.lines(random, NAMES_PER_RING));
      Path conf = dir.resolve("carbon.conf");
      Files.writeString(conf, carbonConf(spec, random));
      List<byte[]> lines = RingGoldenTest.utf8(NameLines.of(Files.readAllBytes(namesFile)));
      Ring ring = Ring.load(conf, Optional.empty());
      Comparison c = Comparison.carbon(ring, lines, Oracles.carbon(conf, namesFile));
      names += c.names();
      mismatches += record(spec, c, failures);
    }
    System.out.printf("RingDifferentialTest: %d names over %d rings (seed %d): %d mismatches%n",
        names, RELAY.size() + CARBON.size(), seed, mismatches);
    assertTrue(failures.isEmpty(), "seed " + seed + ":\n" + String.join("\n", failures));
    assertTrue(names >= 200_000, "only " + names + " names compared");
  }

  private static int record(Spec spec, Comparison c, List<String> failures) {
    System.out.printf("  %-36s %6d names, %d mismatches%n", spec.label(), c.names(),
        c.mismatchCount());
    if (c.mismatchCount() > 0) {
      failures.add(spec.label() + ": " + c.mismatchCount() + " of " + c.names() + " differ, e.g.\n"
          + String.join("\n", c.mismatches()));
    }
    return c.mismatchCount();
  }

  /**
   * Distinct IP literals (the relay resolves names), some sharing a host on another port where
   * the ring tells them apart (carbon's node is host and instance, the port not counted).
   */
  private static List<String[]> members(Spec spec, Random random) {
    boolean shareHosts = spec.instances() || !spec.algorithm().startsWith("carbon:");
    List<String[]> members = new ArrayList<>();
    Set<String> used = new HashSet<>();
    while (members.size() < spec.members()) {
      String host;
      int port;
      if (shareHosts && !members.isEmpty() && random.nextInt(5) == 0) {
        host = members.get(random.nextInt(members.size()))[0];
        port = 2003 + random.nextInt(1000);
      } else {
        host = "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
        port = random.nextBoolean() ? 2003 : 2003 + random.nextInt(1000);
      }
      if (!used.add(host + ":" + port)) {
        continue;
      }
      String instance = null;
      if (spec.instances()) {
        // Numbers of 1 to 4 digits and names mixed: the relay's jump order compares numbers as
        // numbers, which shows only where that differs from strcmp: 9 and 10 always do.
        instance = members.size() < 2 ? (members.isEmpty() ? "9" : "10")
            : random.nextBoolean() ? String.valueOf(random.nextInt(1 << random.nextInt(14)))
            : RandomNames.word(random, 1 + random.nextInt(6));
        if (!used.add("instance " + instance)) {
          used.remove(host + ":" + port);
          continue;
        }
      }
      members.add(new String[] {host, String.valueOf(port), instance});
    }
    return members;
  }

  private static String relayConf(Spec spec, Random random) {
    StringBuilder sb = new StringBuilder("# ").append(spec.label()).append('\n')
        .append("cluster ring\n    ").append(spec.algorithm());
    if (spec.algorithm().endsWith("_ch")) {
      sb.append(" replication ").append(spec.replication());
    }
    sb.append('\n');
    for (String[] m : members(spec, random)) {
      sb.append("        ").append(m[0]).append(':').append(m[1]);
      if (m[2] != null) {
        sb.append('=').append(m[2]);
      }
      sb.append('\n');
    }
    return sb.append("    ;\nmatch * send to ring stop;\n").toString();
  }

  private static String carbonConf(Spec spec, Random random) {
    List<String> destinations = new ArrayList<>();
    for (String[] m : members(spec, random)) {
      destinations.add(m[0] + ":" + m[1] + (m[2] == null ? "" : ":" + m[2]));
    }
    return "[relay]\nRELAY_METHOD = consistent-hashing\nROUTER_HASH_TYPE = "
        + spec.algorithm().substring("carbon:".length()) + "\nREPLICATION_FACTOR = "
        + spec.replication() + "\nDIVERSE_REPLICAS = " + (spec.diverse() ? "True" : "False")
        + "\nDESTINATIONS = " + String.join(",\n  ", destinations) + "\n";
  }
}
