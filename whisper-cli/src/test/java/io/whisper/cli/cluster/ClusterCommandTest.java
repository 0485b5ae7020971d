package io.whisper.cli.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.whisper.cli.CliRun;
import io.whisper.cli.WhisperCli;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code whisper cluster VERB} builds that verb alone; help and mistakes still see them all. */
class ClusterCommandTest {
  private static Set<String> verbsBuilt(String... args) {
    CommandLine cluster = WhisperCli.commandLine(args).getSubcommands().get("cluster");
    return cluster.getSubcommands().keySet();
  }

  @Test
  void theNamedVerbAloneIsBuiltPastTheOptionsAndTheirValues() {
    assertEquals(Set.of("list"), verbsBuilt("cluster", "-c", "c.conf", "list", "a.*"));
    // an option's value that is a verb's name is the value, not the verb
    assertEquals(Set.of("check"), verbsBuilt("cluster", "-c", "list", "--timeout", "5",
        "check"));
    assertEquals(Set.of("du"), verbsBuilt("cluster", "--cluster-file=nodes", "-cx",
        "--connect-timeout=3", "du"));
  }

  @Test
  void withoutAKnownVerbEveryVerbIsBuilt() {
    assertEquals(11, verbsBuilt("cluster").size());
    assertEquals(11, verbsBuilt("cluster", "-c", "c.conf", "lst").size());
    assertEquals(11, verbsBuilt("cluster", "--help").size());
  }

  @Test
  void aMistypedVerbIsNamedWithTheNearestOne() {
    CliRun run = CliRun.of("cluster", "-c", "c.conf", "lst");
    assertEquals(2, run.status());
    assertTrue(run.err().contains("'lst'") && run.err().contains("did you mean list?"),
        run.err());
  }

  @Test
  void aVerbsHelpComesFromItsOwnModel() {
    CliRun run = CliRun.of("cluster", "-c", "list", "check", "--help");
    assertEquals(0, run.status(), run.err());
    assertTrue(run.out().startsWith("Usage: whisper cluster check"), run.out());
  }
}
