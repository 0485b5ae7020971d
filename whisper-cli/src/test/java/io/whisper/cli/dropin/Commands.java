package io.whisper.cli.dropin;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import picocli.CommandLine;

/** Our drop-in commands run in this JVM at a fixed time, for tests that need no reference. */
final class Commands {

  private Commands() {}

  /** {@code whisper ARGS} (commands that do not read the clock). */
  static Run whisper(String... args) {
    return Ours.whisper(List.of(args));
  }

  /** {@code whisper fetch ARGS} with "now" fixed at {@code now}. */
  static Run fetchAt(long now, String... args) {
    return Ours.run(new CommandLine(new FetchCommand(clock(now)).spec()), args);
  }

  /** {@code whisper update ARGS} with "now" fixed at {@code now} and {@code stdin} as input. */
  static Run updateAt(long now, String stdin, String... args) {
    return Ours.run(new CommandLine(new UpdateCommand(clock(now),
        new ByteArrayInputStream(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8))).spec()), args);
  }

  private static InstantSource clock(long now) {
    return InstantSource.fixed(Instant.ofEpochSecond(now));
  }
}
