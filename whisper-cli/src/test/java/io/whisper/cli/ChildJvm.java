package io.whisper.cli;

import java.util.ArrayList;
import java.util.List;

/** The command line of a {@code whisper} run in a JVM of its own, for tests that kill it. */
final class ChildJvm {
  private ChildJvm() {}

  /** Returns the command that runs {@code whisper ARGS} with this JVM and class path. */
  static List<String> whisper(String... args) {
    List<String> command = new ArrayList<>(List.of(
        ProcessHandle.current().info().command().orElseThrow(),
        "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
        WhisperCli.class.getName()));
    command.addAll(List.of(args));
    return command;
  }
}
