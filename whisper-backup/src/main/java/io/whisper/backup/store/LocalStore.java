package io.whisper.backup.store;

import io.whisper.core.os.SafeCopy;
import io.whisper.core.os.SyncedFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A repository in a local folder: each object a file under its name. An object is written to a
 * hidden temporary file beside its final name, synced, and linked into place (a link never
 * replaces), and the folder is synced: a crash or a full disk leaves either the whole object
 * or none, and at worst a hidden temporary file that {@link #list} does not show.
 */
public final class LocalStore implements ObjectStore {
  private final Path root;

  public LocalStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** Returns the folder. */
  public Path root() {
    return root;
  }

  @Override
  public boolean putIfAbsent(String name, byte[] bytes) throws IOException {
    Path target = resolve(name);
    if (Files.exists(target)) {
      return false;
    }
    Path dir = target.getParent();
    Files.createDirectories(dir);
    Path temp = SafeCopy.temporaryBeside(target);
    try {
      try (FileChannel out = FileChannel.open(
          temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
        out.force(true);
      }
      try {
        Files.createLink(target, temp);
      } catch (FileAlreadyExistsException e) {
        return false;
      }
      SyncedFiles.forceDirectory(dir);
      return true;
    } catch (IOException e) {
      throw new IOException(location() + ": cannot write " + name + ": " + reason(e), e);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  @Override
  public byte[] get(String name) throws IOException {
    try {
      return Files.readAllBytes(resolve(name));
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(location() + ": no object " + name);
    }
  }

  @Override
  public byte[] get(String name, long offset, int length) throws IOException {
    try (FileChannel in = FileChannel.open(resolve(name), StandardOpenOption.READ)) {
      ByteBuffer buffer = ByteBuffer.allocate(length);
      while (buffer.hasRemaining()) {
        if (in.read(buffer, offset + buffer.position()) < 0) {
          throw new IOException(location() + ": " + name + " ends before byte "
              + (offset + length) + " (it is " + in.size() + " bytes)");
        }
      }
      return buffer.array();
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(location() + ": no object " + name);
    }
  }

  @Override
  public List<String> list(String prefix) throws IOException {
    // The prefixes the repository lists are folders ("data/", "index/"), walked whole.
    int slash = prefix.lastIndexOf('/');
    Path start = slash < 0 ? root : resolve(prefix.substring(0, slash));
    List<String> names = new ArrayList<>();
    if (!Files.isDirectory(start)) {
      return names;
    }
    try (Stream<Path> files = Files.walk(start)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String name = root.relativize(file).toString();
        if (!file.getFileName().toString().startsWith(".") && name.startsWith(prefix)
            && Files.isRegularFile(file)) {
          names.add(name);
        }
      }
    }
    names.sort(null);
    return names;
  }

  @Override
  public void delete(String name) throws IOException {
    Path target = resolve(name);
    if (Files.deleteIfExists(target)) {
      SyncedFiles.forceDirectory(target.getParent());
    }
  }

  @Override
  public String location() {
    return root.toString();
  }

  private Path resolve(String name) {
    Path path = root.resolve(name).normalize();
    if (!path.startsWith(root) || name.isEmpty()) {
      throw new IllegalArgumentException("object name outside the repository: " + name);
    }
    return path;
  }

  private static String reason(IOException e) {
    String message = e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message;
  }
}
