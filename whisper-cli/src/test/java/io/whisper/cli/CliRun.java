package io.whisper.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import picocli.CommandLine;

/**
 * What one run of a command left: its exit status, stdout and stderr; a reference script's
 * run, in a process of its own, is one too. The one way tests run {@code whisper} in this JVM:
 * <ul>
 *   <li>{@link #of(String...)}: through {@link WhisperCli#commandLine(String...)}, as
 *       {@code main} does;
 *   <li>{@link #of(Consumer, String...)}: the same, once {@code prepare} has set up the
 *       command line (a drop-in's fixed clock);
 *   <li>{@link #run(CommandLine, String...)}: a command line the test built (a command made
 *       with its own clock or input);
 *   <li>{@link #streaming}: System.in and System.out replaced for the run, for the commands
 *       that stream them (locate, list, sieve).
 * </ul>
 */
public record CliRun(int status, String out, String err) {

  /** Runs {@code whisper args}. */
  public static CliRun of(String... args) {
    return run(WhisperCli.commandLine(args), args);
  }

  /** Runs {@code whisper args} on the command line {@code prepare} has set up. */
  public static CliRun of(Consumer<CommandLine> prepare, String... args) {
    CommandLine commandLine = WhisperCli.commandLine(args);
    prepare.accept(commandLine);
    return run(commandLine, args);
  }

  /** Runs {@code args} on {@code commandLine}, capturing its two writers. */
  public static CliRun run(CommandLine commandLine, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = commandLine
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true))
        .execute(args);
    return new CliRun(status, out.toString(), err.toString());
  }

  /** Runs {@code whisper args} with {@code stdin} on System.in; stdout is read as UTF-8. */
  public static CliRun streaming(String stdin, String... args) {
    return streaming(stdin.getBytes(StandardCharsets.UTF_8), new ByteArrayOutputStream(), args);
  }

  /**
   * Runs {@code whisper args} with {@code stdin} on System.in and System.out going to
   * {@code stdout} as well (its bytes exactly), both put back after. One at a time: they are
   * the JVM's.
   */
  public static synchronized CliRun streaming(byte[] stdin, OutputStream stdout, String... args) {
    InputStream oldIn = System.in;
    PrintStream oldOut = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      System.setIn(new ByteArrayInputStream(stdin));
      System.setOut(new PrintStream(bytes, false, StandardCharsets.UTF_8));
      StringWriter err = new StringWriter();
      // No writer for stdout: picocli's own, made on first use, writes to System.out too.
      int status = WhisperCli.commandLine(args).setErr(new PrintWriter(err, true)).execute(args);
      System.out.flush();
      stdout.write(bytes.toByteArray());
      return new CliRun(status, bytes.toString(StandardCharsets.UTF_8), err.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      System.setIn(oldIn);
      System.setOut(oldOut);
    }
  }

  @Override
  public String toString() {
    return "exit " + status + "\n--- stdout:\n" + out + "--- stderr:\n" + err;
  }
}
