package io.whisper.core;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a file's size and its first bytes, the part a header check needs, as cheaply as the
 * platform allows: on the default file system with four system calls (open, lseek, pread,
 * close) through the FFM API and buffers kept per thread, since a scan over millions of files
 * spends its time here, the open relative to a held {@link OpenFolder} when there is one;
 * elsewhere (jimfs) through a {@link FileChannel}.
 */
public final class FileProbe {

  /** What a probe read: the file's size and up to the first {@code limit} bytes. */
  public record Start(long size, ByteBuffer bytes) {}

  private static final int MAX_PATH = 4096;
  private static final int MAX_BYTES = 4096;

  // One set of native buffers per scanning thread, never freed: a pool of a few threads.
  private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

  private FileProbe() {}

  /**
   * Reads the size of {@code path} and its first {@code limit} bytes (fewer if it is shorter).
   *
   * @throws java.nio.file.NoSuchFileException and the other exceptions opening would throw
   */
  public static Start read(Path path, int limit) throws IOException {
    return read(path, limit, Posix.AT_FDCWD, path.toString());
  }

  /**
   * Reads, as {@link #read(Path, int)}, the file {@code file} of the held {@code folder}, opened
   * by its name relative to the folder.
   *
   * @param file a file directly in {@code folder} (its parent is the folder's path)
   */
  public static Start read(OpenFolder folder, Path file, int limit) throws IOException {
    assert folder.path().equals(file.getParent()) : file + " is not in " + folder.path();
    return folder.fd() < 0
        ? read(file, limit)
        : read(file, limit, folder.fd(), file.getFileName().toString());
  }

  // Opens `name` relative to `dirFd` (AT_FDCWD: the working folder; an absolute name ignores it).
  private static Start read(Path path, int limit, int dirFd, String name) throws IOException {
    if (limit > MAX_BYTES) {
      throw new IllegalArgumentException("limit " + limit + " is over " + MAX_BYTES);
    }
    if (path.getFileSystem() != FileSystems.getDefault() || !Posix.AVAILABLE) {
      try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
        long size = channel.size();
        return new Start(size, HeaderCodec.readFully(channel, 0, (int) Math.min(size, limit)));
      }
    }
    byte[] encoded = name.getBytes(StandardCharsets.UTF_8);
    if (encoded.length >= MAX_PATH) {
      throw new FileSystemException(path.toString(), null, "path too long");
    }
    return BUFFERS.get().read(path, dirFd, encoded, limit);
  }

  private static final class Buffers {
    private final MemorySegment state;
    private final MemorySegment cPath;
    private final MemorySegment bytes;

    Buffers() {
      Arena arena = Arena.ofAuto();
      state = Posix.allocateCallState(arena);
      cPath = arena.allocate(MAX_PATH);
      bytes = arena.allocate(MAX_BYTES);
    }

    Start read(Path path, int dirFd, byte[] encoded, int limit) throws IOException {
      MemorySegment.copy(encoded, 0, cPath, ValueLayout.JAVA_BYTE, 0, encoded.length);
      cPath.set(ValueLayout.JAVA_BYTE, encoded.length, (byte) 0);
      int fd = Posix.openAtRaw(state, dirFd, cPath, Posix.O_RDONLY | Posix.O_CLOEXEC);
      if (fd < 0) {
        throw Posix.openFailure(path.toString(), -fd);
      }
      try {
        long size = Posix.size(state, fd);
        if (size < 0) {
          throw failure(path, "lseek", -size);
        }
        int wanted = (int) Math.min(size, limit);
        int got = 0;
        while (got < wanted) {
          long n = Posix.pread(state, fd, bytes.asSlice(got), wanted - got, got);
          if (n < 0) {
            throw failure(path, "read", -n);
          }
          if (n == 0) {
            break;
          }
          got += (int) n;
        }
        byte[] copy = new byte[got];
        MemorySegment.copy(bytes, ValueLayout.JAVA_BYTE, 0, copy, 0, got);
        return new Start(size, ByteBuffer.wrap(copy));
      } finally {
        Posix.closeRaw(state, fd); // a read-only descriptor: nothing to lose on close
      }
    }

    private static IOException failure(Path path, String call, long errno) {
      return errno == Posix.EISDIR
          ? new FileSystemException(path.toString(), null, "Is a directory")
          : new IOException(call + "(" + path + ") failed: errno " + errno);
    }
  }
}
