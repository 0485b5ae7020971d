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
  private final Map<String, byte[]> originals = new TreeMap<>();

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
    // Header rows testdata has no specimen of, patched into the base file like the others.
    patched("retention-overflow.wsp", 16 + 12 + 8, 0x7fffffff, 20); // archive 1: 2^31-1 points
    patched("gap-after-header.wsp", 16, 52, 10); // archive 0 starts 12 bytes late
    for (String name : corruptRows.keySet()) {
      originals.put(name, Files.readAllBytes(corrupt(name)));
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

  private void patched(String name, int at, int value, int row) throws IOException {
    byte[] bytes = Files.readAllBytes(TESTDATA.resolve("good/spec-5.1.wsp"));
    java.nio.ByteBuffer.wrap(bytes).putInt(at, value);
    Files.write(root.resolve("corrupt").resolve(name), bytes);
    corruptRows.put(name, List.of(row));
    referenceAccepts.put(name, true); // whisper.py's info() reads no archive layout
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

  /** Returns the bytes a corrupt specimen had when the tree was made. */
  byte[] original(String name) throws IOException {
    return originals.get(name).clone();
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
