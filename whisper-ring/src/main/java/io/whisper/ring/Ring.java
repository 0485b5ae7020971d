package io.whisper.ring;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where every metric lives: the owners of a metric name, in replica order, exactly as the
 * carbon-c-relay or carbon that reads the same ring file places it. Immutable and safe to share
 * between threads.
 */
public final class Ring {
  private final Placement placement;
  private final List<Member> members;
  private final int replication;
  private final String description;

  Ring(Placement placement, List<Member> members, int replication, String description) {
    this.placement = placement;
    this.members = List.copyOf(members);
    this.replication = replication;
    this.description = description;
  }

  /**
   * Reads a carbon-c-relay configuration (its {@code cluster} statements) or a carbon.conf (its
   * {@code [relay]} section), told apart by their content. For a relay configuration {@code
   * clusterName} picks the cluster, by default the only consistent-hash one; for a carbon.conf it
   * names the instance whose {@code [relay:NAME]} section overrides {@code [relay]}.
   */
  public static Ring load(Path ringFile, Optional<String> clusterName) throws RingException {
    return RingFiles.load(ringFile, clusterName);
  }

  /**
   * The owners of a metric name, first replica first, as the relay prints them. The name ends at
   * its first space, as in the relay's test mode: a whole plaintext line places like its name.
   */
  public List<Member> owners(String metric) {
    byte[] bytes = metric.getBytes(StandardCharsets.UTF_8);
    return owners(bytes, 0, bytes.length);
  }

  /**
   * {@link #owners(String)} for the name in {@code bytes[offset, offset + length)}: raw bytes as
   * they arrive on the wire, which need not be UTF-8.
   */
  public List<Member> owners(byte[] bytes, int offset, int length) {
    return placement.owners(bytes, offset, MetricName.nameLength(bytes, offset, length));
  }

  /** The members in the order the ring file lists them. */
  public List<Member> members() {
    return members;
  }

  /** How many owners each metric has. */
  public int replication() {
    return replication;
  }

  /** The algorithm behind this ring, for tests that compare its inner workings. */
  Placement placement() {
    return placement;
  }

  /** What places the metrics, in words: {@code "carbon-c-relay fnv1a_ch cluster 'main' of FILE"}. */
  public String description() {
    return description;
  }
}
