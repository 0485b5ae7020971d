package io.whisper.backup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cutting files into chunks: ids are the SHA-256 of each chunk, zeros recognised or not. */
class FileChunkerTest {
  private static final int CHUNK = 4096;

  @TempDir Path temp;

  @Test
  void everyChunkIsNamedByItsSha256AndStoredOnceWhateverItHolds() throws IOException {
    Random random = new Random(7);
    byte[] bytes = new byte[5 * CHUNK + 100]; // zeros, data, zeros, data + one zero byte,
    random.nextBytes(bytes);                  // zeros, a short tail of zeros
    Arrays.fill(bytes, 0, CHUNK, (byte) 0);
    Arrays.fill(bytes, 2 * CHUNK, 3 * CHUNK, (byte) 0);
    bytes[3 * CHUNK + 17] = 0;
    Arrays.fill(bytes, 4 * CHUNK, bytes.length, (byte) 0);
    Path file = temp.resolve("a.wsp");
    Files.write(file, bytes);
    // Larger than the last file read on this thread: the buffer grows.
    Path big = temp.resolve("big.wsp");
    Files.write(big, new byte[9 * CHUNK]);

    Set<BlobId> known = new HashSet<>();
    FileChunker chunker = new FileChunker(CHUNK, known::contains);
    for (Path path : List.of(file, big, file)) {
      byte[] content = Files.readAllBytes(path);
      FileChunker.Read read = assertInstanceOf(FileChunker.Read.class,
          chunker.read(path, path.getFileName().toString(), null));
      assertEquals(content.length, read.node().size());
      List<BlobId> expected = new ArrayList<>();
      for (int offset = 0; offset < content.length; offset += CHUNK) {
        expected.add(BlobId.hash(Arrays.copyOfRange(content, offset,
            Math.min(content.length, offset + CHUNK))));
      }
      assertEquals(expected, read.node().chunks());
      for (FileChunker.NewBlob blob : read.blobs()) {
        int at = expected.indexOf(blob.id());
        byte[] raw = BlobCodec.decode(blob.stored());
        assertArrayEquals(Arrays.copyOfRange(content, at * CHUNK,
            Math.min(content.length, (at + 1) * CHUNK)), raw);
        known.add(blob.id());
      }
    }
    assertEquals(Set.of(BlobId.hash(new byte[CHUNK]), BlobId.hash(new byte[100]),
        BlobId.hash(Arrays.copyOfRange(bytes, CHUNK, 2 * CHUNK)),
        BlobId.hash(Arrays.copyOfRange(bytes, 3 * CHUNK, 4 * CHUNK))), known);
  }
}
