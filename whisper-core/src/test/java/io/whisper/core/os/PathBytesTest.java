package io.whisper.core.os;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.whisper.core.Retention;
import io.whisper.core.Whisper;
import io.whisper.core.WhisperFile;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Names as bytes: a name that is not UTF-8 (here 0xff) or not ASCII is listed, opened by
 * folder and by path, and given a suffix with its bytes kept, whatever charset this JVM was
 * started with. (Before: the listing made such a name from a string, which named another file
 * or could not be made at all.)
 */
class PathBytesTest {
  @TempDir Path dir;

  // A name's bytes exactly, as a Path of this folder: through a file: URI, not a string.
  private Path named(String uriName) {
    return Path.of(URI.create("file://" + dir.toUri().getRawPath() + uriName));
  }

  @Test
  void bytesOfAPathAreItsNameExactlyAbsoluteOrRelative() {
    Path bad = named("bad%FF%C3%A9.wsp");
    byte[] name = {'b', 'a', 'd', (byte) 0xff, (byte) 0xc3, (byte) 0xa9, '.', 'w', 's', 'p'};
    byte[] folder = dir.toString().getBytes(StandardCharsets.UTF_8);

    byte[] absolute = PathBytes.of(bad);
    assertArrayEquals(name, java.util.Arrays.copyOfRange(absolute, folder.length + 1,
        absolute.length));
    assertArrayEquals(name, PathBytes.of(bad.getFileName()));
    assertArrayEquals("sub/plain.wsp".getBytes(StandardCharsets.US_ASCII),
        PathBytes.of(Path.of("sub/plain.wsp")));
  }

  @Test
  void aNameThatIsNotUtf8IsListedAndOpenedByItsBytes() throws IOException {
    assumeTrue(NativeAccess.available(), "no native access");
    Path bad = named("bad%FF.wsp");
    Whisper.create(bad, List.of(Retention.parse("1m:10m")));

    List<DirectoryListing.Entry> entries = DirectoryListing.list(dir);

    assertEquals(1, entries.size());
    DirectoryListing.Entry entry = entries.getFirst();
    assertEquals(bad, entry.path());
    assertEquals(DirectoryListing.Type.FILE, entry.type());
    long size = Files.size(bad);
    assertEquals(size, FileProbe.read(entry.path(), 16).size());
    try (OpenFolder folder = OpenFolder.open(dir)) {
      assertEquals(size, FileProbe.read(folder, entry.name(), entry.path(), new byte[16]).size());
    }
    try (WhisperFile file = WhisperFile.openForUpdate(entry.path())) { // flock: Posix.open
      assertEquals(1, file.header().archives().size());
    }
  }

  @Test
  void aSuffixKeepsTheNamesBytes() throws IOException {
    Path bad = named("bad%FF.wsp");
    Files.writeString(bad, "x");

    Path corrupt = PathBytes.withSuffix(bad, ".corrupt.1");
    Path temp = PathBytes.withAffixes(bad, ".", ".tmp");
    Files.move(bad, corrupt);
    Files.copy(corrupt, temp);

    assertEquals(named("bad%FF.wsp.corrupt.1"), corrupt);
    assertEquals(named(".bad%FF.wsp.tmp"), temp);
    assertTrue(Files.exists(named("bad%FF.wsp.corrupt.1")));
    assertEquals(PathBytes.withSuffix(Path.of("a.wsp"), ".x"), Path.of("a.wsp.x"));
  }
}
