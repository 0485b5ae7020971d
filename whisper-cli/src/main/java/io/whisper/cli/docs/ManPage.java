package io.whisper.cli.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * One command's manual page in roff (man(7)), made from the same picocli model that prints
 * its {@code --help}: name, synopsis, description, arguments, options, exit status and the
 * footer (examples and notes), so the page cannot say something the help does not.
 */
final class ManPage {
  private final StringBuilder roff = new StringBuilder(8192);

  private ManPage() {}

  /**
   * The manual section: 1 with a suffix of our own, as OpenSSL's pages are in 1ssl, because
   * python3-whisper's pages whisper-info.1, whisper-fill.1, ... have our commands' names.
   */
  static final String SECTION = "1whisper";

  /** The page's file name for a command: {@code whisper.1whisper}, {@code whisper-fsck.1whisper}. */
  static String fileName(CommandSpec spec) {
    return pageName(spec) + "." + SECTION;
  }

  /**
   * Returns the page of {@code command}; {@code subcommands} are the ones its COMMANDS section
   * lists (for {@code whisper}, every command; for {@code whisper cluster}, its verbs), which
   * SEE ALSO names after the parent's page.
   */
  static String render(CommandLine command, List<CommandLine> subcommands) {
    return new ManPage().page(command.getCommandSpec(), subcommands);
  }

  private String page(CommandSpec spec, List<CommandLine> subcommands) {
    line(".\\\" Made from whisper's picocli specs by io.whisper.cli.docs.PackageFiles: do not edit.");
    line(".\\\" Regenerate with ./package man-pages (see docs/install.md).");
    line(".TH " + esc(pageName(spec).toUpperCase(Locale.ROOT)) + " " + SECTION + " \"\" \"whisper\" \"whisper manual\"");
    line(".SH NAME");
    line(esc(pageName(spec)) + " \\- " + esc(summary(spec)));
    line(".SH SYNOPSIS");
    line(".nf");
    Help help = new Help(spec, new Help.ColorScheme.Builder(Ansi.OFF).build());
    help.synopsis(0).lines().forEach(l -> line(esc(l)));
    line(".fi");
    UsageMessageSpec usage = spec.usageMessage();
    text("DESCRIPTION", formatted(usage.description()));
    if (!subcommands.isEmpty()) {
      line(".SH COMMANDS");
      for (CommandLine sub : subcommands) {
        line(".TP");
        line("\\fB" + esc(pageName(sub.getCommandSpec())) + "\\fR(" + SECTION + ")");
        line(esc(summary(sub.getCommandSpec())));
      }
    }
    arguments("ARGUMENTS", spec.positionalParameters().stream()
        .filter(p -> !p.hidden()).map(p -> (ArgSpec) p).toList());
    List<OptionSpec> options = new ArrayList<>(spec.options().stream().filter(o -> !o.hidden()).toList());
    if (usage.sortOptions()) {
      options.sort(Help.createShortOptionArityAndNameComparator());
    }
    arguments("OPTIONS", options.stream().map(o -> (ArgSpec) o).toList());
    exitStatus(usage.exitCodeList());
    footer(formatted(usage.footerHeading()), formatted(usage.footer()));
    line(".SH SEE ALSO");
    List<CommandSpec> related = new ArrayList<>();
    if (spec.parent() != null) {
      related.add(spec.parent());
    }
    subcommands.forEach(c -> related.add(c.getCommandSpec()));
    line(String.join(",\n", related.stream()
        .map(c -> "\\fB" + esc(pageName(c)) + "\\fR(" + SECTION + ")").toList()));
    return roff.toString();
  }

  // The description's paragraphs: each entry is one, as in the help; an empty entry is a gap.
  private void text(String section, List<String> paragraphs) {
    if (paragraphs.stream().allMatch(String::isBlank)) {
      return;
    }
    line(".SH " + section);
    boolean first = true;
    for (String paragraph : paragraphs) {
      if (paragraph.isBlank()) {
        continue;
      }
      if (!first) {
        line(".PP");
      }
      line(esc(paragraph));
      first = false;
    }
  }

  private void arguments(String section, List<ArgSpec> args) {
    if (args.isEmpty()) {
      return;
    }
    line(".SH " + section);
    for (ArgSpec arg : args) {
      line(".TP");
      line(label(arg));
      line(esc(String.join(" ", formatted(arg.description())).strip()));
    }
  }

