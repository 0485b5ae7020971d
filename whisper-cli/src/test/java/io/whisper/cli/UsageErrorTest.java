package io.whisper.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Bad arguments to the operator commands: one line on stderr and the documented status. */
class UsageErrorTest {

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  @Test
  void fsck_missingPath_oneLineAndStatus16() {
    CliRun run = run("fsck");
    assertEquals(16, run.status());
    assertEquals("whisper fsck: Missing required parameter: 'PATH' (see 'whisper help fsck')\n",
        run.err());
    assertEquals("", run.out());
  }

  @Test
  void fsck_checkInCall_oneLineAndStatus16() {
    CliRun run = run("fsck", "--quarantine", "/q", "/data");
    assertEquals(16, run.status());
    assertEquals("whisper fsck: --quarantine needs --fix or --dry-run (see 'whisper help fsck')\n",
        run.err());
  }

  @Test
  void move_unknownOption_oneLineAndStatus2() {
    CliRun run = run("move", "--bogus");
    assertEquals(2, run.status());
    assertEquals("whisper move: Unknown option: '--bogus' (see 'whisper help move')\n", run.err());
  }

  @Test
  void unknownCommand_suggestsTheNearestOne() {
    CliRun run = run("fecth");
    assertEquals(2, run.status());
    assertEquals("whisper: Unmatched argument at index 0: 'fecth'; did you mean fetch?"
        + " (see 'whisper --help')\n", run.err());
  }

  @Test
  void dropIn_keepsTheScriptsUsageOutput() {
    CliRun run = run("info", "--bogus");
    assertEquals(2, run.status());
    assertEquals(true, run.err().contains("Usage: whisper info"), run.err());
  }
}
