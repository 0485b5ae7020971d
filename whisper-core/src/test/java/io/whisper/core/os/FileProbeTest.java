package io.whisper.core.os;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileProbeTest {
  @TempDir Path dir;

  @Test
  void read_defaultFileSystem_givesSizeAndFirstBytes() throws IOException {
    byte[] content = new byte[10_000];
    new Random(3).nextBytes(content);
    Path file = Files.write(dir.resolve("a.wsp"), content);

    FileProbe.Start start = FileProbe.read(file, 512);

    assertEquals(10_000, start.size());
    assertArrayEquals(Arrays.copyOf(content, 512), bytes(start.bytes()));
  }

  @Test
  void read_fileShorterThanLimit_givesWholeFile() throws IOException {
    Path file = Files.write(dir.resolve("short.wsp"), new byte[] {1, 2, 3});

    FileProbe.Start start = FileProbe.read(file, 512);

    assertEquals(3, start.size());
    assertArrayEquals(new byte[] {1, 2, 3}, bytes(start.bytes()));
  }

  @Test
  void read_emptyFile_givesNoBytes() throws IOException {
    Path file = Files.createFile(dir.resolve("empty.wsp"));

    FileProbe.Start start = FileProbe.read(file, 512);

    assertEquals(0, start.size());
    assertEquals(0, start.bytes().remaining());
  }

  @Test
  void read_missingFile_throwsNoSuchFile() {
    assertThrows(NoSuchFileException.class, () -> FileProbe.read(dir.resolve("none.wsp"), 16));
  }

  @Test
  void read_directory_throwsIsADirectory() throws IOException {
    Path sub = Files.createDirectory(dir.resolve("folder.wsp"));

    FileSystemException e = assertThrows(FileSystemException.class, () -> FileProbe.read(sub, 16));
    assertEquals("Is a directory", e.getReason());
  }

  @Test
  void read_inHeldFolder_givesSizeAndFirstBytes() throws IOException {
    byte[] content = new byte[1_000];
    new Random(7).nextBytes(content);
    Path file = Files.write(Files.createDirectory(dir.resolve("sub")).resolve("a.wsp"), content);

    try (OpenFolder folder = OpenFolder.open(file.getParent())) {
      FileProbe.Start start = probe(folder, file, new byte[512]);

      assertEquals(1_000, start.size());
      assertArrayEquals(Arrays.copyOf(content, 512), bytes(start.bytes()));
    }
  }

  @Test
  void read_heldFolderRenamed_stillReadsItsFile() throws IOException {
    // The descriptor, not the path, names the folder: proof that the file is opened by name
    // relative to it.
    Path file = Files.write(Files.createDirectory(dir.resolve("old")).resolve("a.wsp"),
        new byte[] {1, 2, 3});

    try (OpenFolder folder = OpenFolder.open(file.getParent())) {
      Files.move(dir.resolve("old"), dir.resolve("new"));

      assertEquals(3, probe(folder, file, new byte[512]).size());
    }
  }

  @Test
  void read_inMissingFolder_throwsNoSuchFileNamingThePath() throws IOException {
    Path file = dir.resolve("none/a.wsp");

    try (OpenFolder folder = OpenFolder.open(file.getParent())) {
      NoSuchFileException e = assertThrows(
          NoSuchFileException.class, () -> probe(folder, file, new byte[16]));
      assertEquals(file.toString(), e.getFile());
    }
  }

  @Test
  void read_missingFileInHeldFolder_throwsNoSuchFileNamingThePath() throws IOException {
    Path file = dir.resolve("none.wsp");

    try (OpenFolder folder = OpenFolder.open(dir)) {
      NoSuchFileException e = assertThrows(
          NoSuchFileException.class, () -> probe(folder, file, new byte[16]));
      assertEquals(file.toString(), e.getFile());
    }
  }

  @Test
  void read_leavesTheAccessTimeAlone() throws IOException {
    // An access time a day old or more is updated by any read under relatime, the default.
    Path file = Files.write(dir.resolve("a.wsp"), new byte[] {1, 2, 3});
    FileTime longAgo = FileTime.fromMillis(1_000_000_000_000L);
    Files.setAttribute(file, "lastAccessTime", longAgo);

    FileProbe.read(file, 512);
    try (OpenFolder folder = OpenFolder.open(dir)) {
      probe(folder, file, new byte[512]);
    }

    assertEquals(longAgo, Files.getAttribute(file, "lastAccessTime"));
  }

  @Test
  void read_jimfs_givesSameAnswerThroughTheChannel() throws IOException {
    try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix())) {
      byte[] content = new byte[700];
      new Random(5).nextBytes(content);
      Path file = Files.write(fs.getPath("/b.wsp"), content);

      FileProbe.Start start = FileProbe.read(file, 512);

      assertEquals(700, start.size());
      assertArrayEquals(Arrays.copyOf(content, 512), bytes(start.bytes()));
      try (OpenFolder folder = OpenFolder.open(file.getParent())) {
        assertEquals(700, probe(folder, file, new byte[512]).size());
      }
    }
  }

  // The held-folder read, by the file's own name.
  private static FileProbe.Start probe(OpenFolder folder, Path file, byte[] into)
      throws IOException {
    return FileProbe.read(folder, file.getFileName().toString(), file, into);
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] out = new byte[buffer.remaining()];
    buffer.duplicate().get(out);
    return out;
  }
}
