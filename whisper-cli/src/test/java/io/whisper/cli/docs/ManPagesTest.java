package io.whisper.cli.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The manual pages committed under docs/man are the ones the commands' picocli models make
 * now: a change of an option or a help text without `./package man-pages` fails here.
 */
class ManPagesTest {
  private static final String REGENERATE = " (regenerate them: ./package man-pages)";
  private final Path committed =
      Path.of(System.getProperty("whisper.testdata")).getParent().resolve("docs/man");

  @Test
  void theCommittedPagesAreCurrent() throws IOException {
    Map<String, String> pages = PackageFiles.manPages();
    try (Stream<Path> files = Files.list(committed)) {
      assertEquals(new TreeSet<>(pages.keySet()),
          new TreeSet<>(files.map(f -> f.getFileName().toString()).toList()),
          "docs/man has other pages than the commands" + REGENERATE);
    }
    for (Map.Entry<String, String> page : pages.entrySet()) {
      assertEquals(page.getValue(), Files.readString(committed.resolve(page.getKey())),
          "docs/man/" + page.getKey() + " is stale" + REGENERATE);
    }
  }

  @Test
  void everyCommandHasAPageNamedAfterHowItIsCalled() {
    Map<String, String> pages = PackageFiles.manPages();
    for (String page : List.of("whisper", "whisper-fsck", "whisper-fill", "whisper-move",
        "whisper-info", "whisper-set-xfilesfactor")) {
      assertTrue(pages.containsKey(page + ".1whisper"), page + " in " + pages.keySet());
    }
    String whisper = pages.get("whisper.1whisper");
    assertTrue(whisper.contains("\\fBwhisper\\-fsck\\fR(1whisper)"), whisper);
  }

  // Option names stay ASCII minus signs (copied from the page into a shell), and a page shows
  // an option's value and its default as the help does.
  @Test
  void aPageRendersTheOptionsAsTheHelpDoes() {
    String fsck = PackageFiles.manPages().get("whisper-fsck.1whisper");
    assertTrue(fsck.contains(".TP\n\\fB\\-f\\fR, \\fB\\-\\-fix\\fR\n"), fsck);
    assertTrue(fsck.contains("\\fB\\-\\-min\\-age\\fR=\\fISECONDS\\fR\n"
        + "Leave alone files modified less than SECONDS ago: carbon may be creating them"
        + " (default: 60).\n"), fsck);
    assertTrue(fsck.contains(".SH EXAMPLES\n.PP\n.RS 4\n.nf\nwhisper fsck /var/lib/graphite/whisper\n"),
        fsck);
  }

  @Test
  void theDropInsAreTheScriptsCommands() {
    assertEquals(List.of("info", "dump", "fetch", "update", "create", "merge", "diff", "resize",
        "set-aggregation-method", "set-xfilesfactor"), PackageFiles.dropIns());
  }
}
