package io.whisper.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code encode(decode(bytes))} gives back the header bytes: for every good file through the
 * strict decoder, and for every damaged file whisper.py accepts through the lenient one (the
 * codec keeps every field as stored, however wrong).
 */
class HeaderRoundTripTest {

  static Stream<Path> goodFiles() throws IOException {
    return wspFiles("good");
  }

  static Stream<Path> damagedFiles() throws IOException {
    return Stream.concat(wspFiles("corrupt"), wspFiles("warn"));
  }

  private static Stream<Path> wspFiles(String dir) throws IOException {
    try (Stream<Path> files = Files.list(GoldenFileTest.TESTDATA.resolve(dir))) {
      return files.filter(p -> p.toString().endsWith(".wsp")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goodFiles")
  void encode_ofStrictlyDecodedGoodFile_isTheOriginalHeader(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file)) {
      Header header = HeaderCodec.read(channel, file);
      byte[] original = Arrays.copyOf(Files.readAllBytes(file), (int) header.headerSize());
      assertArrayEquals(original, HeaderCodec.encode(header));
      assertArrayEquals(Arrays.copyOf(original, 16), HeaderCodec.encodeMetadata(header));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("damagedFiles")
  void encode_ofLenientlyDecodedDamagedFile_isTheOriginalHeader(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file)) {
      Header header;
      try {
        header = HeaderCodec.readLenient(channel, file);
      } catch (CorruptWhisperFileException refusedLikeWhisperPy) {
        assertEquals(true, refusedLikeWhisperPy.refusedByPython());
        return;
      }
      byte[] original = Arrays.copyOf(Files.readAllBytes(file), (int) header.headerSize());
      assertArrayEquals(original, HeaderCodec.encode(header));
    }
  }
}
