package io.whisper.cli.dropin;

import io.whisper.core.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** The files make_files.py writes, by schema, method and content (see its docstring). */
final class DropinFiles {
  /** The clock second every differential test runs at: unaligned to any step. */
  static final long NOW = 1_790_000_017L;

  static final List<String> CONTENTS = List.of("empty", "full", "gappy", "other", "recent");

  private final Path dir;

  private DropinFiles(Path dir) {
    this.dir = dir;
  }

  /** Generates the files into {@code dir} (which must not exist yet) with the reference. */
  static DropinFiles make(Path dir) throws IOException {
    return make(dir, NOW);
  }

  /** Generates the files with data up to {@code now} (the wall clock for live runs). */
  static DropinFiles make(Path dir, long now) throws IOException {
    Files.createDirectories(dir);
    ReferenceScripts.makeFiles(dir, now);
    return new DropinFiles(dir);
  }

  /**
   * Returns (kind, contents...) for every SCHEMA-METHOD kind and each row of contents: the
   * arguments of parameterized tests, which run before any fixture exists.
   */
  static Stream<Arguments> kindCases(List<List<String>> rows) throws IOException {
    List<Arguments> cases = new ArrayList<>();
    for (String kind : generatedKinds()) {
      for (List<String> row : rows) {
        List<Object> arguments = new ArrayList<>(List.of(kind));
        arguments.addAll(row);
        cases.add(Arguments.of(arguments.toArray()));
      }
    }
    return cases.stream();
  }

  /** Returns every SCHEMA-METHOD kind make_files.py writes (skipped without the reference). */
  static List<String> generatedKinds() throws IOException {
    ReferenceScripts.assumeInstalled();
    Path dir = Files.createTempDirectory("dropin-kinds");
    try {
      return make(dir.resolve("files")).kinds();
    } finally {
      TestFiles.deleteTree(dir);
    }
  }

  /** Returns every SCHEMA-METHOD prefix, sorted. */
  List<String> kinds() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith("-empty.wsp"))
          .map(n -> n.substring(0, n.length() - "-empty.wsp".length()))
          .sorted()
          .toList();
    }
  }

  /** Returns the file of {@code kind} with {@code content}. */
  Path file(String kind, String content) {
    return dir.resolve(kind + "-" + content + ".wsp");
  }

  /** Copies the file of {@code kind} with {@code content} into {@code target} (a directory). */
  Path copy(String kind, String content, Path target) throws IOException {
    Files.createDirectories(target);
    return Files.copy(file(kind, content), target.resolve(kind + "-" + content + ".wsp"));
  }

  /** Returns {@code args} with every occurrence of {@code from} in them replaced. */
  static List<String> replaced(List<String> args, String from, String to) {
    List<String> out = new ArrayList<>();
    for (String arg : args) {
      out.add(arg.replace(from, to));
    }
    return out;
  }
}
