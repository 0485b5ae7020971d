package io.whisper.cli.dropin;

import io.whisper.cli.CliRun;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.InstantSource;
import picocli.CommandLine;

/** The drop-ins that read the clock or stdin, made with their own, for tests that need no reference. */
final class Commands {

  private Commands() {}

  /** {@code whisper fetch ARGS} with "now" fixed at {@code now}. */
  static CliRun fetchAt(long now, String... args) {
    return CliRun.run(new CommandLine(new FetchCommand(clock(now)).spec()), args);
  }

  /** {@code whisper update ARGS} with "now" fixed at {@code now} and {@code stdin} as input. */
  static CliRun updateAt(long now, String stdin, String... args) {
    return CliRun.run(new CommandLine(new UpdateCommand(clock(now),
        new ByteArrayInputStream(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8))).spec()), args);
  }

  private static InstantSource clock(long now) {
    return InstantSource.fixed(Instant.ofEpochSecond(now));
  }
}
