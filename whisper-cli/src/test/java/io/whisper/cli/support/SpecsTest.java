package io.whisper.cli.support;

import static io.whisper.cli.support.Specs.flag;
import static io.whisper.cli.support.Specs.option;
import static io.whisper.cli.support.Specs.optionalPositional;
import static io.whisper.cli.support.Specs.positional;
import static io.whisper.cli.support.Specs.positionals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** The bindings Specs makes between a command's fields and picocli's parser. */
class SpecsTest {

  /** A command with one of each kind of binding; its fields start at non-null defaults. */
  private static final class Sample implements Runnable {
    boolean verbose;
    int jobs = 7;
    List<String> tags = new ArrayList<>(List.of("default"));
    Path source;
    String label = "unset";
    List<Path> rest = List.of();

    CommandSpec spec() {
      return Specs.withStandardHelp(Specs.command("sample", this)
          .addOption(flag(v -> verbose = v, "-v", "--verbose").build())
          .addOption(option(int.class, v -> jobs = v, "-j").build())
          .addOption(option(String.class, v -> tags.add(v), "--tag").build())
          .addPositional(positional(Path.class, v -> source = v).index("0").build())
          .addPositional(optionalPositional(String.class, v -> label = v).index("1").build())
          .addPositional(positionals(Path.class, v -> rest = v).index("2..*").build()));
    }

    @Override
    public void run() {}
  }

  private static Sample parse(String... args) {
    Sample sample = new Sample();
    new CommandLine(sample.spec()).parseArgs(args);
    return sample;
  }

  @Test
  void givenValuesReachTheFieldsConverted() {
    Sample sample = parse("-v", "-j", "3", "--tag", "a", "src.wsp", "x", "p", "q");
    assertTrue(sample.verbose);
    assertEquals(3, sample.jobs);
    assertEquals(List.of("default", "a"), sample.tags);
    assertEquals(Path.of("src.wsp"), sample.source);
    assertEquals("x", sample.label);
    assertEquals(List.of(Path.of("p"), Path.of("q")), sample.rest);
  }

  @Test
  void fieldsNotGivenKeepTheirInitialValues() {
    Sample sample = parse("src.wsp");
    assertFalse(sample.verbose);
    assertEquals(7, sample.jobs);
    assertEquals(List.of("default"), sample.tags);
    assertEquals("unset", sample.label);
    assertEquals(List.of(), sample.rest);
  }

  @Test
  void aRequiredPositionalIsRequired() {
    CommandLine commandLine = new CommandLine(new Sample().spec());
    CommandLine.MissingParameterException e = assertThrows(
        CommandLine.MissingParameterException.class, () -> commandLine.parseArgs("-v"));
    assertTrue(e.getMessage().startsWith("Missing required parameter"), e.getMessage());
  }

  @Test
  void standardHelpComesLastAndAnswersHelpAndVersion() {
    CommandSpec spec = new Sample().spec();
    List<String> names = spec.options().stream().map(o -> o.longestName()).toList();
    assertEquals(List.of("--verbose", "-j", "--tag", "--help", "--version"), names);
    assertTrue(new CommandLine(spec).parseArgs("--help").isUsageHelpRequested());
    assertNull(spec.findOption("--json"));
  }

  @Test
  void exitCodeListKeepsItsOrder() {
    assertEquals(List.of("2", "0", "1"),
        List.copyOf(Specs.exitCodeList("2:usage", "0:ok", "1:failed: partly").keySet()));
    assertEquals("failed: partly", Specs.exitCodeList("1:failed: partly").get("1"));
  }
}
