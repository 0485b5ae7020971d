package io.whisper.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.whisper.cli.support.ExitCodes;
import io.whisper.cli.support.SharedOptions;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The options several commands share read and fail the same everywhere, and every exit status
 * named in ExitCodes is in docs/output.md.
 */
class SharedOptionsTest {
  private static final List<String> COMMANDS = List.of("fsck", "fill", "move");

  @TempDir Path dir;

  private static OptionSpec option(String command, String name) {
    return WhisperCli.commandLine(command).getSubcommands().get(command).getCommandSpec()
        .findOption(name);
  }

  @Test
  void theSharedFlagsSayTheSameInEveryCommand() {
    String noLock = SharedOptions.noLock(v -> { }).description()[0];
    for (String command : COMMANDS) {
      String dryRun = option(command, "--dry-run").description()[0];
      String json = option(command, "--json").description()[0];
      assertTrue(dryRun.endsWith("; change nothing."), command + ": " + dryRun);
      assertTrue(json.startsWith("One JSON object per ")
          && json.endsWith(", a line each on stdout."), command + ": " + json);
      assertEquals("-n", option(command, "--dry-run").shortestName(), command);
      if (!command.equals("fsck")) {
        assertEquals(noLock, option(command, "--no-lock").description()[0], command);
      }
    }
  }

  @Test
  void outOfRangeJobsIsTheSameLineInEveryCommandButItsName() {
    String a = dir.resolve("a.wsp").toString();
    String b = dir.resolve("b.wsp").toString();
    String fill = CliRun.of("fill", "-j", "0", a, b).err();
    for (CliRun run : new CliRun[] {
        CliRun.of("move", "-j", "0", a, b), CliRun.of("fsck", "-j", "0", a)}) {
      String name = run.err().substring("whisper ".length(), run.err().indexOf(':'));
      assertEquals(fill.replace("fill", name), run.err());
    }
    assertEquals("whisper fill: --jobs must be between 1 and 64 (see 'whisper help fill')\n", fill);
  }

  @Test
  void jobsIsCheckedAsTheCommandLineIsParsed() {
    // Before the command's own checks (--quarantine without --fix is one of fsck's).
    CliRun run = CliRun.of("fsck", "-j", "65", "--quarantine", dir.toString(), dir.toString());
    assertEquals(ExitCodes.Fsck.USAGE, run.status());
    assertTrue(run.err().startsWith("whisper fsck: --jobs must be between 1 and 64"), run.err());
  }

  @Test
  void everyNamedExitStatusIsDocumented() throws IOException, IllegalAccessException {
    Path project = Path.of(System.getProperty("whisper.testdata")).getParent();
    String doc = Files.readString(project.resolve("docs/output.md"));
    for (Field field : ExitCodes.class.getFields()) {
      assertTrue(Modifier.isStatic(field.getModifiers()), field.getName());
      String row = "| " + field.getInt(null) + " | `" + field.getName() + "` |";
      assertTrue(doc.contains(row), "docs/output.md lacks the row " + row);
    }
    // fsck's bits: the paragraph that names ExitCodes.Fsck gives each value.
    String bits = doc.substring(doc.indexOf("`ExitCodes.Fsck`"));
    bits = bits.substring(0, bits.indexOf("\n\n")).replace('\n', ' ');
    for (Field field : ExitCodes.Fsck.class.getFields()) {
      assertTrue(bits.contains(" " + field.getInt(null) + " "),
          "docs/output.md does not give fsck's bit " + field.getName());
    }
  }
}
