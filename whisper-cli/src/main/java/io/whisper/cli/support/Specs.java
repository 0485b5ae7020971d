package io.whisper.cli.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;

/**
 * Builds the commands' picocli models in code, each option bound to a field of its command
 * by a lambda: picocli's programmatic API, not its annotations (docs/startup.md).
 */
public final class Specs {
  private Specs() {}

  /**
   * Returns a new model for {@code command}, a Runnable or Callable that picocli runs as it is
   * (it is not inspected for annotations).
   */
  public static CommandSpec command(String name, Object command) {
    return CommandSpec.wrapWithoutInspection(command).name(name);
  }

  /**
   * Adds {@code -h/--help} and {@code -V/--version} to {@code spec}, as picocli's
   * {@code mixinStandardHelpOptions} does: last, so that they come last in a usage message that
   * lists options in their declared order.
   */
  public static CommandSpec withStandardHelp(CommandSpec spec) {
    return spec
        .addOption(helpOption())
        .addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
            .description("Print version information and exit.").build());
  }

  /** Returns {@code -h/--help}, which prints the command's usage and exits 0. */
  public static OptionSpec helpOption() {
    return OptionSpec.builder("-h", "--help").usageHelp(true)
        .description("Show this help message and exit.").build();
  }

  /**
   * Returns the rows of a usage message's exit-status list, each given as in picocli's
   * {@code exitCodeList} attribute: {@code "STATUS:meaning"}.
   */
  public static Map<String, String> exitCodeList(String... rows) {
    Map<String, String> list = new LinkedHashMap<>();
    for (String row : rows) {
      int colon = row.indexOf(':');
      list.put(row.substring(0, colon), row.substring(colon + 1));
    }
    return list;
  }

  /** Returns an option without a value (a flag) that sets {@code field} when given. */
  public static OptionSpec.Builder flag(Consumer<Boolean> field, String... names) {
    return bind(OptionSpec.builder(names).type(boolean.class).arity("0"), field);
  }

  /** Returns an option whose value is converted to {@code type} and stored in {@code field}. */
  public static <V> OptionSpec.Builder option(
      Class<V> type, Consumer<? super V> field, String... names) {
    return bind(OptionSpec.builder(names).type(type), field);
  }

  /**
   * Builds {@code builder}'s option so that a value {@code problem} objects to (it returns the
   * message, null for none) is a usage error with that message while the command line is
   * parsed: a shared option is validated where it is declared, and no command can forget to.
   */
  public static <V> OptionSpec checked(
      OptionSpec.Builder builder, Function<? super V, String> problem) {
    CheckedSetter<V> setter = new CheckedSetter<>(builder.setter(), problem);
    OptionSpec option = builder.setter(setter).build();
    setter.option = option;
    return option;
  }

  /**
   * Returns a required positional parameter converted to {@code type} and stored in
   * {@code field}. (picocli infers "required" from the arity only for annotations.)
   */
  public static <V> PositionalParamSpec.Builder positional(
      Class<V> type, Consumer<? super V> field) {
    return bind(PositionalParamSpec.builder().type(type).arity("1").required(true), field);
  }

  /** Returns a positional parameter that may be left out, else as {@link #positional}. */
  public static <V> PositionalParamSpec.Builder optionalPositional(
      Class<V> type, Consumer<? super V> field) {
    return bind(PositionalParamSpec.builder().type(type).arity("0..1"), field);
  }

  /**
   * Returns positional parameters collected as a list of {@code element}s into {@code field};
   * none to any number of them unless the caller sets another arity. Each position takes one
   * value, so options may follow and stand between them, abbreviated too: a list that took
   * "0..*" values at once would swallow what follows it up to the next full option name
   * (picocli's look-ahead knows no abbreviations), where optparse reads {@code PATH 60:1440
   * --xF=0.5}.
   */
  public static <E> PositionalParamSpec.Builder positionals(
      Class<E> element, Consumer<? super List<E>> field) {
    return bind(PositionalParamSpec.builder().type(List.class).auxiliaryTypes(element)
        .index("0..*").arity("1"), field);
  }

  // No initial value: picocli would otherwise reset every field to null before parsing, and
  // the fields' own initialisers are their defaults. (Two overloads: picocli's common builder
  // type is not public.)
  private static <V> OptionSpec.Builder bind(
      OptionSpec.Builder builder, Consumer<? super V> field) {
    Binding<V> binding = new Binding<>(field);
    return builder.getter(binding).setter(binding).hasInitialValue(false);
  }

  private static <V> PositionalParamSpec.Builder bind(
      PositionalParamSpec.Builder builder, Consumer<? super V> field) {
    Binding<V> binding = new Binding<>(field);
    return builder.getter(binding).setter(binding).hasInitialValue(false);
  }

  /**
   * The value picocli sets, kept (picocli reads a list back to add to it) and passed on to the
   * command's field.
   */
  private static final class Binding<V> implements IGetter, ISetter {
    private final Consumer<? super V> field;
    private V value;

    Binding(Consumer<? super V> field) {
      this.field = field;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get() {
      return (T) value;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T set(T newValue) {
      T old = (T) value;
      value = (V) newValue;
      field.accept(value);
      return old;
    }
  }

  /** Refuses a value before it reaches the command, naming the problem as a usage error. */
  private static final class CheckedSetter<V> implements ISetter {
    private final ISetter next;
    private final Function<? super V, String> problem;
    private OptionSpec option;

    CheckedSetter(ISetter next, Function<? super V, String> problem) {
      this.next = next;
      this.problem = problem;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T set(T value) throws Exception {
      String message = problem.apply((V) value);
      if (message != null) {
        throw new ParameterException(option.command().commandLine(), message);
      }
      return next.set(value);
    }
  }
}
