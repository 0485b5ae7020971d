package io.whisper.cli;

import io.whisper.cli.dropin.DropInCommand;
import io.whisper.cli.dropin.ScriptOptions;
import io.whisper.cli.support.SafeText;
import io.whisper.cli.support.Specs;
import io.whisper.cli.support.StandardOut;
import io.whisper.cli.support.Subcommand;
import io.whisper.core.os.Failures;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine;

/** The {@code whisper} command: the entry point that wires every subcommand. */
public final class WhisperCli implements Runnable, Subcommand {

  static {
    // No option of ours has a java.sql or java.time type, so picocli need not look up and
    // initialise those 16 classes for its built-in converters: about a millisecond of every
    // call. (picocli's documented switch; a value given with -D wins.)
    if (System.getProperty("picocli.converters.excludes") == null) {
      System.setProperty("picocli.converters.excludes", "java\\.(sql|time)\\..*");
    }
  }

  private final CommandSpec spec = Specs.withStandardHelp(Specs.command("whisper", this))
      .versionProvider(new VersionProvider());

  private WhisperCli() {
    spec.usageMessage()
        .description("Fast, safe tools for Graphite's Whisper (.wsp) files.")
        .synopsisSubcommandLabel("COMMAND")
        .footer("", "Run 'whisper help COMMAND' for a command's options and examples.");
  }

  /** Runs the command line and exits with its status; the only caller of System.exit. */
  public static void main(String... args) {
    Arguments.remember(args);
    CommandLine commandLine = commandLine(args);
    StandardOut.remember(commandLine.getOut());
    int status = commandLine.execute(args);
    // On success, returning ends the JVM with status 0 (every worker thread is a daemon).
    // System.exit would first log the exit (JDK 21+), which starts the java.logging backend:
    // a cost in every call that a script makes thousands of times.
    if (status != 0) {
      System.exit(status);
    }
  }

  /** Returns the command line with every subcommand; tests call this with their own writers. */
  public static CommandLine commandLine() {
    return commandLine(new String[0]);
  }

  /**
   * Returns the command line for {@code args}: with only the subcommand they name when they
   * name one (the fast path), else with all of them (for help and usage errors).
   */
  public static CommandLine commandLine(String... args) {
    CommandLine commandLine = new CommandLine(new WhisperCli().spec())
        .setExecutionExceptionHandler(WhisperCli::reportUnexpected);
    Subcommand only = args.length > 0
        ? Subcommands.create(args[0], List.of(args).subList(1, args.length)) : null;
    if (only != null) {
      commandLine.addSubcommand(only.spec());
    } else {
      commandLine.addSubcommand(new CommandLine.HelpCommand());
      for (String name : Subcommands.NAMES) {
        commandLine.addSubcommand(Subcommands.create(name, List.of()).spec());
      }
    }
    ScriptOptions.allowAbbreviations(commandLine);
    // picocli's own Path converter calls Paths.get through reflection (it runs on Java 5):
    // a reflective call sets up method handles that the AOT cache cannot hold, 2 to 3 ms of
    // every fill, move and fsck. Ours also keeps the bytes of an argument that is not UTF-8.
    // Registered after the subcommands, so it reaches them all.
    commandLine.registerConverter(Path.class, Arguments::path);
    CommandLine.IParameterExceptionHandler standard = commandLine.getParameterExceptionHandler();
    commandLine.setParameterExceptionHandler((e, arguments) ->
        e.getCommandLine().getCommand() instanceof DropInCommand
            ? standard.handleParseException(e, arguments) // the scripts print usage: so do we
            : reportUsageError(e));
    return commandLine;
  }

  // Bad arguments: one line on stderr that says what is wrong and where help is, and the
  // command's usage-error status (not the whole usage, which buries the line in a cron mail).
  private static int reportUsageError(CommandLine.ParameterException e) {
    CommandLine commandLine = e.getCommandLine();
    String name = commandLine.getCommandName();
    String prefix = name.equals("whisper") ? "whisper: " : "whisper " + name + ": ";
    String suggestion = "";
    if (e instanceof CommandLine.UnmatchedArgumentException unmatched
        && !unmatched.getSuggestions().isEmpty()) {
      suggestion = "; did you mean " + nearest(unmatched) + "?";
    }
    String help = name.equals("whisper") ? "whisper --help" : "whisper help " + name;
    commandLine.getErr().println(
        SafeText.line(prefix + e.getMessage() + suggestion + " (see '" + help + "')"));
    return commandLine.getCommandSpec().exitCodeOnInvalidInput();
  }

  // picocli ranks its suggestions by shared letter pairs, which for "fecth" offers "check"
  // and not "fetch"; a swapped or missed letter is the common typo, so among its suggestions
  // and the command names the fewest edits (letters inserted, deleted, replaced or two
  // swapped) win, picocli's order first on a tie.
  private static String nearest(CommandLine.UnmatchedArgumentException unmatched) {
    List<String> typed = unmatched.getUnmatched();
    String word = typed.isEmpty() ? "" : typed.getFirst();
    List<String> candidates = new java.util.ArrayList<>(unmatched.getSuggestions());
    candidates.addAll(unmatched.getCommandLine().getSubcommands().keySet());
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int distance = editDistance(word, candidate);
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best;
  }

  // Optimal string alignment distance (Levenshtein with adjacent transpositions).
  static int editDistance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }

  // A failure no command handled: one line on stderr, not a stack trace, and the exit status
  // the command declares for it (exitCodeOnExecutionException, 1 unless it says otherwise).
  private static int reportUnexpected(
      Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    String message = Failures.describe(e);
    commandLine.getErr().println(SafeText.line(commandLine.getCommandName().equals("whisper")
        ? "whisper: " + message
        : "whisper " + commandLine.getCommandName() + ": " + message));
    if (System.getenv("WHISPER_STACKTRACE") != null) {
      e.printStackTrace(commandLine.getErr());
    }
    return commandLine.getCommandSpec().exitCodeOnExecutionException();
  }

  @Override
  public CommandSpec spec() {
    return spec;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }
}
