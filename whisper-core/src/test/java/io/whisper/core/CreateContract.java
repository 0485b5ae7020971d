package io.whisper.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link Whisper#create}: conformance C-01 to C-08 and the deviations we chose (spec 3). */
abstract class CreateContract extends OnEveryBackend {

  CreateContract(Backend backend) {
    super(backend);
  }

  @Test
  void create_oneArchive_writesWhisperPyBytes() throws IOException {
    byte[] bytes = Files.readAllBytes(create("a.wsp", r(60, 10)));
    assertEquals(148, bytes.length);
    assertEquals("00000001000002583f000000000000010000001c0000003c0000000a",
        Bytes.hex(java.util.Arrays.copyOf(bytes, 28)));
    assertTrue(Bytes.zeroFrom(bytes, 28));
    assertEquals("e151f790793d8f5cf10b681349b97e5cbc91718ca1d8323d16cac6d6da5b46be",
        Bytes.sha256(bytes));
  }

  @Test
  void create_unsortedArchives_sortsThemAndWritesWhisperPyBytes() throws IOException {
    byte[] bytes = Files.readAllBytes(create("a.wsp", r(3600, 24), r(60, 10), r(300, 12)));
    assertEquals(604, bytes.length);
    assertEquals(Bytes.hex(Bytes.unhex("00000001 00015180 3f000000 00000003 00000034 0000003c"
        + " 0000000a 000000ac 0000012c 0000000c 0000013c 00000e10 00000018")),
        Bytes.hex(java.util.Arrays.copyOf(bytes, 52)));
    assertEquals("d896e4b8e366f27f94fd24210230a77e51f73fe551b55889589b6f3bf2efb13b",
        Bytes.sha256(bytes));
  }

  @Test
  void create_xff03AndMax_storesFloat32AndReadsItBackWidened() throws IOException {
    Path path = create("a.wsp", 0.3, AggregationMethod.MAX, r(1, 60), r(60, 60));
    assertEquals(1480, Files.size(path));
    assertEquals(Bytes.hex(Bytes.unhex("00000004 00000e10 3e99999a 00000002 00000028 00000001"
        + " 0000003c 000002f8 0000003c 0000003c")), Bytes.hex(Bytes.slice(path, 0, 40)));
    try (WhisperFile file = open(path)) {
      assertEquals(0.30000001192092896, file.header().xFilesFactorAsDouble());
      assertEquals(AggregationMethod.MAX, file.header().aggregationMethod());
    }
  }

  @ParameterizedTest(name = "xff {0} is stored as {1}")
  @CsvSource({"0.5,3f000000", "0.3,3e99999a", "0.1,3dcccccd", "0.7,3f333333", "0,00000000",
      "1,3f800000"})
  void create_xff_isStoredAsFloat32Bits(double xff, String hex) throws IOException {
    Path path = create("a.wsp", xff, AggregationMethod.AVERAGE, r(60, 10));
    assertEquals(hex, Bytes.hex(Bytes.slice(path, 8, 12)));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(AggregationMethod.class)
  void create_eachMethod_writesItsCode(AggregationMethod method) throws IOException {
    Path path = create("a.wsp", 0, method, r(60, 10));
    assertEquals(String.format("%08x", method.code()), Bytes.hex(Bytes.slice(path, 0, 4)));
  }

  @Test
  void create_sparseFallocateAndZeroFill_giveIdenticalBytes() throws IOException {
    List<Retention> schema = List.of(Retention.parse("1s:1d"));
    byte[] expected = null;
    for (Allocation allocation : Allocation.values()) {
      Path path = dir.resolve(allocation + ".wsp");
      Whisper.create(path, schema, 0.5, AggregationMethod.AVERAGE, allocation, true);
      byte[] bytes = Files.readAllBytes(path);
      assertEquals(1036828, bytes.length, allocation.toString());
      if (expected == null) {
        expected = bytes;
      } else {
        assertArrayEquals(expected, bytes, allocation.toString());
      }
    }
  }

  @Test
  void create_existingPath_throwsAndLeavesTheFileUnchanged() throws IOException {
    Path path = create("a.wsp", r(60, 10));
    try (WhisperFile file = openForUpdate(path)) {
      file.update(1.5, NOW - 30, NOW);
    }
    byte[] before = Files.readAllBytes(path);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> create("a.wsp", r(300, 12)));
    assertEquals("File " + path + " already exists!", e.getMessage());
    assertArrayEquals(before, Files.readAllBytes(path));
    assertEquals(List.of(path), listDir());
  }

  @Test
  void create_minimalConsolidation_isAccepted() throws IOException {
    assertEquals(124, Files.size(create("a.wsp", r(1, 5), r(5, 2))));
  }

  @Test
  void create_zeroPoints_isRefusedAndLeavesNoFile() throws IOException {
    assertThrows(IllegalArgumentException.class, () -> create("a.wsp", r(60, 0)));
    assertEquals(List.of(), listDir());
  }

  @Test
  void create_zeroSecondsPerPoint_isRefusedAndLeavesNoFile() throws IOException {
    assertThrows(IllegalArgumentException.class, () -> create("a.wsp", r(0, 10)));
    assertEquals(List.of(), listDir());
  }

  @Test
  void create_nanXff_isRefusedAndLeavesNoFile() throws IOException {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> create("a.wsp", Double.NaN, AggregationMethod.AVERAGE, r(60, 10)));
    assertEquals("Invalid xFilesFactor nan, not between 0 and 1", e.getMessage());
    assertEquals(List.of(), listDir());
  }

  @ParameterizedTest(name = "xff {0}")
  @CsvSource({"-0.1", "1.5", "Infinity"})
  void create_xffOutsideZeroToOne_isRefusedAndLeavesNoFile(double xff) throws IOException {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> create("a.wsp", xff, AggregationMethod.AVERAGE, r(60, 10)));
    assertTrue(e.getMessage().endsWith(", not between 0 and 1"), e.getMessage());
    assertEquals(List.of(), listDir());
  }

  @Test
  void create_invalidSchema_isRefusedBeforeWritingAnything() throws IOException {
    assertThrows(IllegalArgumentException.class, () -> create("a.wsp", r(60, 10), r(90, 100)));
    assertFalse(Files.exists(dir.resolve("a.wsp")));
    assertEquals(List.of(), listDir());
  }

  @Test
  void create_returnsTheHeaderItWrote() throws IOException {
    Path path = dir.resolve("a.wsp");
    Header written = Whisper.create(path, List.of(r(300, 12), r(60, 10)));
    try (WhisperFile file = open(path)) {
      assertEquals(written, file.header());
    }
    assertEquals(new Header(1, 3600, 0.5f,
        List.of(new ArchiveInfo(40, 60, 10), new ArchiveInfo(160, 300, 12))), written);
  }

  private List<Path> listDir() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    }
  }
}
