package io.whisper.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import io.whisper.core.WhisperFile.Access;
import io.whisper.core.WhisperFile.Options;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The reference-made files in testdata/ (see testdata/README.md): every good file decodes as
 * whisper.py's info() and answers every recorded fetch bit for bit, on jimfs and memory-mapped;
 * every damaged file is refused, or accepted with warnings, as its MANIFEST row says.
 */
class GoldenFileTest {
  static final Path TESTDATA = Path.of(System.getProperty("whisper.testdata", "../testdata"));
  private static final long NOW = 1_700_000_000L;
  /** Spec 2.4 rows found only by reading slots (fsck's deep checks), not from the header. */
  private static final int FIRST_DEEP_ROW = 21;

  private final FileSystem jimfs = Jimfs.newFileSystem(Configuration.unix());
  @TempDir Path tempDir;

  @AfterEach
  void closeJimfs() throws IOException {
    jimfs.close();
  }

  /** One line of a MANIFEST.tsv. */
  record Specimen(String dir, String file, String kind, Set<Integer> rows, Set<Integer> alsoRows,
      String referenceInfo, String referenceFetch) {
    @Override
    public String toString() {
      return dir + "/" + file;
    }

    boolean deep() {
      return rows.stream().allMatch(row -> row >= FIRST_DEEP_ROW);
    }
  }

