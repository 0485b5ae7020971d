package io.whisper.cli.fsck;

import io.whisper.core.AggregationMethod;
import io.whisper.core.Allocation;
import io.whisper.core.Retention;
import io.whisper.core.Whisper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A tree holding a specimen of every corruption kind in testdata/corrupt beside healthy files of
 * every shape: testdata/good (wrapped rings, every aggregation method), files created sparse,
 * fallocated and zero-filled and never written, the warning specimens, a go-whisper compressed
 * file, a file that is not .wsp, and a symbolic link to the corrupt folder that must not be
 * followed. Every file is made an hour old, past --min-age.
 */
final class SpecimenTree {
  static final long NOW = 1_700_000_000L;
  static final Path TESTDATA = Path.of(System.getProperty("whisper.testdata", "../testdata"));

  final Path root;
  /** Corrupt specimen name to the section 2.4 rows it represents, from MANIFEST.tsv. */
  final Map<String, List<Integer>> corruptRows = new TreeMap<>();
  /** Corrupt specimen name to whether the reference's info() accepts it. */
  final Map<String, Boolean> referenceAccepts = new TreeMap<>();

  SpecimenTree(Path root) throws IOException {
    this.root = root;
    for (String folder : List.of("good", "corrupt", "warn")) {
      Path to = Files.createDirectories(root.resolve(folder));
      try (Stream<Path> files = Files.list(TESTDATA.resolve(folder))) {
        for (Path file : files.filter(f -> f.toString().endsWith(".wsp")).toList()) {
          Files.copy(file, to.resolve(file.getFileName()));
        }
      }
    }
    List<String> manifest = Files.readAllLines(TESTDATA.resolve("corrupt/MANIFEST.tsv"));
    for (String line : manifest.subList(1, manifest.size())) {
      String[] cols = line.split("\t", -1);
      corruptRows.put(cols[0], Arrays.stream(cols[2].split(",")).map(Integer::parseInt).toList());
      referenceAccepts.put(cols[0], cols[4].equals("accepted"));
    }
    Path shapes = Files.createDirectories(root.resolve("shapes/nested"));
    for (Allocation allocation : Allocation.values()) {
      Whisper.create(shapes.resolve(allocation.name().toLowerCase(java.util.Locale.ROOT) + ".wsp"),
          List.of(Retention.parse("10s:6h"), Retention.parse("1m:7d"), Retention.parse("1h:1y")),
          0.5, AggregationMethod.MAX, allocation, false);
    }
    byte[] compressed = Arrays.copyOf("whisper_compressed".getBytes(StandardCharsets.US_ASCII), 300);
    compressed[18] = 1;
    Files.write(shapes.resolve("cwhisper.wsp"), compressed);
    Files.writeString(shapes.resolve("notes.txt"), "not a whisper file\n");
    Files.write(shapes.resolve("ignored.wsp.bak"), new byte[0]);
    Files.createSymbolicLink(root.resolve("link-to-corrupt"), root.resolve("corrupt"));
    ageAll(Duration.ofHours(1));
  }

  /** Names of the corrupt specimens the header check must catch (rows other than 21 to 29). */
  List<String> headerCorrupt() {
    return corruptRows.entrySet().stream()
        .filter(e -> e.getValue().stream().anyMatch(r -> r < 21 || r > 29))
        .map(Map.Entry::getKey).toList();
  }

  /** Names of every corrupt specimen. */
  List<String> allCorrupt() {
    return List.copyOf(corruptRows.keySet());
  }

  Path corrupt(String name) {
    return root.resolve("corrupt").resolve(name);
  }

  static Path original(String name) {
    return TESTDATA.resolve("corrupt").resolve(name);
  }

  void ageAll(Duration age) throws IOException {
    FileTime old = FileTime.from(Instant.now().minus(age));
    try (Stream<Path> all = Files.walk(root)) {
      for (Path file : all.filter(Files::isRegularFile).toList()) {
        Files.setLastModifiedTime(file, old);
      }
    }
  }
}
