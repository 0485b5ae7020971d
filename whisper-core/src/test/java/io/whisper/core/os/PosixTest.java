package io.whisper.core.os;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The system calls behind locking and allocation, made through the one syscall(2) downcall. */
class PosixTest {
  @TempDir Path dir;

  @BeforeEach
  void nativeAccess() {
    assumeTrue(NativeAccess.available(), "no native access on this platform");
  }

  @Test
  void fallocateExtendsTheFileToTheRangeItAllocates() throws IOException {
    Path file = Files.createFile(dir.resolve("a.wsp"));
    int fd = Posix.open(file, Syscalls.O_RDWR | Syscalls.O_CLOEXEC);
    try {
      assertEquals(0, Posix.fallocate(fd, 4096, 1 << 20));
    } finally {
      Posix.close(fd);
    }
    assertEquals(4096 + (1 << 20), Files.size(file));
  }

  @Test
  void aSecondExclusiveFlockOnTheSameFileIsRefusedUntilTheFirstIsReleased() throws IOException {
    Path file = Files.createFile(dir.resolve("b.wsp"));
    int first = Posix.open(file, Syscalls.O_RDONLY | Syscalls.O_CLOEXEC);
    int second = Posix.open(file, Syscalls.O_RDONLY | Syscalls.O_CLOEXEC);
    try {
      assertEquals(0, Posix.flock(first, Syscalls.LOCK_EX | Syscalls.LOCK_NB));
      // flock locks belong to the open file description: a second open of it conflicts.
      assertEquals(Errno.EWOULDBLOCK, Posix.flock(second, Syscalls.LOCK_EX | Syscalls.LOCK_NB));
      assertEquals(0, Posix.flock(first, Syscalls.LOCK_UN));
      assertEquals(0, Posix.flock(second, Syscalls.LOCK_EX | Syscalls.LOCK_NB));
    } finally {
      Posix.close(first);
      Posix.close(second);
    }
  }

  @Test
  void openOfAMissingFileThrowsWhatFilesWould() {
    assertThrows(NoSuchFileException.class,
        () -> Posix.open(dir.resolve("missing.wsp"), Syscalls.O_RDONLY));
  }
}
