package io.whisper.cli.docs;

import io.whisper.cli.WhisperCli;
import io.whisper.cli.dropin.ScriptOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * The files ./package makes from the commands' picocli models, build tooling like the AOT
 * training:
 *
 * <ul>
 *   <li>{@code PackageFiles man-pages DIR}: a manual page per command (whisper.1whisper,
 *       whisper-fsck.1whisper, ...), the ones committed under docs/man;
 *   <li>{@code PackageFiles completion FILE}: bash completion of {@code whisper} (picocli's
 *       AutoComplete);
 *   <li>{@code PackageFiles drop-ins}: the commands that replace a whisper-* script, one a line,
 *       for the links named whisper-TOOL.
 * </ul>
 */
public final class PackageFiles {
  private PackageFiles() {}

  public static void main(String... args) throws IOException {
    switch (args.length == 0 ? "" : args[0]) {
      case "man-pages" -> {
        Path dir = Files.createDirectories(Path.of(args[1]));
        for (Map.Entry<String, String> page : manPages().entrySet()) {
          Files.writeString(dir.resolve(page.getKey()), page.getValue(), StandardCharsets.UTF_8);
        }
      }
      case "completion" -> Files.writeString(Path.of(args[1]),
          AutoComplete.bash("whisper", WhisperCli.commandLine()), StandardCharsets.UTF_8);
      case "drop-ins" -> dropIns().forEach(System.out::println);
      default -> {
        System.err.println("usage: PackageFiles man-pages DIR | completion FILE | drop-ins");
        System.exit(2);
      }
    }
  }

  /**
   * Every manual page by file name: whisper's first, then each command's in help order, each
   * followed by its verbs' (whisper-cluster-VERB).
   */
  public static Map<String, String> manPages() {
    Map<String, String> pages = new LinkedHashMap<>();
    addPages(WhisperCli.commandLine(), pages);
    return pages;
  }

  private static void addPages(CommandLine command, Map<String, String> pages) {
    List<CommandLine> subcommands = commands(command);
    pages.put(ManPage.fileName(command.getCommandSpec()), ManPage.render(command, subcommands));
    for (CommandLine subcommand : subcommands) {
      addPages(subcommand, pages);
    }
  }

  /** The names of the commands that are drop-ins for a whisper-* script. */
  static List<String> dropIns() {
    return commands(WhisperCli.commandLine()).stream()
        .filter(c -> c.getCommand() instanceof ScriptOptions)
        .map(CommandLine::getCommandName).toList();
  }

  // The subcommands an operator runs: not picocli's `help`, nor a hidden one.
  private static List<CommandLine> commands(CommandLine parent) {
    return parent.getSubcommands().values().stream()
        .filter(c -> !(c.getCommand() instanceof CommandLine.HelpCommand))
        .filter(c -> !c.getCommandSpec().usageMessage().hidden())
        .toList();
  }
}
