package io.whisper.core.os;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A lock on a file that is not there fails as FileChannel.open would, not with a bare errno. */
class FileLockOpenErrorTest {

  @TempDir Path dir;

  @Test
  void missingFileIsNoSuchFile() {
    assumeTrue(NativeAccess.available(), "flock(2) through FFM is not available here");
    Path missing = dir.resolve("missing.wsp");
    NoSuchFileException e =
        assertThrows(NoSuchFileException.class, () -> FileLock.exclusive(missing).close());
    assertEquals(missing.toString(), e.getFile());
  }

  @Test
  void fileInPlaceOfFolderIsNotADirectory() throws IOException {
    assumeTrue(NativeAccess.available(), "flock(2) through FFM is not available here");
    Path file = Files.createFile(dir.resolve("file"));
    FileSystemException e = assertThrows(FileSystemException.class,
        () -> FileLock.exclusive(file.resolve("a.wsp")).close());
    assertEquals("Not a directory", e.getReason());
  }
}