  static Stream<String> goodFiles() throws IOException {
    try (Stream<Path> files = Files.list(TESTDATA.resolve("good"))) {
      return files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".wsp"))
          .map(n -> n.substring(0, n.length() - 4))
          .sorted()
          .toList()
          .stream();
    }
  }

  static Stream<Specimen> corruptFiles() throws IOException {
    return manifest("corrupt");
  }

  static Stream<Specimen> warnFiles() throws IOException {
    return manifest("warn");
  }

  private static Stream<Specimen> manifest(String dir) throws IOException {
    List<String> lines = Files.readAllLines(TESTDATA.resolve(dir).resolve("MANIFEST.tsv"));
    assertEquals("file\tkind\trows\talso_rows\treference_info\treference_fetch_now-600_now"
        + "\tdescription", lines.getFirst());
    return lines.stream().skip(1).map(line -> line.split("\t", -1))
        .map(f -> new Specimen(dir, f[0], f[1], rows(f[2]), rows(f[3]), f[4], f[5]));
  }

  private static Set<Integer> rows(String list) {
    return list.isEmpty() ? Set.of()
        : Arrays.stream(list.split(",")).map(Integer::valueOf).collect(Collectors.toSet());
  }

  /** Copies a testdata file to jimfs and to the temporary directory. */
  private List<Path> copies(Path source) throws IOException {
    Path inMemory = Files.createDirectories(jimfs.getPath("/data")).resolve(source.getFileName().toString());
    Files.copy(source, inMemory);
    Path onDisk = Files.copy(source, tempDir.resolve(source.getFileName().toString()));
    return List.of(inMemory, onDisk);
  }

  // ---- good/ ------------------------------------------------------------------------------

  @ParameterizedTest(name = "{0}")
  @MethodSource("goodFiles")
  void goodFile_isTheOneTheGoldenFilesDescribe(String name) throws IOException {
    String line = Files.readString(TESTDATA.resolve("golden/" + name + ".sha256")).strip();
    assertEquals(line, Bytes.sha256(Files.readAllBytes(TESTDATA.resolve("good/" + name + ".wsp")))
        + "  good/" + name + ".wsp");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goodFiles")
  void goodFile_headerDecodesAsReferenceInfo(String name) throws IOException {
    Map<String, Object> info = MiniJson.object(MiniJson.parse(
        Files.readString(TESTDATA.resolve("golden/" + name + ".info.json"))));
    for (Path copy : copies(TESTDATA.resolve("good/" + name + ".wsp"))) {
      try (FileChannel channel = FileChannel.open(copy)) {
        Header header = HeaderCodec.read(channel, copy);
        assertEquals(info.get("aggregationMethod"), header.aggregationMethod().pythonName());
        assertEquals(info.get("maxRetention"), header.maxRetention());
        assertEquals(((Number) info.get("xFilesFactor")).doubleValue(),
            header.xFilesFactorAsDouble());
        assertEquals(info.get("fileSize"), channel.size());
        List<Object> archives = MiniJson.array(info.get("archives"));
        assertEquals(archives.size(), header.archives().size());
        for (int i = 0; i < archives.size(); i++) {
          Map<String, Object> expected = MiniJson.object(archives.get(i));
          ArchiveInfo actual = header.archive(i);
          assertEquals(List.of(expected.get("offset"), expected.get("secondsPerPoint"),
                  expected.get("points"), expected.get("retention"), expected.get("size")),
              List.of(actual.offset(), actual.secondsPerPoint(), actual.points(),
                  actual.retention(), actual.byteSize()), "archive " + i);
        }
        assertEquals(List.of(), HeaderValidator.check(header, channel.size()));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goodFiles")
  void goodFile_everyFetchMatchesReferenceBitForBit(String name) throws IOException {
    Map<String, Object> golden = MiniJson.object(MiniJson.parse(
        Files.readString(TESTDATA.resolve("golden/" + name + ".fetch.json"))));
    List<Object> calls = MiniJson.array(golden.get("calls"));
    assertFalse(calls.isEmpty());
    List<Path> copies = copies(TESTDATA.resolve("good/" + name + ".wsp"));
    Access[] accesses = {Access.CHANNEL, Access.AUTO}; // jimfs: channel; temp dir: mapped
    for (int c = 0; c < copies.size(); c++) {
      byte[] before = Files.readAllBytes(copies.get(c));
      try (WhisperFile file = WhisperFile.open(copies.get(c), Options.READ.withAccess(accesses[c]))) {
        for (Object call : calls) {
          checkFetch(file, MiniJson.object(call), copies.get(c));
        }
      }
      assertArrayEquals(before, Files.readAllBytes(copies.get(c)), "fetch wrote to the file");
    }
  }

  private static void checkFetch(WhisperFile file, Map<String, Object> call, Path where)
      throws IOException {
    long now = (Long) call.get("now");
    long from = (Long) call.get("from");
    long until = call.get("until") == null ? now : (Long) call.get("until");
    OptionalLong spp = switch (call.get("archiveToSelect")) {
      case null -> OptionalLong.empty();
      case Long n when n == 0 -> OptionalLong.empty(); // whisper.py ignores a falsy selection
      case Long n -> OptionalLong.of(n);
      case String s -> OptionalLong.of(Retention.parsePrecision(s));
      default -> throw new AssertionError("archiveToSelect " + call.get("archiveToSelect"));
    };
    String what = where + " " + call;
    if (call.containsKey("error")) {
      Map<String, Object> error = MiniJson.object(call.get("error"));
      Class<? extends IllegalArgumentException> type = switch ((String) error.get("type")) {
        case "InvalidTimeInterval" -> InvalidTimeIntervalException.class;
        case "ValueError" -> IllegalArgumentException.class;
        default -> throw new AssertionError("unexpected error type in " + what);
      };
      IllegalArgumentException e =
          assertThrows(type, () -> file.fetch(from, until, now, spp), what);
      assertEquals(error.get("message"), e.getMessage(), what);
      return;
    }
    Optional<TimeSeries> result = file.fetch(from, until, now, spp);
    if (call.get("result") == null) {
      assertEquals(Optional.empty(), result, what);
      return;
    }
    Map<String, Object> expected = MiniJson.object(call.get("result"));
    TimeSeries series = result.orElseThrow(() -> new AssertionError("None from " + what));
    assertEquals(List.of(expected.get("start"), expected.get("end"), expected.get("step")),
        List.of(series.start(), series.end(), series.step()), what);
    List<String> actualHex = new ArrayList<>();
    for (Double value : series.values()) {
      actualHex.add(value == null ? null : Bytes.bits(value));
    }
    assertEquals(MiniJson.array(expected.get("valuesHex")), actualHex, what);
  }

  // ---- corrupt/ and warn/ -----------------------------------------------------------------

  @ParameterizedTest(name = "{0}")
  @MethodSource("corruptFiles")
  void corruptFile_isRefusedForItsSpecRow_orDecodesWhenOnlyItsSlotsAreDamaged(Specimen specimen)
      throws IOException {
    for (Path copy : copies(TESTDATA.resolve(specimen.dir()).resolve(specimen.file()))) {
      checkLenientDecodeAgreesWithWhisperPy(specimen, copy);
      if (specimen.deep()) {
        Header header = assertDoesNotThrow(() -> strictRead(copy), specimen + " header");
        for (Finding finding : HeaderValidator.check(header, Files.size(copy))) {
          assertEquals(Severity.WARNING, finding.severity(), finding.toString());
          assertTrue(specimen.alsoRows().contains(finding.problem().specRow()), finding.toString());
        }
        checkFetchSummary(specimen, copy);
      } else {
        CorruptWhisperFileException e =
            assertThrows(CorruptWhisperFileException.class, () -> WhisperFile.open(copy));
        assertTrue(specimen.rows().contains(e.problem().specRow()),
            specimen + " has rows " + specimen.rows() + " but open reported " + e.problem()
                + ": " + e.getMessage());
        assertEquals(copy, e.path());
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("warnFiles")
  void warnFile_decodesAndReportsOnlyItsWarnings(Specimen specimen) throws IOException {
    for (Path copy : copies(TESTDATA.resolve(specimen.dir()).resolve(specimen.file()))) {
      checkLenientDecodeAgreesWithWhisperPy(specimen, copy);
      Header header = assertDoesNotThrow(() -> strictRead(copy), specimen.toString());
      List<Finding> findings = HeaderValidator.check(header, Files.size(copy));
      for (Finding finding : findings) {
        assertEquals(Severity.WARNING, finding.severity(), finding.toString());
      }
      Set<Integer> reported =
          findings.stream().map(f -> f.problem().specRow()).collect(Collectors.toSet());
      assertEquals(specimen.deep() ? Set.of() : specimen.rows(), reported, specimen.toString());
      checkFetchSummary(specimen, copy);
    }
  }

  private static Header strictRead(Path path) throws IOException {
    try (FileChannel channel = FileChannel.open(path)) {
      return HeaderCodec.read(channel, path);
    }
  }

  // readLenient refuses exactly what whisper.py's info() refuses, with its message.
  private static void checkLenientDecodeAgreesWithWhisperPy(Specimen specimen, Path copy)
      throws IOException {
    try (FileChannel channel = FileChannel.open(copy)) {
      if (specimen.referenceInfo().equals("accepted")) {
        assertDoesNotThrow(() -> HeaderCodec.readLenient(channel, copy), specimen.toString());
      } else {
        CorruptWhisperFileException e = assertThrows(CorruptWhisperFileException.class,
            () -> HeaderCodec.readLenient(channel, copy), specimen.toString());
        assertTrue(e.refusedByPython(), specimen.toString());
        assertEquals(specimen.referenceInfo().replace("<path>", copy.toString()),
            "CorruptWhisperFile: " + e.pythonMessage());
      }
    }
  }

  // The MANIFEST's fetch(NOW-600, NOW) column: "ok (start, end, step) N values, K not None".
  private static void checkFetchSummary(Specimen specimen, Path copy) throws IOException {
    try (WhisperFile file = WhisperFile.open(copy)) {
      TimeSeries series = file.fetch(NOW - 600, NOW, NOW).orElseThrow();
      long known = series.values().stream().filter(v -> v != null).count();
      assertEquals(specimen.referenceFetch(), String.format("ok (%d, %d, %d) %d values, %d not None",
          series.start(), series.end(), series.step(), series.values().size(), known),
          specimen.toString());
    }
  }
}
