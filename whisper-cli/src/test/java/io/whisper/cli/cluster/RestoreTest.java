package io.whisper.cli.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.whisper.cli.CliRun;
import io.whisper.core.WhisperFile;
import io.whisper.ring.Member;
import io.whisper.ring.Ring;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code whisper cluster restore} on three sshd nodes on loopback: a {@code tar --all-replicas}
 * archive restored to a new ring (every copy's points on every owner, an owner's own points
 * winning), GNU tar of a storage tree with hostile names and sparse members (byte-identical
 * files on the owners), hostile members refused with nothing written for them, a damaged
 * archive refused whole, and the per-node --rate and --bwlimit measured.
 */
@Tag("slow")
class RestoreTest {
  private static final HexFormat HEX = HexFormat.of();

  @TempDir
  Path dir;
  SshCluster cluster;
  RebalanceCluster nodes;

  @AfterEach
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private void start() throws Exception {
    cluster = SshCluster.start(dir);
    nodes = new RebalanceCluster(cluster);
  }

  private static CliRun run(Path clusterFile, String... args) {
    return RebalanceTest.run(clusterFile, args);
  }

  @Test
  void allReplicasArchiveGoesToTheNewOwnersWithEveryCopysPoints() throws Exception {
    start();
    Path oldRing = nodes.ring("old", 2, 0, 1);
    Path newRing = nodes.ring("new", 2, 0, 1, 2);
    nodes.place(oldRing, "rest", 16);
    nodes.copy(2, "rest.m3.value"); // a failover copy on the node the old ring did not use
    Path archive = dir.resolve("all.tar");
    CliRun tar = run(nodes.clusterFile("old", oldRing), "tar", "--all-replicas", "-o",
        archive.toString());
    assertEquals(0, tar.status(), tar.err());
    emptyRoots();
    // an owner that already has a file: its point at the same time wins over the archive's
    String kept = "rest.m5.value";
    int keeper = RebalanceCluster.owners(newRing, kept).getFirst();
    long clash = nodes.copies.get(kept).values().iterator().next().keySet().iterator().next();
    Path keeperFile = nodes.path(keeper, kept);
    Files.createDirectories(keeperFile.getParent());
    io.whisper.core.Whisper.create(keeperFile, RebalanceCluster.SCHEMA, 0.5,
        io.whisper.core.AggregationMethod.AVERAGE, io.whisper.core.Allocation.SPARSE, false);
    try (WhisperFile file = WhisperFile.openForUpdate(keeperFile)) {
      file.update(-7.0, clash, RebalanceCluster.NOW);
    }
    Path file = nodes.clusterFile("new", newRing);

    CliRun plan = run(file, "restore", "-n", archive.toString());
    assertEquals(0, plan.status(), plan.err());
    long copies = 0;
    for (Map<Integer, Map<Long, Double>> held : nodes.copies.values()) {
      copies += held.size();
    }
    assertEquals(copies * 2, plan.out().lines().count(), "a step per copy and owner: "
        + plan.out());
    assertTrue(plan.out().contains("fill\t" + kept + "\t"), plan.out());
    assertEquals(1, countWsp(), "-n wrote nothing");
    CliRun json = run(file, "restore", "-n", "--json", archive.toString());
    assertEquals(copies * 2 + 1, json.out().lines().count(), json.out());
    assertTrue(json.out().lines().allMatch(l -> l.startsWith("{")), json.out());

    CliRun done = run(file, "restore", archive.toString());
    assertEquals(0, done.status(), done.out() + done.err());
    assertUnionOnOwners(newRing, kept, keeper, clash);
    CliRun again = run(file, "restore", archive.toString());
    assertEquals(0, again.status(), again.out() + again.err());
    assertUnionOnOwners(newRing, kept, keeper, clash);
    assertEquals(0, run(file, "check").status(), "every metric on its owners only");
  }

