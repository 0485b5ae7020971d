package io.whisper.cli;

import io.whisper.core.PathBytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Paths given on the command line, by their bytes. The JVM decodes {@code main}'s arguments
 * with the locale's charset before we see them, so an argument that is not UTF-8 arrives with
 * U+FFFD for its bytes and names another file. The kernel's copy, {@code /proc/self/cmdline},
 * ends with the arguments exactly: only when one was decoded with a loss is it read, and the
 * argument's path taken from there.
 */
final class Arguments {
  // Arguments decoded with a loss, and the tails of --option=VALUE ones, to their exact paths.
  private static volatile Map<String, Path> exact = Map.of();

  private Arguments() {}

  /** Remembers the exact bytes of those of {@code args} that lost some in decoding. */
  static void remember(String... args) {
    if (!anyLossy(args)) {
      return; // the usual case: nothing read, nothing more loaded
    }
    List<byte[]> raw;
    try {
      raw = split(Files.readAllBytes(Path.of("/proc/self/cmdline")));
    } catch (IOException e) {
      return; // no /proc: the decoded arguments are all there is
    }
    if (raw.size() < args.length) {
      return;
    }
    Map<String, Path> paths = new HashMap<>();
    List<byte[]> tail = raw.subList(raw.size() - args.length, raw.size());
    for (int i = 0; i < args.length; i++) {
      byte[] bytes = tail.get(i);
      if (!new String(bytes, StandardCharsets.UTF_8).equals(args[i])) {
        return; // not our arguments after all (the JVM was started some other way)
      }
      if (args[i].indexOf('\uFFFD') >= 0) {
        paths.put(args[i], PathBytes.path(bytes));
        int equals = args[i].indexOf('=');
        if (equals > 0) {
          paths.put(args[i].substring(equals + 1),
              PathBytes.path(Arrays.copyOfRange(bytes, byteOffset(bytes), bytes.length)));
        }
      }
    }
    exact = Map.copyOf(paths);
  }

  // A loop, not a stream (docs/startup.md).
  private static boolean anyLossy(String[] args) {
    for (String arg : args) {
      if (arg.indexOf('\uFFFD') >= 0) {
        return true;
      }
    }
    return false;
  }

  /** Returns the path an argument names: by its exact bytes where decoding lost some. */
  static Path path(String arg) {
    Path path = exact.get(arg);
    return path != null ? path : Path.of(arg);
  }

  private static int byteOffset(byte[] bytes) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '=') {
        return i + 1;
      }
    }
    return bytes.length;
  }

  private static List<byte[]> split(byte[] cmdline) {
    List<byte[]> parts = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < cmdline.length; i++) {
      if (cmdline[i] == 0) {
        parts.add(Arrays.copyOfRange(cmdline, start, i));
        start = i + 1;
      }
    }
    return parts;
  }
}
