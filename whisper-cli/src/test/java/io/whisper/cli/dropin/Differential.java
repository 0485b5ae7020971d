package io.whisper.cli.dropin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.whisper.cli.CliRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Runs a reference script and our command on the same files, one after the other: each starts
 * from the same bytes in the same folder, with the same arguments (absolute paths, so the text
 * the tools print is the same), within the same wall-clock second (the scripts read the clock;
 * a pair that straddles a second is run again).
 */
final class Differential {
  private static final int ATTEMPTS = 4;

  /** Both runs and the files each left in the folder. */
  record Pair(CliRun reference, CliRun ours, Map<String, byte[]> referenceFiles,
      Map<String, byte[]> ourFiles) {

    /** Asserts the same exit status. */
    Pair sameStatus(String what) {
      assertEquals(reference.status(), ours.status(), () -> what + ": exit status\nreference: "
          + reference + "\nours: " + ours);
      return this;
    }

    /** Asserts the same exit status and the same stdout, byte for byte. */
    Pair sameOutput(String what) {
      sameStatus(what);
      assertEquals(reference.out(), ours.out(), () -> what + ": stdout\nreference: " + reference
          + "\nours: " + ours);
      return this;
    }

    /** Asserts both left the same files with the same bytes. */
    Pair sameFiles(String what) {
      assertEquals(referenceFiles.keySet(), ourFiles.keySet(), what + ": files left");
      for (String name : referenceFiles.keySet()) {
        assertArrayEquals(referenceFiles.get(name), ourFiles.get(name), what + ": bytes of " + name);
      }
      return this;
    }
  }

  private Differential() {}

  /** Compares {@code whisper-TOOL ARGS} with {@code whisper TOOL ARGS} in {@code dir}. */
  static Pair compare(Path dir, String tool, List<String> args) {
    return compare(dir, tool, args, null, ours -> {
      List<String> all = new ArrayList<>();
      all.add(tool);
      all.addAll(ours);
      return CliRun.of(all.toArray(String[]::new));
    });
  }

  /** As {@link #compare(Path, String, List)} with {@code stdin} and our own runner. */
  static Pair compare(Path dir, String tool, List<String> args, String stdin,
      Function<List<String>, CliRun> ours) {
    Map<String, byte[]> start = snapshot(dir);
    for (int attempt = 1; ; attempt++) {
      long second = System.currentTimeMillis() / 1000;
      restore(dir, start);
      CliRun reference = ReferenceScripts.tool(dir, tool, args, stdin);
      Map<String, byte[]> referenceFiles = snapshot(dir);
      restore(dir, start);
      CliRun mine = ours.apply(args);
      Map<String, byte[]> ourFiles = snapshot(dir);
      if (System.currentTimeMillis() / 1000 == second || attempt == ATTEMPTS) {
        return new Pair(reference, mine, referenceFiles, ourFiles);
      }
    }
  }

  /** Every regular file directly in {@code dir}, by name. */
  static Map<String, byte[]> snapshot(Path dir) {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> list = Files.list(dir)) {
      for (Path p : list.toList()) {
        if (Files.isRegularFile(p)) {
          files.put(p.getFileName().toString(), Files.readAllBytes(p));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  private static void restore(Path dir, Map<String, byte[]> files) {
    try (Stream<Path> list = Files.list(dir)) {
      for (Path p : list.toList()) {
        if (!files.containsKey(p.getFileName().toString()) && !Files.isDirectory(p)) {
          Files.delete(p);
        }
      }
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        Files.write(dir.resolve(file.getKey()), file.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A fresh folder {@code dir/name} holding copies of {@code files} from {@code pool}. */
  static Path folder(Path dir, String name, Path pool, String... files) {
    try {
      Path folder = Files.createDirectories(dir.resolve(name));
      for (String file : files) {
        Files.copy(pool.resolve(file), folder.resolve(file));
      }
      return folder;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
