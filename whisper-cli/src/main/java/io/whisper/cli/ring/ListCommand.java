package io.whisper.cli.ring;

import static io.whisper.cli.support.Specs.positionals;

import io.whisper.cli.support.ExitCodes;
import io.whisper.cli.support.Specs;
import io.whisper.cli.support.Subcommand;
import io.whisper.cli.support.WspTree;
import io.whisper.ring.MetricName;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code whisper list}: every metric under storage trees, as a dotted name (carbon-list). */
public final class ListCommand implements Callable<Integer>, Subcommand {
  private List<Path> roots;
  private final CommandSpec spec = declare();

  private CommandSpec declare() {
    CommandSpec spec = Specs.command("list", this)
        .exitCodeOnInvalidInput(ExitCodes.USAGE)
        .exitCodeOnExecutionException(ExitCodes.FAILED)
        .addPositional(positionals(Path.class, v -> roots = v).arity("1..*").required(true)
            .paramLabel("DIR")
            .description("Storage roots, such as /var/lib/graphite/whisper.").build());
    spec.usageMessage()
        .description(
            "Print every metric under each DIR as a dotted name, one a line: a/b/c.wsp is"
                + " a.b.c (carbonate's carbon-list). Folders are walked in sorted order as fsck"
                + " walks them, streaming, never following a symbolic link to a folder.")
        .exitCodeListHeading("%nExit status:%n")
        .exitCodeList(Specs.exitCodeList(
            "0:every folder listed",
            "1:a folder could not be read (named on stderr; the rest was listed)",
            "2:bad input: a DIR that is not a folder"))
        .footer(
            "",
            "Examples:",
            "  whisper list /var/lib/graphite/whisper > metrics.txt",
            "  whisper list /var/lib/graphite/whisper | whisper sieve -r relay.conf"
                + " --node 10.0.0.3:2003 --invert");
    return Specs.withStandardHelp(spec);
  }

  @Override
  public CommandSpec spec() {
    return spec;
  }

  @Override
  public Integer call() {
    for (Path root : roots) {
      if (!Files.isDirectory(root)) {
        spec.commandLine().getErr().println("whisper list: " + root + ": "
            + (Files.exists(root) ? "not a folder" : "no such folder"));
        return ExitCodes.USAGE;
      }
    }
    boolean[] failed = {false};
    return Streaming.run("list", spec.commandLine().getErr(), out -> {
      for (Path root : roots) {
        try {
          WspTree.walkFiles(root, e -> {
            failed[0] = true;
            spec.commandLine().getErr().println("whisper list: cannot read " + e.getMessage());
          }).forEach(file -> write(out, root, file.path()));
        } catch (UncheckedIOException e) {
          throw e.getCause();
        }
      }
      return failed[0] ? ExitCodes.FAILED : ExitCodes.OK;
    });
  }

  private static void write(OutputStream out, Path root, Path file) {
    try {
      out.write(MetricName.of(root.relativize(file).toString()).getBytes(StandardCharsets.UTF_8));
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