  // Every owner holds every point of every copy (the keeper its own at the clash); nothing
  // is on a non-owner; no temporary file is left.
  private void assertUnionOnOwners(Path ring, String kept, int keeper, long clash)
      throws Exception {
    for (Map.Entry<String, Map<Integer, Map<Long, Double>>> entry : nodes.copies.entrySet()) {
      String metric = entry.getKey();
      List<Integer> owners = RebalanceCluster.owners(ring, metric);
      for (int node = 0; node < cluster.roots.size(); node++) {
        Path path = nodes.path(node, metric);
        if (!owners.contains(node)) {
          assertFalse(Files.exists(path), metric + " on non-owner " + node);
          continue;
        }
        Map<Long, Double> found = RebalanceCluster.pointsOf(path);
        for (Map<Long, Double> copy : entry.getValue().values()) {
          for (Map.Entry<Long, Double> point : copy.entrySet()) {
            boolean own = metric.equals(kept) && node == keeper && point.getKey() == clash;
            assertEquals(own ? -7.0 : point.getValue(), found.get(point.getKey()),
                metric + " on " + node + " at " + point.getKey());
          }
        }
      }
    }
    try (Stream<Path> files = Files.walk(dir.resolve("node0").getParent())) {
      assertEquals(0, files.filter(p -> p.toString().endsWith(".rebalance.tmp")).count());
    }
  }

  @Test
  void gnuTarOfAStorageTreeWithHostileNamesAndSparseMembers() throws Exception {
    start();
    Path ring = nodes.ring("all", 1, 0, 1, 2);
    Path file = nodes.clusterFile("all", ring);
    Path tree = Files.createDirectories(dir.resolve("tree"));
    List<String> hex = new ArrayList<>();
    for (String name : List.of("sp ace/x y.wsp", "new\nline.wsp", "back\\slash.wsp", "a..b.wsp",
        "tab\there/m.wsp", "plain/one.wsp", "plain/two.wsp", "plain/three.wsp")) {
      hex.add(HEX.formatHex(name.getBytes(StandardCharsets.UTF_8)));
    }
    hex.add("fffe2f62696e2e777370"); // "\xff\xfe/bin.wsp": not UTF-8
    python("import os,sys,time,whisper\nnow=int(time.time())\nfor h in sys.argv[2:]:\n"
        + " p=os.path.join(sys.argv[1].encode(),bytes.fromhex(h))\n"
        + " os.makedirs(os.path.dirname(p),exist_ok=True)\n"
        + " whisper.create(p,[(60,1440),(3600,720)],sparse=True)\n"
        + " whisper.update_many(p,[(now-k*60,float(len(h)+k)) for k in range(30)])",
        List.of(tree.toString()), hex);
    Path archive = dir.resolve("tree.tar");
    Process tar = new ProcessBuilder("tar", "-C", tree.toString(), "-cSf", archive.toString(),
        ".").redirectErrorStream(true).start();
    String said = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, tar.waitFor(), said);
    try (FileChannel channel = FileChannel.open(archive)) {
      assertTrue(TarReader.members(channel).stream().anyMatch(m -> m.type() == 'S'),
          "GNU tar -S wrote sparse members");
    }

