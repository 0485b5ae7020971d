package io.whisper.core.os;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeCopyTest {
  @TempDir Path dir;

  private Path source(int size, long... nonZeroAt) throws IOException {
    byte[] bytes = new byte[size];
    for (long at : nonZeroAt) {
      bytes[(int) at] = (byte) (at % 251 + 1);
    }
    Path path = dir.resolve("source.wsp");
    Files.write(path, bytes);
    return path;
  }

  private List<String> names(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void copiesEveryByteIncludingZeroBlocksAndATrailingHole() throws IOException {
    Path source = source(3 * 4096 + 100, 0, 5000, 4096 * 2 + 7); // the last partial block is 0
    Path target = dir.resolve("a/b/target.wsp");

    assertEquals(SafeCopy.Outcome.COPIED, SafeCopy.copyNew(source, target));

    assertArrayEquals(Files.readAllBytes(source), Files.readAllBytes(target));
    assertEquals(List.of("target.wsp"), names(target.getParent())); // no temporary file left
  }

  @Test
  void copiesAnAllZeroFile() throws IOException {
    Path source = source(10_000);
    Path target = dir.resolve("zero.wsp");

    assertEquals(SafeCopy.Outcome.COPIED, SafeCopy.copyNew(source, target));

    assertArrayEquals(new byte[10_000], Files.readAllBytes(target));
  }

  @Test
  void neverReplacesAnExistingFile() throws IOException {
    Path source = source(5000, 1, 2, 3);
    Path target = dir.resolve("there.wsp");
    Files.writeString(target, "carbon was first");

    assertEquals(SafeCopy.Outcome.TARGET_EXISTS, SafeCopy.copyNew(source, target));

    assertEquals("carbon was first", Files.readString(target));
    assertEquals(List.of("source.wsp", "there.wsp"), names(dir));
  }
}
