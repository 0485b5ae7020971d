package io.whisper.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every golden ring under testdata/ring/golden (made by make_golden.py from the live
 * carbon-c-relay 3.7.3 and graphite-carbon 1.1.7): each name's owners, the relay's hash
 * positions and its ring dump, line for line.
 */
class RingGoldenTest {
  static final Path GOLDEN = Path.of(System.getProperty("whisper.testdata", "../testdata"))
      .resolve("ring/golden");

  @TestFactory
  Stream<DynamicTest> relayRings() throws IOException {
    List<byte[]> lines = NameLines.of(Files.readAllBytes(GOLDEN.resolve("names.txt")));
    return goldenFiles(".relay.out").map(out -> DynamicTest.dynamicTest(out.getFileName().toString(),
        () -> {
          String name = strip(out, ".relay.out");
          Ring ring = Ring.load(GOLDEN.resolve(name + ".conf"), Optional.of(name));
          RelayTestOutput relay = RelayTestOutput.parse(Files.readAllBytes(out));
          assertEquals(lines.size(), relay.answers().size(), "one relay answer per name");
          Comparison.relay(ring, lines, relay).assertNone();
          if (!relay.ringDump().isEmpty()) {
            assertEquals(relay.ringDump(), Comparison.ringDump(ring));
          }
        }));
  }

  @TestFactory
  Stream<DynamicTest> carbonRings() throws IOException {
    List<byte[]> lines = NameLines.of(Files.readAllBytes(GOLDEN.resolve("names.txt")));
    return goldenFiles(".carbon.out").map(out -> DynamicTest.dynamicTest(
        out.getFileName().toString(), () -> {
          String name = strip(out, ".carbon.out");
          Ring ring = Ring.load(GOLDEN.resolve(name + ".carbon.conf"), Optional.empty());
          List<String> carbon = Files.readAllLines(out, StandardCharsets.UTF_8);
          Comparison.carbon(ring, utf8(lines), carbon).assertNone();
        }));
  }

  static Stream<Path> goldenFiles(String suffix) throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(GOLDEN)) {
      files = list.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
    }
    assertFalse(files.isEmpty(), "no " + suffix + " files in " + GOLDEN);
    return files.stream();
  }

  /** The lines carbon takes: those that are UTF-8. */
  static List<byte[]> utf8(List<byte[]> lines) {
    List<byte[]> out = new ArrayList<>();
    for (byte[] line : lines) {
      try {
        StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(line));
        out.add(line);
      } catch (CharacterCodingException e) {
        // carbon_router.py skips it too
      }
    }
    return out;
  }

  private static String strip(Path file, String suffix) {
    String n = file.getFileName().toString();
    return n.substring(0, n.length() - suffix.length());
  }
}
