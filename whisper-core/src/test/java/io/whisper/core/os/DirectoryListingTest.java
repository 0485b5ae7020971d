package io.whisper.core.os;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryListingTest {
  @TempDir Path dir;

  @Test
  void list_defaultFileSystem_typesWithoutFollowingLinks() throws IOException {
    assertEquals(expectedTypes(), types(populate(dir)));
  }

  @Test
  void list_jimfs_sameTypesThroughTheAttributes() throws IOException {
    try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix())) {
      Path root = Files.createDirectory(fs.getPath("/root"));
      assertEquals(expectedTypes(), types(populate(root)));
    }
  }

  @Test
  void list_missingFolder_throwsNoSuchFile() {
    assertThrows(NoSuchFileException.class, () -> DirectoryListing.list(dir.resolve("none")));
  }

  @Test
  void list_emptyFolder_isEmpty() throws IOException {
    assertEquals(0, DirectoryListing.list(Files.createDirectory(dir.resolve("e"))).size());
  }

  @Test
  void list_moreEntriesThanOneRead_listsEveryOne() throws IOException {
    // 3,000 names of ~60 bytes: about 250 KB of records, many reads of the 32 KiB buffer.
    Set<String> names = new TreeSet<>();
    for (int i = 0; i < 3000; i++) {
      names.add(String.format("metric-with-a-rather-long-name-to-fill-the-buffer-%06d.wsp", i));
    }
    for (String name : names) {
      Files.createFile(dir.resolve(name));
    }

    Set<String> listed = new TreeSet<>();
    for (DirectoryListing.Entry entry : DirectoryListing.list(dir)) {
      assertEquals(DirectoryListing.Type.FILE, entry.type());
      listed.add(entry.path().getFileName().toString());
    }
    assertEquals(names, listed);
  }

  @Test
  void list_namesStartingWithDots_areKeptButNotTheDotEntries() throws IOException {
    for (String name : List.of(".hidden.wsp", "..double.wsp", "...", ".a")) {
      Files.createFile(dir.resolve(name));
    }

    assertEquals(Set.of(".hidden.wsp", "..double.wsp", "...", ".a"), types(dir).keySet());
  }

  private static Path populate(Path root) throws IOException {
    Files.write(root.resolve("a.wsp"), new byte[] {1});
    Path sub = Files.createDirectory(root.resolve("sub"));
    Files.createSymbolicLink(root.resolve("link-to-sub"), sub);
    Files.createSymbolicLink(root.resolve("link-to-file.wsp"), root.resolve("a.wsp"));
    Files.createSymbolicLink(root.resolve("dangling.wsp"), root.resolve("gone.wsp"));
    Files.write(root.resolve("name with spaces and é.wsp"), new byte[] {2});
    return root;
  }

  private static Map<String, DirectoryListing.Type> expectedTypes() {
    return new TreeMap<>(Map.of(
        "a.wsp", DirectoryListing.Type.FILE,
        "sub", DirectoryListing.Type.DIRECTORY,
        "link-to-sub", DirectoryListing.Type.SYMLINK,
        "link-to-file.wsp", DirectoryListing.Type.SYMLINK,
        "dangling.wsp", DirectoryListing.Type.SYMLINK,
        "name with spaces and é.wsp", DirectoryListing.Type.FILE));
  }

  private static Map<String, DirectoryListing.Type> types(Path root) throws IOException {
    Map<String, DirectoryListing.Type> types = new TreeMap<>();
    for (DirectoryListing.Entry entry : DirectoryListing.list(root)) {
      assertEquals(root, entry.path().getParent());
      assertEquals(entry.path().getFileName().toString(), entry.name());
      types.put(entry.name(), entry.type());
    }
    return types;
  }
}
