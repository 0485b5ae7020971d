package io.whisper.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists a folder with each entry's type, as {@code readdir(3)} reports it in {@code d_type}:
 * on the default file system through the FFM API, which saves the {@code statx} per entry that
 * {@link Files#newDirectoryStream} plus {@link Files#readAttributes} costs (a scan of millions
 * of files spends much of its time there); elsewhere, and where a file system does not report
 * types, by reading the attributes.
 */
public final class DirectoryListing {

  /** What an entry is, without following a symbolic link. */
  public enum Type { FILE, DIRECTORY, SYMLINK, OTHER }

  /** One entry of a folder. */
  public record Entry(Path path, Type type) {}

  private static final byte DT_UNKNOWN = 0;
  private static final byte DT_DIR = 4;
  private static final byte DT_REG = 8;
  private static final byte DT_LNK = 10;
  // struct dirent on Linux x86-64 and aarch64 (glibc): d_ino 8, d_off 8, d_reclen 2, d_type 1.
  private static final long D_TYPE = 18;
  private static final long D_NAME = 19;
  private static final long DIRENT_MAX = 280;

  private static final MethodHandle OPENDIR;
  private static final MethodHandle READDIR;
  private static final MethodHandle CLOSEDIR;
  private static final MethodHandle ERRNO_LOCATION;

  static {
    MethodHandle opendir = null;
    MethodHandle readdir = null;
    MethodHandle closedir = null;
    MethodHandle errnoLocation = null;
    try {
      Linker linker = Linker.nativeLinker();
      SymbolLookup libc = linker.defaultLookup();
      opendir = downcall(linker, libc, "opendir",
          FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS));
      readdir = downcall(linker, libc, "readdir",
          FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS));
      closedir = downcall(linker, libc, "closedir",
          FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
      errnoLocation = downcall(linker, libc, "__errno_location",
          FunctionDescriptor.of(ValueLayout.ADDRESS));
    } catch (RuntimeException e) {
      opendir = null; // no native access: the attribute-reading fallback serves
    }
    OPENDIR = opendir;
    READDIR = readdir;
    CLOSEDIR = closedir;
    ERRNO_LOCATION = errnoLocation;
  }

  private DirectoryListing() {}

  @SuppressWarnings("restricted") // readdir(3) reports types that no Java API exposes
  private static MethodHandle downcall(
      Linker linker, SymbolLookup libc, String name, FunctionDescriptor descriptor) {
    return linker.downcallHandle(libc.find(name).orElseThrow(), descriptor);
  }

  /** Lists {@code dir}, unsorted, without "." and "..". */
  @SuppressWarnings("restricted") // reinterpret: readdir's struct dirent has a known size
  public static List<Entry> list(Path dir) throws IOException {
    if (OPENDIR == null || !isLinux() || dir.getFileSystem() != FileSystems.getDefault()) {
      return listByAttributes(dir);
    }
    List<Entry> entries = new ArrayList<>();
    MemorySegment stream;
    try (Arena arena = Arena.ofConfined()) {
      stream = (MemorySegment) OPENDIR.invokeExact(arena.allocateFrom(dir.toString()));
    } catch (Throwable t) {
      throw new IllegalStateException("opendir(3) downcall failed", t);
    }
    if (stream.equals(MemorySegment.NULL)) {
      return listByAttributes(dir); // let the JDK name the error (no such file, permission)
    }
    try {
      // readdir returns NULL both at the end and on an error; only errno tells them apart, and
      // only if it was 0 before the call. A listing cut short must not pass for a whole one.
      MemorySegment errno =
          ((MemorySegment) ERRNO_LOCATION.invokeExact()).reinterpret(ValueLayout.JAVA_INT.byteSize());
      while (true) {
        errno.set(ValueLayout.JAVA_INT, 0, 0);
        MemorySegment entry = (MemorySegment) READDIR.invokeExact(stream);
        if (entry.equals(MemorySegment.NULL)) {
          int error = errno.get(ValueLayout.JAVA_INT, 0);
          if (error != 0) {
            throw new IOException("reading folder " + dir + " failed: errno " + error);
          }
          return entries;
        }
        MemorySegment dirent = entry.reinterpret(DIRENT_MAX);
        String name = dirent.getString(D_NAME);
        if (name.equals(".") || name.equals("..")) {
          continue;
        }
        Path path = dir.resolve(name);
        entries.add(new Entry(path, switch (dirent.get(ValueLayout.JAVA_BYTE, D_TYPE)) {
          case DT_REG -> Type.FILE;
          case DT_DIR -> Type.DIRECTORY;
          case DT_LNK -> Type.SYMLINK;
          case DT_UNKNOWN -> typeOf(path);
          default -> Type.OTHER;
        }));
      }
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("readdir(3) downcall failed", t);
    } finally {
      try {
        int ignored = (int) CLOSEDIR.invokeExact(stream);
      } catch (Throwable t) {
        throw new IllegalStateException("closedir(3) downcall failed", t);
      }
    }
  }

  private static boolean isLinux() {
    return System.getProperty("os.name", "").startsWith("Linux");
  }

  private static List<Entry> listByAttributes(Path dir) throws IOException {
    List<Entry> entries = new ArrayList<>();
    try (DirectoryStream<Path> listing = Files.newDirectoryStream(dir)) {
      for (Path path : listing) {
        entries.add(new Entry(path, typeOf(path)));
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return entries;
  }

  // The file vanished between listing and lstat (carbon or a rebalance moved it): OTHER, skipped.
  private static Type typeOf(Path path) {
    try {
      BasicFileAttributes a =
          Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return a.isSymbolicLink() ? Type.SYMLINK
          : a.isDirectory() ? Type.DIRECTORY
          : a.isRegularFile() ? Type.FILE
          : Type.OTHER;
    } catch (IOException e) {
      return Type.OTHER;
    }
  }
}