    CliRun done = run(file, "restore", archive.toString());
    assertEquals(0, done.status(), done.out() + done.err());
    Ring loaded = Ring.load(ring, Optional.of("graphite"));
    for (String h : hex) {
      byte[] path = HEX.parseHex(h);
      byte[] name = MetricNames.dotted(path);
      Member owner = loaded.owners(name, 0, name.length).getFirst();
      int node = SshCluster.HOSTS.indexOf(owner.host());
      // byte-identical under the same byte name on its owner, on no other node
      List<String> args = new ArrayList<>(List.of(tree.toString(), h));
      for (int i = 0; i < 3; i++) {
        args.add(cluster.roots.get(i).toString());
      }
      python("import os,sys\nn=bytes.fromhex(sys.argv[2])\nowner=" + node + "\n"
          + "a=open(os.path.join(sys.argv[1].encode(),n),'rb').read()\n"
          + "for i,root in enumerate(sys.argv[3:]):\n p=os.path.join(root.encode(),n)\n"
          + " if i==owner: assert open(p,'rb').read()==a, (n,i)\n"
          + " else: assert not os.path.exists(p), (n,i)", args, List.of());
    }
    assertEquals(hex.size(), countWsp());
  }

  @Test
  void hostileMembersAreRefusedEachNamedAndNothingIsWrittenForThem() throws Exception {
    start();
    Path ring = nodes.ring("all", 1, 0, 1, 2);
    Path file = nodes.clusterFile("all", ring);
    nodes.copy(0, "good.metric"); // the one member that is restored
    Path good = nodes.path(0, "good.metric");
    Path archive = dir.resolve("hostile.tar");
    python("import sys,tarfile,io\ngood=open(sys.argv[2],'rb').read()\n"
        + "t=tarfile.open(sys.argv[1],'w',format=tarfile.GNU_FORMAT)\n"
        + "def add(name,data=b'',kind=tarfile.REGTYPE,link=''):\n"
        + " i=tarfile.TarInfo(name); i.type=kind; i.linkname=link; i.size=len(data)\n"
        + " t.addfile(i,io.BytesIO(data) if kind==tarfile.REGTYPE else None)\n"
        + "add('../evil.wsp',good)\nadd('/abs/evil.wsp',good)\nadd('a/../../evil.wsp',good)\n"
        + "add('link.wsp',kind=tarfile.SYMTYPE,link='/etc/passwd')\n"
        + "add('hard.wsp',kind=tarfile.LNKTYPE,link='good/metric.wsp')\n"
        + "add('notes.txt',b'hello')\nadd('fifo.wsp',kind=tarfile.FIFOTYPE)\n"
        + "add('broken.wsp',b'not whisper at all'*100)\nadd('good/metric.wsp',good)\nt.close()",
        List.of(archive.toString(), good.toString()), List.of());
    emptyRoots();
    Path goodOwnerFile = nodes.path(RebalanceCluster.owners(ring, "good.metric").getFirst(),
        "good.metric");

    CliRun done = run(file, "restore", archive.toString());
    assertEquals(1, done.status(), done.out() + done.err());
    for (String refused : List.of("../evil.wsp", "/abs/evil.wsp", "a/../../evil.wsp", "link.wsp",
        "hard.wsp", "notes.txt", "fifo.wsp")) {
      assertTrue(done.out().contains("failed\t" + refused + "\t-\t"), refused + ": " + done.out());
    }
    assertTrue(done.out().lines().anyMatch(l -> l.startsWith("failed\tbroken\t")), done.out());
    assertTrue(done.out().contains("created\tgood.metric\tgood/metric.wsp\t"), done.out());
    assertTrue(Files.exists(goodOwnerFile));
    assertEquals(1, countWsp(), "only the good metric was written");
    try (Stream<Path> all = Files.walk(dir)) {
      assertEquals(0, all.filter(p -> p.getFileName().toString().startsWith("evil")
          || p.getFileName().toString().endsWith(".tmp")).count(), "nothing outside the roots");
    }
  }

  @Test
  void aDamagedArchiveIsRefusedWholeBeforeAnythingIsWritten() throws Exception {
    start();
    Path ring = nodes.ring("all", 1, 0, 1, 2);
    Path file = nodes.clusterFile("all", ring);
    nodes.place(ring, "dmg", 6);
    Path archive = dir.resolve("good.tar");
    assertEquals(0, run(file, "tar", "-o", archive.toString()).status());
    emptyRoots();
    byte[] bytes = Files.readAllBytes(archive);

    Path damaged = dir.resolve("damaged.tar");
    byte[] flipped = bytes.clone();
    int second = secondHeader(archive);
    flipped[second + 10] ^= 0x20; // a name byte of the second member: its checksum fails
    Files.write(damaged, flipped);
    Path cut = dir.resolve("cut.tar");
    Files.write(cut, java.util.Arrays.copyOf(bytes, second + 512 + 100));
    Path compressed = dir.resolve("good.tar.gz");
    try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(compressed))) {
      out.write(bytes);
    }
    for (Path bad : List.of(damaged, cut, compressed, dir.resolve("absent.tar"))) {
      CliRun refused = run(file, "restore", bad.toString());
      assertEquals(2, refused.status(), bad + ": " + refused.out() + refused.err());
      assertEquals(1, refused.err().lines().count(), "one line: " + refused.err());
      assertEquals("", refused.out());
      assertEquals(0, countWsp(), bad + ": nothing written");
    }
    assertTrue(run(file, "restore", compressed.toString()).err().contains("gzip"));
    assertEquals(0, run(file, "restore", archive.toString()).status(), "the archive itself");
    assertEquals(6, countWsp());
  }

  // The offset of the archive's second header.
  private static int secondHeader(Path archive) throws IOException {
    try (FileChannel channel = FileChannel.open(archive)) {
      TarReader.Member first = TarReader.members(channel).getFirst();
      long stored = 0;
      for (TarWriter.Run run : first.runs()) {
        stored += run.length();
      }
      return (int) (first.data() + (stored + 511) / 512 * 512);
    }
  }

  @Test
  void rateAndBwlimitHoldOnEachNode() throws Exception {
    start();
    Path ring = nodes.ring("one", 1, 0);
    Path file = nodes.clusterFile("one", ring);
    nodes.place(ring, "paced", 24);
    Path archive = dir.resolve("paced.tar");
    assertEquals(0, run(file, "tar", "-o", archive.toString()).status());
    emptyRoots();

    // every metric goes to node 0: 24 files at 8 a second take at least 23/8 s
    Map<String, Double> paced = summary(run(file, "restore", "--json", "--rate", "8",
        archive.toString()));
    assertEquals(24.0, paced.get("done"));
    assertTrue(paced.get("seconds") >= 23 / 8.0 * 0.95, "--rate 8: " + paced);
    emptyRoots();
    // 24 files of the same size at 120 KiB a second: all but the first file's bytes paced
    Map<String, Double> bw = summary(run(file, "restore", "--json", "--bwlimit", "120K",
        archive.toString()));
    double each = bw.get("bytes") / 24;
    assertTrue(bw.get("seconds") >= (bw.get("bytes") - each) / (120 * 1024) * 0.95,
        "--bwlimit 120K: " + bw);
    emptyRoots();
    Map<String, Double> free = summary(run(file, "restore", "--json", archive.toString()));
    assertTrue(free.get("seconds") < paced.get("seconds") && free.get("seconds")
        < bw.get("seconds"), "the limits are what slowed it: " + free);
  }

  private static Map<String, Double> summary(CliRun run) {
    assertEquals(0, run.status(), run.out() + run.err());
    String last = run.out().lines().reduce((a, b) -> b).orElseThrow();
    Map<String, Double> values = new TreeMap<>();
    Matcher m = Pattern.compile("\"(done|bytes|seconds)\": ([0-9.e+-]+)").matcher(last);
    while (m.find()) {
      values.put(m.group(1), Double.parseDouble(m.group(2)));
    }
    return values;
  }

  private void emptyRoots() throws IOException {
    for (Path root : cluster.roots) {
      try (Stream<Path> walk = Files.walk(root)) {
        for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
          if (!p.equals(root)) {
            Files.delete(p);
          }
        }
      }
    }
  }

  private long countWsp() throws IOException {
    long count = 0;
    for (Path root : cluster.roots) {
      try (Stream<Path> walk = Files.walk(root)) {
        count += walk.filter(p -> p.getFileName().toString().endsWith(".wsp")).count();
      }
    }
    return count;
  }

  private static void python(String program, List<String> args, List<String> more)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("/usr/bin/python3", "-c", program));
    command.addAll(args);
    command.addAll(more);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), said);
  }
}
