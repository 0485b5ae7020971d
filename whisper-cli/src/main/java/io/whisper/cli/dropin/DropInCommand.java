package io.whisper.cli.dropin;

import io.whisper.cli.support.ExitCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Base of the subcommands that replace a {@code whisper-*} script: turns a {@link ScriptError}
 * into the script's stderr text and exit status, so a subcommand's body reads like the script.
 */
public abstract class DropInCommand implements Callable<Integer>, ScriptOptions {

  /** This command's model, once {@link #spec()} has built it. */
  protected CommandSpec spec;

  @Override
  public final CommandSpec spec() {
    if (spec == null) {
      // The scripts' statuses: optparse and argparse exit 2 on a bad option.
      spec = declare().exitCodeOnInvalidInput(ExitCodes.USAGE)
          .exitCodeOnExecutionException(ExitCodes.FAILED);
    }
    return spec;
  }

  /**
   * Returns a new model of this command ({@link io.whisper.cli.support.Specs#command}), its
   * options bound to this command's fields.
   */
  protected abstract CommandSpec declare();

  @Override
  public final Integer call() throws Exception {
    try {
      return run();
    } catch (ScriptError e) {
      CommandLine commandLine = spec.commandLine();
      commandLine.getErr().println(e.getMessage());
      if (e.showUsage()) {
        commandLine.usage(commandLine.getErr());
      }
      commandLine.getErr().flush();
      return e.status();
    }
  }

  /**
   * True once stdout is closed ({@code | head}): the scripts die of SIGPIPE there, so long
   * listings stop. picocli's writer may wrap System.out in layers that hide the error, so
   * System.out's own flag counts too.
   */
  protected boolean outputClosed() {
    return spec.commandLine().getOut().checkError() || System.out.checkError();
  }

  /**
   * Runs the command.
   *
   * @return the exit status
   * @throws ScriptError for the failures the script reports itself
   */
  protected abstract int run() throws Exception;
}
