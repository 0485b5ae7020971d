package io.whisper.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link HeaderCodec} and {@link HeaderValidator} on hand-made headers: conformance H-01 to H-05
 * and H-07, spec 1.1 / 1.2 and 2.2. Runs on jimfs: decoding is plain channel reads.
 */
class HeaderCodecTest {
  private final FileSystem fs = Jimfs.newFileSystem(Configuration.unix());
  private final Path path = fs.getPath("/a.wsp");

  @AfterEach
  void close() throws IOException {
    fs.close();
  }

  /** The spec 5.1 header: 60:10 + 300:12, average, xff 0.5, 304 bytes. */
  private static ByteBuffer spec51Header() {
    return ByteBuffer.allocate(304)
        .putInt(1).putInt(3600).putFloat(0.5f).putInt(2)
        .putInt(40).putInt(60).putInt(10)
        .putInt(160).putInt(300).putInt(12);
  }

  private Header read(byte[] bytes) throws IOException {
    Files.write(path, bytes);
    try (FileChannel channel = FileChannel.open(path)) {
      return HeaderCodec.read(channel, path);
    }
  }

  private Header readLenient(byte[] bytes) throws IOException {
    Files.write(path, bytes);
    try (FileChannel channel = FileChannel.open(path)) {
      return HeaderCodec.readLenient(channel, path);
    }
  }

  /** Asserts both decoders refuse {@code bytes} as whisper.py does, and returns the error. */
  private CorruptWhisperFileException refusedByBoth(byte[] bytes, String pythonDetail) {
    assertThrows(CorruptWhisperFileException.class, () -> read(bytes));
    CorruptWhisperFileException e =
        assertThrows(CorruptWhisperFileException.class, () -> readLenient(bytes));
    assertTrue(e.refusedByPython());
    assertEquals(pythonDetail + " (" + path + ")", e.pythonMessage());
    assertEquals(path, e.path());
    assertTrue(e.getMessage().endsWith(" (" + path + ")"), e.getMessage());
    return e;
  }

  @Test
  void read_spec51Header_decodesEveryField() throws IOException {
    Header header = read(spec51Header().array());
    assertEquals(new Header(1, 3600, 0.5f,
        List.of(new ArchiveInfo(40, 60, 10), new ArchiveInfo(160, 300, 12))), header);
    assertEquals(AggregationMethod.AVERAGE, header.aggregationMethod());
    assertEquals(40, header.headerSize());
    assertEquals(304, header.fileSize());
    assertEquals(600, header.archive(0).retention());
    assertEquals(144, header.archive(1).byteSize());
  }

  @Test
  void readLenient_startBytesInAnyOrderOrPosition_readBigEndianFromByteZero() throws IOException {
    byte[] bytes = spec51Header().array();
    Header expected = readLenient(bytes);
    HeaderCodec.ByteRanges none = (position, length) -> {
      throw new AssertionError("every descriptor is in the start bytes");
    };

    ByteBuffer littleEndian = ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    ByteBuffer advanced = ByteBuffer.wrap(bytes).position(20);

    assertEquals(expected, HeaderCodec.readLenient(none, path, 304, littleEndian));
    assertEquals(expected, HeaderCodec.readLenient(none, path, 304, advanced));
  }

  @Test
  void readLenient_descriptorsBeyondTheStartBytes_areReadThroughMore() throws IOException {
    byte[] bytes = spec51Header().array();
    Header expected = readLenient(bytes);
    ByteBuffer metadataOnly = ByteBuffer.wrap(bytes, 0, 28);

    Header header = HeaderCodec.readLenient(
        (position, length) -> ByteBuffer.wrap(bytes, (int) position, length).slice(),
        path, 304, metadataOnly);

    assertEquals(expected, header);
  }

  @Test
  void read_unsignedFieldsAbove2Pow31_stayPositive() throws IOException {
    ByteBuffer bytes = spec51Header();
    bytes.putInt(4, 0xFFFFFFFF);
    Header header = readLenient(bytes.array());
    assertEquals(0xFFFFFFFFL, header.maxRetention());
  }

