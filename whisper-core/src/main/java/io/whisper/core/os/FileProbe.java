package io.whisper.core.os;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a file's size and its first bytes, the part a header check needs, as cheaply as the
 * platform allows: on the default file system with four system calls (open, lseek, pread,
 * close) through the FFM API and native buffers kept per thread ({@link ScanBuffers}), since a
 * scan over millions of files spends its time here, the open relative to a held
 * {@link OpenFolder} when there is one; elsewhere (jimfs) through a {@link FileChannel}.
 */
public final class FileProbe {

  /** What a probe read: the file's size and up to the first {@code limit} bytes. */
  public record Start(long size, ByteBuffer bytes) {}

  private static volatile boolean noAtimeRefused;

  private FileProbe() {}

  /**
   * Reads the size of {@code path} and its first {@code limit} bytes (fewer if it is shorter).
   *
   * @throws java.nio.file.NoSuchFileException and the other exceptions opening would throw
   */
  public static Start read(Path path, int limit) throws IOException {
    return read(path, Syscalls.AT_FDCWD, PathBytes.of(path), new byte[limit]);
  }

  /**
   * Reads, as {@link #read(Path, int)}, the file {@code name} of the held {@code folder},
   * opened by its name relative to the folder, into {@code into}: no allocation per file for a
   * caller that reuses its array.
   *
   * @param file the folder's path resolved with {@code name}: the path errors name
   * @param into receives the first bytes, up to its length; the {@link Start#bytes()} returned
   *     is a view of it, valid until the caller reuses it
   */
  public static Start read(OpenFolder folder, String name, Path file, byte[] into)
      throws IOException {
    boolean exact = PathBytes.exact(name);
    assert !exact || folder.path().resolve(name).equals(file)
        : file + " is not " + name + " in " + folder;
    return folder.fd() < 0
        ? read(file, Syscalls.AT_FDCWD, PathBytes.of(file), into)
        : read(file, folder.fd(), exact
            ? name.getBytes(StandardCharsets.UTF_8) // the usual case: no Path made
            : PathBytes.of(file.getFileName()), into);
  }

  // Opens `name` relative to `dirFd` (AT_FDCWD: the working folder; an absolute name ignores it).
  private static Start read(Path path, int dirFd, byte[] name, byte[] into) throws IOException {
    if (into.length > ScanBuffers.MAX_BYTES) {
      throw new IllegalArgumentException(
          "limit " + into.length + " is over " + ScanBuffers.MAX_BYTES);
    }
    if (!NativeAccess.reaches(path)) {
      try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
        long size = channel.size();
        return new Start(size, FileReads.readFully(
            channel, 0, ByteBuffer.wrap(into, 0, (int) Math.min(size, into.length))));
      }
    }
    return readNative(path, dirFd, name, into);
  }

  private static Start readNative(Path path, int dirFd, byte[] name, byte[] into)
      throws IOException {
    ScanBuffers buffers = ScanBuffers.get();
    MemorySegment state = buffers.state();
    int fd = open(buffers, dirFd, name);
    if (fd < 0) {
      throw Errno.openFailure(path.toString(), -fd);
    }
    try {
      long size = Syscalls.size(state, fd);
      if (size < 0) {
        throw failure(path, "lseek", -size);
      }
      MemorySegment bytes = buffers.bytes();
      int wanted = (int) Math.min(size, into.length);
      int got = 0;
      while (got < wanted) {
        // A slice only for the rare short read: one more object per file otherwise.
        MemorySegment rest = got == 0 ? bytes : bytes.asSlice(got);
        long n = Syscalls.pread(state, fd, rest, wanted - got, got);
        if (n < 0) {
          throw failure(path, "read", -n);
        }
        if (n == 0) {
          break;
        }
        got += (int) n;
      }
      buffers.copyBytes(into, got);
      return new Start(size, ByteBuffer.wrap(into, 0, got));
    } finally {
      Syscalls.close(state, fd); // a read-only descriptor: nothing to lose on close
    }
  }

  // O_NOATIME: a check is not a use, and a nightly scan would otherwise write the access time
  // of every file once a day (relatime). Only the file's owner (or root) may ask for it: the
  // first refusal (EPERM) makes this process stop asking.
  private static int open(ScanBuffers buffers, int dirFd, byte[] name) {
    // O_NONBLOCK: a FIFO met by a walk (a link to one) must not stop the scan; lseek refuses it.
    int flags = Syscalls.O_RDONLY | Syscalls.O_NONBLOCK | Syscalls.O_CLOEXEC;
    if (!noAtimeRefused) {
      int fd = buffers.openAt(dirFd, name, flags | Syscalls.O_NOATIME);
      if (fd != -Errno.EPERM) {
        return fd;
      }
      noAtimeRefused = true;
    }
    return buffers.openAt(dirFd, name, flags);
  }

  private static IOException failure(Path path, String call, long errno) {
    return errno == Errno.EISDIR ? new FileSystemException(path.toString(), null, "Is a directory")
        : errno == Errno.ESPIPE ? new FileSystemException(path.toString(), null, "not a regular file")
        : new IOException(call + "(" + path + ") failed: errno " + errno);
  }
}
