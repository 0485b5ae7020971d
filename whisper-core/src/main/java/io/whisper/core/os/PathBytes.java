package io.whisper.core.os;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A path's name as the kernel knows it: bytes, which Java's {@code String} cannot always hold.
 *
 * <p>Java turns names into strings with the locale's charset ({@code sun.jnu.encoding}, which a
 * {@code -D} cannot change): under cron or {@code env -i} that is ASCII, and {@code café.wsp}
 * cannot be named at all; under UTF-8, a name that is not valid UTF-8 becomes U+FFFD and names
 * another file. A {@link Path} of the default file system keeps the bytes, though, and its
 * {@code file:} URI spells them out exactly (each byte outside ASCII as {@code %XX}) in either
 * direction. Names that a string holds exactly, the usual case, take the plain way.
 */
public final class PathBytes {
  // Where a path's string is its UTF-8 bytes whatever it holds (but U+FFFD, a lost byte).
  private static final boolean UTF8_NAMES = StandardCharsets.UTF_8.name().equalsIgnoreCase(
      System.getProperty("sun.jnu.encoding", StandardCharsets.UTF_8.name()));

  private static final Path ROOT = Path.of("/");

  private PathBytes() {}

  /** Returns the bytes of {@code path} as given to the kernel. */
  public static byte[] of(Path path) {
    String text = path.toString();
    if (exact(text) || !isDefault(path)) {
      return text.getBytes(StandardCharsets.UTF_8);
    }
    // A URI is absolute: a relative path is spelled as if under the root, the slash then cut.
    boolean relative = !path.isAbsolute();
    byte[] bytes = decode((relative ? ROOT.resolve(path) : path)
        .toUri().getRawPath());
    int from = relative ? 1 : 0;
    // toUri appends a slash to a folder's path: the kernel needs none
    int to = bytes.length - from > 1 && bytes[bytes.length - 1] == '/' ? bytes.length - 1
        : bytes.length;
    return Arrays.copyOfRange(bytes, from, to);
  }

  /**
   * Returns {@code folder} resolved with the name in {@code bytes[offset, offset + length)}, which
   * may not be valid UTF-8 nor mappable in the locale's charset.
   *
   * @param text the same name decoded as UTF-8, used when it holds the bytes exactly
   */
  public static Path resolve(Path folder, String text, byte[] bytes, int offset, int length) {
    if (exact(text) || !isDefault(folder)) {
      return folder.resolve(text);
    }
    StringBuilder uri = new StringBuilder(length * 3 + 8).append("file:///");
    for (int i = offset; i < offset + length; i++) {
      appendEscaped(uri, bytes[i]);
    }
    return folder.resolve(Path.of(URI.create(uri.toString())).getFileName());
  }

  /** Returns the path whose bytes are {@code bytes} (absolute or relative, no NUL). */
  public static Path path(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (exact(text) && Arrays.equals(bytes, text.getBytes(StandardCharsets.UTF_8))) {
      return Path.of(text);
    }
    boolean absolute = bytes.length > 0 && bytes[0] == '/';
    StringBuilder uri = new StringBuilder(bytes.length * 3 + 8).append("file:///");
    for (int i = absolute ? 1 : 0; i < bytes.length; i++) {
      appendEscaped(uri, bytes[i]);
    }
    Path rooted = Path.of(URI.create(uri.toString()));
    return absolute ? rooted : ROOT.relativize(rooted);
  }

  /** Returns {@code path}'s name with {@code suffix} appended, the name's bytes kept. */
  public static Path withSuffix(Path path, String suffix) {
    return withAffixes(path, "", suffix);
  }

  /** Returns a sibling of {@code path} named {@code prefix + its name + suffix}. */
  public static Path withAffixes(Path path, String prefix, String suffix) {
    Path name = path.getFileName();
    String text = name.toString();
    if (exact(text) || !isDefault(path)) {
      return path.resolveSibling(prefix + text + suffix);
    }
    byte[] affixed = concat(prefix.getBytes(StandardCharsets.UTF_8), of(name),
        suffix.getBytes(StandardCharsets.UTF_8));
    return path.resolveSibling(
        resolve(ROOT, "\uFFFD", affixed, 0, affixed.length).getFileName());
  }

  /**
   * Returns whether {@code text}, as a path's string, holds the path's bytes exactly: no
   * U+FFFD standing for a byte the charset could not decode, and in a charset other than UTF-8
   * nothing beyond ASCII.
   */
  static boolean exact(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 0x80 && (!UTF8_NAMES || c == '\uFFFD')) {
        return false;
      }
    }
    return true;
  }

  private static boolean isDefault(Path path) {
    return path.getFileSystem() == FileSystems.getDefault();
  }

  private static void appendEscaped(StringBuilder uri, byte b) {
    int c = b & 0xff;
    if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
        || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
      uri.append((char) c);
    } else {
      uri.append('%').append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
    }
  }

  // A URI's raw path: ASCII, each other byte as %XX.
  private static byte[] decode(String raw) {
    byte[] bytes = new byte[raw.length()];
    int length = 0;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        bytes[length++] = (byte) Integer.parseInt(raw, i + 1, i + 3, 16);
        i += 2;
      } else {
        bytes[length++] = (byte) c;
      }
    }
    return Arrays.copyOf(bytes, length);
  }

  private static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    byte[] all = new byte[length];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, all, at, part.length);
      at += part.length;
    }
    return all;
  }
}
