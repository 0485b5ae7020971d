package io.whisper.cli.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.whisper.cli.CliRun;
import io.whisper.core.AggregationMethod;
import io.whisper.core.Allocation;
import io.whisper.core.Retention;
import io.whisper.core.Whisper;
import io.whisper.core.WhisperFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every verb of {@code whisper cluster} against three sshd nodes on loopback, each answer
 * compared with the files on disk and with carbon-c-relay's placement (the oracle), the index
 * with graphite-web's build-index, the tar with GNU tar. Replication 2: every metric on both
 * owners, then one copy on a third node (misplaced, duplicated) and one owner's copy removed
 * (missing).
 */
@Tag("slow")
class ClusterVerbsTest {
  private static final long NOW = System.currentTimeMillis() / 1000;
  private static final List<Retention> SCHEMA = List.of(Retention.parse("60:1440"),
      Retention.parse("3600:720"));

  @TempDir
  static Path dir;
  static SshCluster cluster;
  static Path clusterFile;
  static List<String> names = new ArrayList<>();
  static Map<String, List<String>> owners;
  static String misplaced;
  static String missing;
  static String missingOn;
  static String extraNode;

  @BeforeAll
  static void startCluster() throws Exception {
    assumeTrue(RelayOracle.installed(), "carbon-c-relay is not installed (the ring oracle)");
    cluster = SshCluster.start(dir);
    clusterFile = cluster.writeClusterFile(2, null);
    for (String host : List.of("web01", "web02", "db-07")) {
      for (String metric : List.of("cpu.user", "cpu.system", "memory.used", "load.1m")) {
        names.add("servers." + host + "." + metric);
      }
    }
    names.add("collectd.app-one.requests");
    names.add("sparse.metric");
    names.add("stale.metric");
    owners = RelayOracle.owners(dir.resolve("relay.conf"), names);
    for (String name : names) {
      for (String owner : owners.get(name)) {
        create(node(owner), name, name.equals("sparse.metric"));
      }
    }
    // faults: one metric also on the node that does not own it, one owner missing a copy
    misplaced = names.get(0);
    for (int i = 0; i < 3; i++) {
      if (!owners.get(misplaced).contains(SshCluster.member(i))) {
        extraNode = SshCluster.member(i);
        create(i, misplaced, false);
      }
    }
    missing = names.get(1);
    missingOn = owners.get(missing).get(1);
    Files.delete(path(node(missingOn), missing));
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  static int node(String member) {
    return SshCluster.HOSTS.indexOf(member.substring(0, member.indexOf(':')));
  }

  static Path path(int node, String name) {
    return cluster.roots.get(node).resolve(name.replace('.', '/') + ".wsp");
  }

  // A whisper file with a point a minute for the last hour; stale.metric's newest point is
  // 20 days old, though its mtime is now.
  static void create(int node, String name, boolean sparse) throws IOException {
    Path file = path(node, name);
    Files.createDirectories(file.getParent());
    Whisper.create(file, SCHEMA, 0.5, AggregationMethod.AVERAGE,
        sparse ? Allocation.SPARSE : Allocation.ZERO_FILL, false);
    try (WhisperFile whisper = WhisperFile.openForUpdate(file)) {
      if (name.equals("stale.metric")) {
        long then = NOW - 20 * 86_400;
        whisper.update(1.5, then, then);
      } else if (!sparse) {
        for (int minute = 0; minute < 60; minute++) {
          whisper.update(minute + node, NOW - minute * 60, NOW);
        }
      } else {
        whisper.update(42, NOW, NOW);
      }
    }
    Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
  }

  static CliRun cluster(String... args) {
    List<String> all = new ArrayList<>(List.of("cluster", "-c", clusterFile.toString()));
    all.addAll(List.of(args));
    return CliRun.of(all.toArray(String[]::new));
  }

  // NAME<TAB>NODE for every file on disk: the expected listing, from the file system itself.
  static Set<String> onDisk() throws IOException {
    Set<String> lines = new TreeSet<>();
    for (int i = 0; i < 3; i++) {
      Path root = cluster.roots.get(i);
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : files.filter(p -> p.toString().endsWith(".wsp")).toList()) {
          String relative = root.relativize(file).toString();
          lines.add(relative.substring(0, relative.length() - 4).replace('/', '.') + "\t"
              + SshCluster.member(i));
        }
      }
    }
    return lines;
  }

  static Set<String> lines(String text) {
    return new TreeSet<>(text.isEmpty() ? List.of() : List.of(text.split("\n")));
  }

  @Test
  void listIsWhatIsOnDisk() throws IOException {
    CliRun run = cluster("list");
    assertEquals(0, run.status(), run.err());
    assertEquals(onDisk(), lines(run.out()));
    assertEquals(onDisk().size(), run.out().split("\n").length, "no line twice");
  }

  @Test
  void listWithPatterns() throws IOException {
    CliRun run = cluster("list", "servers.web0?.cpu.{user,system}", "collectd.*.requests");
    assertEquals(0, run.status(), run.err());
    Set<String> expected = new TreeSet<>();
    for (String line : onDisk()) {
      String name = line.substring(0, line.indexOf('\t'));
      if (name.matches("servers\\.web0.\\.cpu\\.(user|system)|collectd\\.[^.]*\\.requests")) {
        expected.add(line);
      }
    }
    assertEquals(expected, lines(run.out()));
  }

  @Test
  void checkFindsExactlyTheFaults() {
    CliRun run = cluster("check");
    assertEquals(1, run.status(), run.err());
    String owned = String.join(",", owners.get(misplaced));
    assertEquals(new TreeSet<>(List.of(
        "misplaced\t" + misplaced + "\t" + extraNode + "\t" + owned,
        "duplicate\t" + misplaced + "\t" + String.join(",", sortedNodes(owners.get(misplaced),
            extraNode)),
        "missing\t" + missing + "\t" + missingOn)), lines(run.out()));
    assertTrue(run.err().contains(names.size() + " metrics, 1 misplaced, 1 missing, 1 duplicated"),
        run.err());
  }

  @Test
  void checkAgreesWithWhisperLocate() throws IOException, InterruptedException {
    // the owners the files were placed by (the relay's) are whisper locate's too
    List<String> args = new ArrayList<>(List.of(cluster.tool.toString(), "locate", "-r",
        dir.resolve("relay.conf").toString()));
    args.addAll(names);
    Process process = new ProcessBuilder(args).redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.waitFor());
    CliRun locate = new CliRun(0, out, "");
    for (String line : locate.out().split("\n")) {
      String[] parts = line.split("\t");
      assertEquals(String.join(" ", owners.get(parts[0])), parts[1], line);
    }
    assertEquals(names.size(), locate.out().split("\n").length);
  }

  @Test
  void checkJsonAndPatterns() {
    CliRun clean = cluster("check", "--json", "servers.web02.*.*");
    assertEquals(0, clean.status(), clean.err());
    assertTrue(clean.out().contains("\"total\": true, \"metrics\": 4, \"misplaced\": 0,"
        + " \"missing\": 0, \"duplicates\": 0, \"partial\": false"), clean.out());
  }

  // blocks allocated, as stat(1) reports them
  static long blocks(Path file) throws IOException, InterruptedException {
    Process stat = new ProcessBuilder("stat", "-c", "%b", file.toString()).start();
    String out = new String(stat.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    stat.waitFor();
    return Long.parseLong(out);
  }

  static List<String> sortedNodes(List<String> owners, String extra) {
    List<String> all = new ArrayList<>(owners);
    all.add(extra);
    all.sort((a, b) -> Integer.compare(node(a), node(b)));
    return all;
  }

  @Test
  void indexEqualsGraphiteWebsBuildIndex() throws Exception {
    // the same tree as one storage: every metric on its owners, as build-index would see it
    Path union = Files.createDirectories(dir.resolve("union"));
    for (String name : names) {
      for (String owner : owners.get(name)) {
        Path from = path(node(owner), name);
        Path to = union.resolve(name.replace('.', '/') + ".wsp");
        if (Files.exists(from) && !Files.exists(to)) {
          Files.createDirectories(to.getParent());
          Files.copy(from, to);
        }
      }
    }
    Path script = dir.resolve("build-index");
    Path expected = dir.resolve("expected-index");
    Files.writeString(script, Files.readString(Path.of("/usr/bin/graphite-build-search-index"))
        .replace("/var/lib/graphite/whisper", union.toString())
        .replace("/var/lib/graphite/search_index", expected.toString()));
    assumeTrue(Files.exists(Path.of("/usr/bin/graphite-build-search-index")));
    Process build = new ProcessBuilder("sh", script.toString()).inheritIO().start();
    assertEquals(0, build.waitFor());
    ProcessBuilder sorting = new ProcessBuilder("sort", "-u", expected.toString())
        .redirectErrorStream(true);
    sorting.environment().put("LC_ALL", "C");
    Process sort = sorting.start();
    String sorted = new String(sort.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    sort.waitFor();

    Path index = dir.resolve("index");
    CliRun run = cluster("index", "-o", index.toString());
    assertEquals(0, run.status(), run.err());
    assertEquals(sorted, Files.readString(index));
    assertEquals(names.size(), sorted.split("\n").length);
  }

  @Test
  void tarExtractsToTheSameBytesSparse() throws Exception {
    Path tar = dir.resolve("all.tar");
    CliRun run = cluster("tar", "-o", tar.toString());
    assertEquals(0, run.status(), run.err());
    Path out = Files.createDirectories(dir.resolve("extracted"));
    Process extract = new ProcessBuilder("tar", "-xf", tar.toString(), "-C", out.toString())
        .redirectErrorStream(true).start();
    String said = new String(extract.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, extract.waitFor(), said);
    for (String name : names) {
      Path got = out.resolve(name.replace('.', '/') + ".wsp");
      Path from = null;
      for (String owner : owners.get(name)) { // the first owner that holds it
        if (from == null && Files.exists(path(node(owner), name))) {
          from = path(node(owner), name);
        }
      }
      assertArrayEquals(Files.readAllBytes(from), Files.readAllBytes(got), name);
    }
    try (Stream<Path> files = Files.walk(out)) {
      assertEquals(names.size(), files.filter(Files::isRegularFile).count());
    }
    Path sparse = out.resolve("sparse/metric.wsp");
    assertTrue(blocks(sparse) * 512 < Files.size(sparse) / 2,
        "extracted sparse: " + blocks(sparse) + " blocks for " + Files.size(sparse) + " bytes");
    assertTrue(Files.size(tar) < Files.size(sparse) / 2 + 20 * 1024 * names.size(),
        "the archive stores holes as holes");
  }

  @Test
  void tarAllReplicasKeepsEachNodesCopy() throws Exception {
    Path tar = dir.resolve("replicas.tar");
    CliRun run = cluster("tar", "--all-replicas", "-o", tar.toString(), "servers.web01.*.*");
    assertEquals(0, run.status(), run.err());
    Process list = new ProcessBuilder("tar", "-tf", tar.toString()).start();
    Set<String> listed = lines(new String(list.getInputStream().readAllBytes(),
        StandardCharsets.UTF_8));
    Set<String> expected = new TreeSet<>();
    for (String line : onDisk()) {
      String[] parts = line.split("\t");
      if (parts[0].startsWith("servers.web01.")) {
        expected.add(parts[1] + "/" + parts[0].replace('.', '/') + ".wsp");
      }
    }
    assertEquals(expected, listed);
  }

  @Test
  void duCountsWhatIsOnDisk() throws IOException {
    CliRun run = cluster("du", "--json");
    assertEquals(0, run.status(), run.err());
    for (int i = 0; i < 3; i++) {
      long files;
      long bytes = 0;
      try (Stream<Path> walk = Files.walk(cluster.roots.get(i))) {
        List<Path> wsp = walk.filter(p -> p.toString().endsWith(".wsp")).toList();
        files = wsp.size();
        for (Path p : wsp) {
          bytes += Files.size(p);
        }
      }
      assertTrue(run.out().contains("{\"node\": \"" + SshCluster.member(i) + "\", \"metrics\": "
          + files + ", \"bytes\": " + bytes + ","), run.out());
    }
  }

  @Test
  void staleGoesByTheNewestPointNotTheMtime() {
    CliRun run = cluster("stale", "--older-than", "7d");
    assertEquals(0, run.status(), run.err());
    Set<String> metrics = new HashSet<>();
    for (String line : lines(run.out())) {
      metrics.add(line.split("\t")[0]);
      long then = NOW - 20 * 86_400;
      assertTrue(line.endsWith("\t" + java.time.Instant.ofEpochSecond(then - then % 60)), line);
    }
    assertEquals(Set.of("stale.metric"), metrics);
  }

  @Test
  void nodesReportsEveryNode() {
    CliRun run = cluster("nodes");
    assertEquals(0, run.status(), run.err());
    for (int i = 0; i < 3; i++) {
      assertTrue(run.out().contains(SshCluster.member(i) + "  ok"), run.out());
    }
    CliRun json = cluster("nodes", "--json");
    assertEquals(3, json.out().split("\n").length);
    assertFalse(json.out().contains("\"reachable\": false"), json.out());
  }

  @Test
  void deleteShowsThePlanThenMovesToTrashAndPurgeEmptiesIt() throws Exception {
    String name = "servers.db-07.load.1m";
    List<Path> copies = new ArrayList<>();
    for (String owner : owners.get(name)) {
      copies.add(path(node(owner), name));
    }
    CliRun plan = cluster("delete", "servers.db-07.load.*");
    assertEquals(0, plan.status(), plan.err());
    assertEquals(copies.size(), lines(plan.out()).size(), plan.out());
    assertTrue(plan.out().startsWith("would delete\t" + name + "\t"), plan.out());
    for (Path copy : copies) {
      assertTrue(Files.exists(copy), "the plan deletes nothing");
    }
    byte[] before = Files.readAllBytes(copies.getFirst());

    CliRun done = cluster("delete", "--yes", "--json", "servers.db-07.load.*");
    assertEquals(0, done.status(), done.err());
    assertEquals(copies.size(), lines(done.out()).size(), done.out());
    for (Path copy : copies) {
      assertFalse(Files.exists(copy), copy + " deleted");
    }
    // in the trash beside the root, at its path, the same bytes
    int first = node(owners.get(name).getFirst());
    Path trash = cluster.roots.get(first).resolveSibling("whisper.trash");
    List<Path> trashed;
    try (Stream<Path> walk = Files.walk(trash)) {
      trashed = walk.filter(p -> p.toString().endsWith(".wsp")).toList();
    }
    assertEquals(1, trashed.size(), trashed.toString());
    assertTrue(trashed.getFirst().toString().endsWith("/servers/db-07/load/1m.wsp"));
    assertArrayEquals(before, Files.readAllBytes(trashed.getFirst()));

    CliRun keep = cluster("purge", "--older-than", "1d");
    assertEquals(0, keep.status(), keep.err());
    assertTrue(Files.exists(trashed.getFirst()));
    Thread.sleep(2100);
    CliRun purge = cluster("purge", "--older-than", "1s");
    assertEquals(0, purge.status(), purge.err());
    assertFalse(Files.exists(trashed.getFirst()));
    assertTrue(purge.out().contains(SshCluster.member(first) + ": removed 1 trash batches"),
        purge.out());
    // put it back for the other tests
    for (String owner : owners.get(name)) {
      create(node(owner), name, false);
    }
  }
}