  // -f, --fix / --quarantine=DIR / PATH... as the help writes them, names bold, values italic.
  private static String label(ArgSpec arg) {
    String value = "\\fI" + esc(arg.paramLabel()) + "\\fR";
    if (arg instanceof OptionSpec option) {
      String names = String.join(", ",
          option.names().length == 0 ? List.of() : List.of(option.names()).stream()
              .map(n -> "\\fB" + esc(n) + "\\fR").toList());
      if (option.arity().max() == 0) {
        return names;
      }
      return option.arity().min() == 0 ? names + "[=" + value + "]" : names + "=" + value;
    }
    PositionalParamSpec positional = (PositionalParamSpec) arg;
    return positional.arity().max() > 1 || positional.isMultiValue() ? value + "..." : value;
  }

  private void exitStatus(Map<String, String> codes) {
    if (codes.isEmpty()) {
      return;
    }
    line(".SH EXIT STATUS");
    for (Map.Entry<String, String> code : codes.entrySet()) {
      line(".TP");
      line(esc(code.getKey().strip()));
      line(esc(code.getValue().strip()));
    }
  }

  // The footer: "Examples:"-like lines become sections, indented lines examples (kept as they
  // are), other lines paragraphs; text before any heading goes under NOTES.
  private void footer(List<String> heading, List<String> footer) {
    List<String> lines = new ArrayList<>();
    for (String entry : heading) {
      lines.addAll(entry.lines().toList());
    }
    for (String entry : footer) {
      lines.addAll(entry.isEmpty() ? List.of("") : entry.lines().toList());
    }
    boolean inSection = false;
    boolean inExample = false;
    boolean newParagraph = false;
    for (String line : lines) {
      if (line.isBlank()) {
        inExample = endExample(inExample);
        newParagraph = true;
        continue;
      }
      if (line.matches("[A-Z][A-Za-z ]{0,30}:")) {
        inExample = endExample(inExample);
        line(".SH " + esc(line.substring(0, line.length() - 1).toUpperCase(Locale.ROOT)));
        inSection = true;
        newParagraph = false;
        continue;
      }
      if (!inSection) {
        line(".SH NOTES");
        inSection = true;
        newParagraph = false;
      }
      if (line.startsWith(" ")) {
        if (!inExample) {
          line(".PP");
          line(".RS 4");
          line(".nf");
          inExample = true;
        }
        line(esc(line.startsWith("  ") ? line.substring(2) : line.substring(1)));
      } else {
        inExample = endExample(inExample);
        if (newParagraph) {
          line(".PP");
        }
        line(esc(line));
      }
      newParagraph = false;
    }
    endExample(inExample);
  }

  private boolean endExample(boolean inExample) {
    if (inExample) {
      line(".fi");
      line(".RE");
    }
    return false;
  }

  private void line(String text) {
    roff.append(text).append('\n');
  }

  /** whisper for the root, whisper-fsck for {@code whisper fsck}. */
  private static String pageName(CommandSpec spec) {
    return spec.qualifiedName("-");
  }

  // The header when the command has one, else the description's first sentence up to a colon.
  private static String summary(CommandSpec spec) {
    List<String> header = formatted(spec.usageMessage().header());
    if (!header.isEmpty() && !header.getFirst().isBlank()) {
      return header.getFirst().strip().replaceFirst("\\.$", "");
    }
    String first = formatted(spec.usageMessage().description()).stream()
        .filter(s -> !s.isBlank()).findFirst().orElse("");
    return first.split("\\. |: ", 2)[0].strip().replaceFirst("\\.$", "");
  }

  // picocli formats every help text with String.format (%n, %%); so do we.
  private static List<String> formatted(String... texts) {
    return List.of(texts).stream().map(t -> String.format(Locale.ROOT, t)).toList();
  }

  // roff's specials: a backslash, a minus sign that must stay one (options, examples), a
  // control character at the start of a line.
  private static String esc(String text) {
    return text.lines().map(line -> {
      String escaped = line.replace("\\", "\\e").replace("-", "\\-");
      return escaped.startsWith(".") || escaped.startsWith("'") ? "\\&" + escaped : escaped;
    }).collect(Collectors.joining("\n"));
  }
}