  @ParameterizedTest(name = "{0} bytes")
  @CsvSource({"0,EMPTY_FILE", "15,HEADER_TRUNCATED"})
  void read_shorterThanMetadata_isUnableToReadHeader(int length, Problem problem) {
    byte[] bytes = Arrays.copyOf(spec51Header().array(), length);
    assertEquals(problem, refusedByBoth(bytes, "Unable to read header").problem());
  }

  @Test
  void read_allZero_isUnableToReadHeader() {
    assertEquals(Problem.ALL_ZERO, refusedByBoth(new byte[4096], "Unable to read header").problem());
  }

  @Test
  void read_metadataOnlyWithOneArchive_isUnableToReadArchive0Metadata() {
    byte[] bytes = Arrays.copyOf(spec51Header().putInt(12, 1).array(), 16);
    Problem problem = refusedByBoth(bytes, "Unable to read archive0 metadata").problem();
    assertTrue(Set.of(Problem.HEADER_TRUNCATED, Problem.TOO_MANY_ARCHIVES).contains(problem),
        problem.toString());
  }

  @Test
  void read_cutInsideSecondArchiveInfo_isUnableToReadArchive1Metadata() {
    byte[] bytes = Arrays.copyOf(spec51Header().array(), 30);
    refusedByBoth(bytes, "Unable to read archive1 metadata");
  }

  @Test
  void read_hugeArchiveCount_namesTheFirstMissingArchive() {
    byte[] bytes = spec51Header().putInt(12, 0xFFFFFFFF).array();
    CorruptWhisperFileException e = refusedByBoth(bytes, "Unable to read archive24 metadata");
    assertEquals(Problem.TOO_MANY_ARCHIVES, e.problem());
  }

  @ParameterizedTest(name = "aggregation type {0}")
  @CsvSource({"0", "9", "4294967295"})
  void read_unknownAggregationType_isUnableToReadHeader(long type) {
    byte[] bytes = spec51Header().putInt(0, (int) type).array();
    assertEquals(Problem.UNKNOWN_AGGREGATION,
        refusedByBoth(bytes, "Unable to read header").problem());
  }

  @ParameterizedTest(name = "xff bits {0}")
  @CsvSource({"7fc00000", "bdcccccd", "3fc00000", "7f800000", "ff800000"})
  void read_xffNanNegativeOrAboveOne_isUnableToReadHeader(String bits) {
    byte[] bytes = spec51Header().putInt(8, Integer.parseUnsignedInt(bits, 16)).array();
    assertEquals(Problem.INVALID_XFILESFACTOR,
        refusedByBoth(bytes, "Unable to read header").problem());
  }

