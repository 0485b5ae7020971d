package io.whisper.cli.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bar goes to standard error exactly when standard error is a terminal, whatever standard
 * output is: {@code whisper fsck DIR > report} at a terminal shows it, {@code whisper fsck DIR
 * 2> log} writes none of it into the log. Runs fsck in a pseudo-terminal made by util-linux's
 * {@code script}, with one of the two streams redirected to a file.
 */
class ProgressTerminalTest {
  private static final String BAR_END = "\033[K"; // what every drawing and clearing of it ends with
  private static final Path SCRIPT = Path.of("/usr/bin/script");

  @TempDir Path dir;
  private Path tree;

  @BeforeEach
  void tree() throws IOException {
    assumeTrue(Files.isExecutable(SCRIPT), "util-linux's script is not installed");
    tree = Files.createDirectories(dir.resolve("tree"));
    Path testdata = Path.of(System.getProperty("whisper.testdata"));
    try (var files = Files.list(testdata.resolve("good"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".wsp")).limit(3).toList()) {
        Files.copy(f, tree.resolve(f.getFileName()));
      }
    }
  }

  @Test
  void stderrAtATerminalShowsTheBarWhileStdoutGoesToAFile() throws Exception {
    Path report = dir.resolve("report.txt");
    String terminal = inTerminal(fsck() + " > " + report);
    assertTrue(terminal.contains(BAR_END), "no bar on the terminal: " + terminal);
    assertTrue(terminal.contains("files"), terminal);
    assertFalse(Files.readString(report).contains(BAR_END));
  }

  @Test
  void stderrInAFileGetsNoBarWhileStdoutIsATerminal() throws Exception {
    Path log = dir.resolve("err.log");
    String terminal = inTerminal(fsck() + " 2> " + log);
    String logged = Files.readString(log);
    assertFalse(logged.contains(BAR_END), "bar drawn into the log: " + logged);
    assertFalse(logged.contains("\r"), logged);
    assertTrue(logged.contains("whisper fsck: "), "the summary still goes there: " + logged);
    assertFalse(terminal.contains(BAR_END), terminal);
  }

  /**
   * A line printed while the bar is drawn (fill's "skipped", on stdout at the same terminal)
   * starts on a clean line: the bar is cleared first ("\r" then erase to the end of the line),
   * never left with the line written after it.
   */
  @Test
  void aLineWhileTheBarIsDrawnStartsOnACleanLine() throws Exception {
    Path dst = Files.createDirectories(dir.resolve("dst"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String terminal = inTerminal(String.join(" ", java, "--enable-native-access=ALL-UNNAMED",
        "-cp", System.getProperty("java.class.path"), "io.whisper.cli.WhisperCli",
        "fill", "-j", "1", tree.toString(), dst.toString()));

    assertTrue(terminal.contains(BAR_END), "no bar drawn: " + terminal);
    int skipped = 0;
    for (int at = terminal.indexOf("skipped "); at >= 0; at = terminal.indexOf("skipped ", at + 1)) {
      String before = terminal.substring(0, at);
      assertTrue(before.isEmpty() || before.endsWith("\n") || before.endsWith("\r" + BAR_END),
          "a line written after the bar: " + terminal.replace("\033", "ESC"));
      skipped++;
    }
    assertEquals(3, skipped, terminal);
  }

  private String fsck() {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return String.join(" ", java, "--enable-native-access=ALL-UNNAMED",
        "-cp", System.getProperty("java.class.path"), "io.whisper.cli.WhisperCli",
        "fsck", "-j", "1", tree.toString());
  }

  // Runs the shell command line in a new pseudo-terminal and returns what it printed there.
  private String inTerminal(String commandLine) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(List.of(
        SCRIPT.toString(), "-qec", commandLine, "/dev/null"))
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
        .redirectErrorStream(true);
    builder.environment().put("TERM", "xterm");
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes());
    assertEquals(0, process.waitFor(), output);
    return output;
  }
}
