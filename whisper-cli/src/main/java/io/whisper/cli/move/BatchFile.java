package io.whisper.cli.move;

import io.whisper.cli.support.LookAhead;
import io.whisper.core.PathBytes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A {@code --batch} list: one "SRC DST" a line, blank lines and # comments skipped. Read as
 * Latin-1, one char per byte, so a path's bytes come back exactly (PathBytes.path), UTF-8 or
 * not; a line that is not a pair becomes a job that fails with the reason.
 */
final class BatchFile {
  private BatchFile() {}

  /** Returns every job of the list {@code reader} reads (Latin-1). */
  static List<MoveJob> read(BufferedReader reader) {
    List<MoveJob> jobs = new ArrayList<>();
    lines(reader).forEachRemaining(jobs::add);
    return jobs;
  }

  /**
   * Returns a line for each path a batch names twice, as a source or a destination, with both
   * line numbers: two sources for one destination would merge the second into the first's
   * copy and delete it, and a path that is both a source and a destination makes the result
   * depend on the order the moves happen to run in. The whole batch is read for this before
   * anything moves (a few hundred bytes a line).
   */
  static List<String> namedTwice(List<MoveJob> batchJobs) {
    Map<Path, Integer> firstLine = new HashMap<>();
    List<String> twice = new ArrayList<>();
    for (MoveJob job : batchJobs) {
      if (job.error() != null) {
        continue;
      }
      for (Path path : List.of(job.source(), job.destination())) {
        Integer earlier = firstLine.putIfAbsent(path.toAbsolutePath().normalize(), job.line());
        if (earlier != null && !earlier.equals(job.line())) {
          twice.add("line " + job.line() + ": " + path + " is also named on line " + earlier);
        }
      }
    }
    return twice;
  }

  private static Iterator<MoveJob> lines(BufferedReader reader) {
    return new LookAhead<>() {
      private int lineNumber;

      @Override
      protected MoveJob find() {
        try {
          MoveJob job = null;
          while (job == null) {
            String line = reader.readLine();
            if (line == null) {
              return null;
            }
            lineNumber++;
            job = parse(lineNumber, line.strip());
          }
          return job;
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
  }

  private static MoveJob parse(int lineNumber, String line) {
    if (line.isEmpty() || line.startsWith("#")) {
      return null;
    }
    String[] fields = line.split("\\s+");
    if (fields.length != 2) {
      return new MoveJob(lineNumber, null, null,
          "expected 'SRC DST', found " + fields.length + " field" + (fields.length == 1 ? "" : "s"));
    }
    try {
      return new MoveJob(lineNumber,
          PathBytes.path(fields[0].getBytes(StandardCharsets.ISO_8859_1)),
          PathBytes.path(fields[1].getBytes(StandardCharsets.ISO_8859_1)), null);
    } catch (IllegalArgumentException e) { // InvalidPathException among them: a NUL
      return new MoveJob(lineNumber, null, null, "bad path: " + e.getMessage());
    }
  }
}