  @Test
  void read_xffNegativeZero_isAcceptedWithAWarning() throws IOException {
    byte[] bytes = spec51Header().putInt(8, 0x80000000).array();
    Header header = read(bytes);
    assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(header.xFilesFactor()));
    assertEquals(List.of(Problem.NEGATIVE_ZERO_XFILESFACTOR), problems(header, 304));
  }

  @Test
  void read_noArchives_isAcceptedByWhisperPyButCorrupt() throws IOException {
    byte[] bytes = Arrays.copyOf(spec51Header().putInt(12, 0).array(), 16);
    assertEquals(List.of(), readLenient(bytes).archives());
    CorruptWhisperFileException e =
        assertThrows(CorruptWhisperFileException.class, () -> read(bytes));
    assertEquals(Problem.NO_ARCHIVES, e.problem());
    assertFalse(e.refusedByPython());
  }

  @Test
  void read_countFiveInA304ByteFile_readsInfosFromDataButIsCorrupt() throws IOException {
    byte[] bytes = spec51Header().putInt(12, 5).array();
    assertEquals(5, readLenient(bytes).archives().size());
    CorruptWhisperFileException e =
        assertThrows(CorruptWhisperFileException.class, () -> read(bytes));
    assertFalse(e.refusedByPython());
    assertEquals(Problem.DATA_OVERLAPS_HEADER, e.problem());
  }

  @Test
  void check_swappedArchiveInfos_reportsTheOrderBeforeTheLayoutSymptoms() {
    List<Problem> problems = problems(header(3600, a(160, 300, 12), a(40, 60, 10)), 304);
    assertEquals(Problem.PRECISION_NOT_INCREASING, problems.getFirst());
    assertTrue(problems.contains(Problem.GAP_AFTER_HEADER), problems.toString());
  }

  @Test
  void read_truncatedMidArchive_isFileTruncated() throws IOException {
    byte[] bytes = Arrays.copyOf(spec51Header().array(), 100);
    assertEquals(2, readLenient(bytes).archives().size());
    CorruptWhisperFileException e =
        assertThrows(CorruptWhisperFileException.class, () -> read(bytes));
    assertEquals(Problem.FILE_TRUNCATED, e.problem());
    assertFalse(e.refusedByPython());
    assertEquals(e.finding().message() + " (" + path + ")", e.pythonMessage());
  }

  @Test
  void check_trailingBytes_isOnlyAWarning() throws IOException {
    byte[] bytes = Arrays.copyOf(spec51Header().array(), 404);
    Header header = read(bytes);
    assertEquals(List.of(Problem.TRAILING_BYTES), problems(header, 404));
  }

  @Test
  void check_layoutAndPrecisionRules_eachReportTheirProblem() {
    assertEquals(List.of(Problem.ZERO_POINTS), problems(
        header(3600, a(40, 60, 10), a(160, 300, 0)), 160));
    assertEquals(List.of(Problem.ZERO_SECONDS_PER_POINT), problems(
        header(3600, a(40, 60, 10), a(160, 0, 12)), 304));
    assertEquals(List.of(Problem.PRECISION_NOT_DIVIDING), problems(
        header(3000, a(40, 60, 10), a(160, 250, 12)), 304));
    assertEquals(List.of(Problem.RETENTION_NOT_GROWING), problems(
        header(600, a(40, 60, 10), a(160, 300, 2)), 184));
    assertEquals(List.of(Problem.TOO_FEW_POINTS_TO_CONSOLIDATE), problems(
        header(3600, a(40, 60, 4), a(88, 300, 12)), 232));
    assertEquals(List.of(Problem.MAX_RETENTION_MISMATCH), problems(
        header(100, a(40, 60, 10), a(160, 300, 12)), 304));
    assertEquals(Problem.ARCHIVES_OVERLAP,
        problems(header(3600, a(40, 60, 10), a(100, 300, 12)), 304).getFirst());
    assertEquals(List.of(Problem.GAP_BETWEEN_ARCHIVES, Problem.ARCHIVE_PAST_EOF), problems(
        header(3600, a(40, 60, 10), a(400, 300, 12)), 304));
    assertEquals(List.of(Problem.RETENTION_OVERFLOW, Problem.FILE_TRUNCATED), problems(
        header(0, a(28, 0x10000, 0x10000)), 28));
  }

  @Test
  void encode_decodedHeader_givesTheSameBytes() throws IOException {
    byte[] bytes = spec51Header().array();
    assertArrayEquals(Arrays.copyOf(bytes, 40), HeaderCodec.encode(read(bytes)));
    assertArrayEquals(Arrays.copyOf(bytes, 16), HeaderCodec.encodeMetadata(read(bytes)));
  }

  private static Header header(long maxRetention, ArchiveInfo... archives) {
    return new Header(1, maxRetention, 0.5f, List.of(archives));
  }

  private static ArchiveInfo a(long offset, long secondsPerPoint, long points) {
    return new ArchiveInfo(offset, secondsPerPoint, points);
  }

  private static List<Problem> problems(Header header, long fileSize) {
    return HeaderValidator.check(header, fileSize).stream().map(Finding::problem).toList();
  }
}
