package io.whisper.core.os;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Names reached one at a time from a held folder, never through a link. */
class HeldFolderTest {
  @TempDir
  Path dir;
  Path root;
  Path outside;

  static byte[] b(String name) {
    return name.getBytes(StandardCharsets.UTF_8);
  }

  @BeforeEach
  void tree() throws IOException {
    assumeTrue(NativeAccess.available(), "Linux with native access");
    root = Files.createDirectories(dir.resolve("root/sub"));
    root = root.getParent();
    outside = Files.createDirectories(dir.resolve("outside"));
    Files.writeString(outside.resolve("keep.wsp"), "keep");
    Files.writeString(root.resolve("sub/a.wsp"), "aaaa");
    Files.createSymbolicLink(root.resolve("link"), outside);
    Files.createSymbolicLink(root.resolve("sub/file-link.wsp"), outside.resolve("keep.wsp"));
  }

  @Test
  void listsWithTypesAndStats() throws IOException {
    try (HeldFolder folder = HeldFolder.open(root)) {
      Set<String> names = new TreeSet<>();
      for (HeldFolder.Entry entry : folder.list()) {
        names.add(new String(entry.name(), StandardCharsets.UTF_8) + ":" + entry.type());
      }
      assertEquals(Set.of("link:SYMLINK", "sub:DIRECTORY"), names);
      assertEquals(2, folder.list().size(), "a second listing starts over");
      try (HeldFolder sub = folder.folder(b("sub"))) {
        HeldFolder.Status status = sub.status(b("a.wsp"));
        assertEquals(DirectoryListing.Type.FILE, status.type());
        assertEquals(4, status.size());
      }
    }
  }

  @Test
  void neverFollowsALink() throws IOException {
    try (HeldFolder folder = HeldFolder.open(root); HeldFolder sub = folder.folder(b("sub"))) {
      IOException folderLink = assertThrows(IOException.class, () -> folder.folder(b("link")));
      assertTrue(folderLink.getMessage().contains("symbolic link"), folderLink.getMessage());
      IOException fileLink = assertThrows(IOException.class, () -> sub.openFile(b("file-link.wsp")));
      assertTrue(fileLink.getMessage().contains("symbolic link"), fileLink.getMessage());
      for (String bad : List.of("..", ".", "", "a/b")) {
        assertThrows(IOException.class, () -> folder.folder(b(bad)), bad);
      }
    }
  }

  @Test
  void movesWithoutReplacingAndRemovesTreesWithoutFollowing() throws IOException {
    Files.writeString(root.resolve("taken.wsp"), "mine");
    try (HeldFolder folder = HeldFolder.open(root); HeldFolder sub = folder.folder(b("sub"))) {
      assertThrows(IOException.class, () -> sub.moveTo(b("a.wsp"), folder, b("taken.wsp")));
      assertEquals("mine", Files.readString(root.resolve("taken.wsp")));
      sub.moveTo(b("a.wsp"), folder, b("moved.wsp"));
      assertEquals("aaaa", Files.readString(root.resolve("moved.wsp")));
      try (HeldFolder trash = folder.makeFolder(b("trash")); HeldFolder deeper = trash.makeFolder(b("x"))) {
        folder.moveTo(b("link"), deeper, b("link"));
      }
      folder.removeTree(b("trash"));
      assertFalse(Files.exists(root.resolve("trash")));
      assertEquals("keep", Files.readString(outside.resolve("keep.wsp")), "the link's target stays");
    }
  }

  @Test
  void readsUnderASharedLock() throws IOException {
    try (HeldFolder folder = HeldFolder.open(root); HeldFolder sub = folder.folder(b("sub"));
        HeldFolder.OpenFile file = sub.openFile(b("a.wsp"))) {
      file.lockShared();
      assertTrue(FileLock.tryExclusive(root.resolve("sub/a.wsp")).isEmpty(),
          "a writer's exclusive flock waits");
      assertEquals(4, file.channel().size());
    }
  }
  /**
   * openForWrite refuses a link to a file outside and a FIFO, and what it opened stays the
   * file it opened when a link is swapped in for the name afterwards.
   */
  @Test
  void opensForWritingWithoutFollowingALinkSwappedIn() throws Exception {
    Process fifo = new ProcessBuilder("mkfifo", root.resolve("sub/fifo.wsp").toString()).start();
    assertEquals(0, fifo.waitFor());
    try (HeldFolder folder = HeldFolder.open(root); HeldFolder sub = folder.folder(b("sub"))) {
      IOException link = assertThrows(IOException.class, () -> sub.openForWrite(b("file-link.wsp")));
      assertTrue(link.getMessage().contains("symbolic link"), link.getMessage());
      IOException notFile = assertThrows(IOException.class, () -> sub.openForWrite(b("fifo.wsp")));
      assertTrue(notFile.getMessage().contains("not a regular file"), notFile.getMessage());
      try (HeldFolder.OpenFile file = sub.openForWrite(b("a.wsp"))) {
        file.lockExclusive();
        Path swapped = root.resolve("sub/swap");
        Files.createSymbolicLink(swapped, outside.resolve("keep.wsp"));
        Files.move(swapped, root.resolve("sub/a.wsp"), StandardCopyOption.ATOMIC_MOVE);
        Files.writeString(file.inode(), "written", StandardOpenOption.TRUNCATE_EXISTING);
      }
    }
    assertEquals("keep", Files.readString(outside.resolve("keep.wsp")), "the link was followed");
  }
}
