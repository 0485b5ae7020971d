package io.whisper.cli.support;

import picocli.CommandLine.Model.CommandSpec;

/** A subcommand of {@code whisper}: the code that runs it, and its picocli model, built in code. */
public interface Subcommand {

  /** Returns this command's model, the same one on every call; picocli runs this command. */
  CommandSpec spec();
}
