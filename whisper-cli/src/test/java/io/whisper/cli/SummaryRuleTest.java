package io.whisper.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.whisper.core.AggregationMethod;
import io.whisper.core.Allocation;
import io.whisper.core.Retention;
import io.whisper.core.Whisper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One rule for the summaries of fsck, fill and move (docs/output.md): standard output carries
 * the records, one a line; the summary is the last line on standard error, or with
 * {@code --json} the last object on standard output, {@code "summary": true}, with nothing on
 * standard error. (Before: stderr for fsck, stdout for fill and move, stderr for fill --json,
 * none for move --json.)
 */
class SummaryRuleTest {
  @TempDir Path dir;

  @Test
  void textSummariesAreTheLastLineOnStderr() throws IOException {
    for (String[] args : commands(false)) {
      CliRun run = CliRun.of(args);

      String what = String.join(" ", args) + ": " + run.out() + run.err();
      List<String> errors = run.err().lines().toList();
      assertEquals(1, errors.size(), what);
      assertTrue(errors.getFirst().startsWith("whisper " + args[0] + ": "), what);
      assertFalse(run.out().contains("whisper " + args[0]), what);
    }
  }

  @Test
  void jsonSummariesAreTheLastObjectOnStdout() throws IOException {
    for (String[] args : commands(true)) {
      CliRun run = CliRun.of(args);

      String what = String.join(" ", args) + ": " + run.out() + run.err();
      assertEquals("", run.err(), what);
      List<String> lines = run.out().lines().toList();
      assertTrue(lines.size() >= 2, what);
      for (String line : lines) {
        assertTrue(line.startsWith("{") && line.endsWith("}"), what);
      }
      assertTrue(lines.getLast().startsWith("{\"summary\":true") // fsck's compact form
          || lines.getLast().startsWith("{\"summary\": true"), what);
      assertTrue(lines.getLast().contains("\"exit\":") && lines.getLast().endsWith("}"), what);
      assertFalse(lines.subList(0, lines.size() - 1).stream().anyMatch(l -> l.contains("summary")),
          what);
    }
  }

  // fsck -v, fill and move over trees of two files, each printing a record per file.
  private List<String[]> commands(boolean json) throws IOException {
    Path checked = tree("checked");
    Path src = tree("src");
    Path dst = Files.createDirectories(dir.resolve("dst"));
    Path from = tree("from" + json);
    String moveMode = json ? "--json" : "-n";
    return List.of(
        json ? new String[] {"fsck", "-v", "--json", checked.toString()}
            : new String[] {"fsck", "-v", checked.toString()},
        json ? new String[] {"fill", "--json", src.toString(), dst.toString()}
            : new String[] {"fill", src.toString(), dst.toString()},
        new String[] {"move", moveMode, from.toString(), dir.resolve("to" + json).toString()});
  }

  private Path tree(String name) throws IOException {
    Path root = Files.createDirectories(dir.resolve(name));
    if (!Files.exists(root.resolve("a.wsp"))) {
      for (String file : List.of("a.wsp", "b.wsp")) {
        Whisper.create(root.resolve(file), List.of(Retention.parse("1m:10m")), 0.5,
            AggregationMethod.AVERAGE, Allocation.ZERO_FILL, false);
      }
    }
    return root;
  }
}
