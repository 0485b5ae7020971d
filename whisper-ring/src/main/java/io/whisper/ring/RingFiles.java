package io.whisper.ring;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Reads a ring file of either kind and picks the cluster. */
final class RingFiles {
  private RingFiles() {}

  static Ring load(Path path, Optional<String> clusterName) throws RingException {
    String file = path.toString();
    String text;
    try {
      text = Files.readString(path);
    } catch (CharacterCodingException e) {
      throw new RingException(file + ": not a text file (not UTF-8)");
    } catch (IOException e) {
      throw new RingException(file + ": cannot read: " + reason(e));
    }
    if (CarbonConf.looksLikeCarbonConf(text)) {
      return CarbonConf.load(file, text, clusterName);
    }
    return relay(file, RelayConfig.parse(file, text), clusterName);
  }

  private static Ring relay(String file, List<RelayConfig.Cluster> clusters,
      Optional<String> clusterName) throws RingException {
    RelayConfig.Cluster cluster;
    if (clusterName.isPresent()) {
      cluster = clusters.stream().filter(c -> c.name().equals(clusterName.get())).findFirst()
          .orElseThrow(() -> new RingException(file + ": no cluster '" + clusterName.get()
              + "' (clusters: " + names(clusters) + ")"));
    } else {
      List<RelayConfig.Cluster> rings =
          clusters.stream().filter(c -> c.type().consistentHash()).toList();
      if (rings.size() != 1) {
        throw new RingException(file + ": " + (rings.isEmpty()
            ? "no consistent-hash cluster; name one with --cluster (clusters: "
                + names(clusters) + ")"
            : rings.size() + " consistent-hash clusters; pick one with --cluster ("
                + names(rings) + ")"));
      }
      cluster = rings.getFirst();
    }
    String description = "carbon-c-relay " + cluster.type().keyword + " cluster '"
        + cluster.name() + "' of " + file;
    String at = file + ":" + cluster.line() + ": ";
    List<Member> members = cluster.members();
    Placement placement = switch (cluster.type()) {
      case CARBON_CH -> RelayPointRings.carbonCh(members, cluster.replication());
      case FNV1A_CH -> RelayPointRings.fnv1aCh(members, cluster.replication());
      case JUMP_FNV1A_CH -> new JumpRing(members, cluster.replication());
      case ANY_OF -> new AnyOf(noUseAll(at, cluster));
      case FAILOVER -> new Failover(noUseAll(at, cluster));
      case FORWARD, FILE -> throw new RingException(at + "cluster '" + cluster.name() + "' is a "
          + cluster.type().keyword + " cluster, not a ring: it sends every metric to every member");
    };
    return new Ring(placement, members, cluster.replication(), description);
  }

  private static List<Member> noUseAll(String at, RelayConfig.Cluster cluster)
      throws RingException {
    if (cluster.useAll()) {
      throw new RingException(at + "cluster '" + cluster.name()
          + "' uses useall, whose members come from DNS at start-up; list the addresses instead");
    }
    return cluster.members();
  }

  private static String names(List<RelayConfig.Cluster> clusters) {
    return clusters.isEmpty() ? "none"
        : clusters.stream().map(RelayConfig.Cluster::name).collect(Collectors.joining(", "));
  }

  private static String reason(IOException e) {
    return switch (e) {
      case NoSuchFileException _ -> "no such file";
      case AccessDeniedException _ -> "permission denied";
      default -> e.getMessage() == null ? e.toString() : e.getMessage();
    };
  }
}
