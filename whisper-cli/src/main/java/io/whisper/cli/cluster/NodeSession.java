package io.whisper.cli.cluster;

import io.whisper.cli.serve.Frames;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One ssh session to one node running {@code whisper serve}: the system ssh (the operator's
 * config, agent and keys; {@code BatchMode}, so it never prompts), multiplexed over a
 * ControlMaster connection, with frames over its standard input and output. A node that does
 * not send a frame for the idle timeout while a request is outstanding is killed and
 * reported as slow.
 */
final class NodeSession implements AutoCloseable {
  private static final int STDERR_LINES = 5;

  private final Node node;
  private final Transport transport;
  private final Process process;
  private final Frames.Reader in;
  private final OutputStream out;
  private final Deque<String> stderr = new ArrayDeque<>();
  private Thread stderrDrainer;
  private volatile long lastFrameNanos = System.nanoTime();
  private volatile boolean waiting;
  private volatile boolean timedOut;
  private volatile boolean closed;
  private String toolVersion = "";
  private final List<String> roots = new ArrayList<>();

  private NodeSession(Node node, Transport transport, Process process) {
    this.node = node;
    this.transport = transport;
    this.process = process;
    this.in = new Frames.Reader(process.getInputStream());
    this.out = new BufferedOutputStream(process.getOutputStream(), 1 << 16);
  }

  /** Starts ssh to {@code node} and reads its hello. */
  static NodeSession open(Node node, Transport transport) throws NodeFailure {
    Process process;
    try {
      Files.createDirectories(transport.controlDir(),
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      process = new ProcessBuilder(command(node, transport)).start();
    } catch (IOException e) {
      throw new NodeFailure("cannot run " + transport.ssh() + ": " + e.getMessage());
    }
    NodeSession session = new NodeSession(node, transport, process);
    session.startHelpers();
    try {
      session.hello();
      return session;
    } catch (NodeFailure e) {
      session.close();
      throw e;
    }
  }

  /** Returns the command line that runs ssh to {@code node}. */
  static List<String> command(Node node, Transport transport) {
    List<String> command = new ArrayList<>();
    command.add(transport.ssh());
    command.addAll(node.sshOptions()); // first: ssh keeps the first value of an option
    for (String option : List.of("BatchMode=yes",
        "ConnectTimeout=" + Math.max(1, transport.connectTimeout().toSeconds()),
        "ControlMaster=auto", "ControlPath=" + transport.controlDir().resolve("%C"),
        "ControlPersist=60", "ServerAliveInterval=10", "ServerAliveCountMax=3")) {
      command.add("-o");
      command.add(option);
    }
    command.add("-T"); // no terminal: a binary stream, and no escape character
    command.add(node.destination());
    StringBuilder remote = new StringBuilder(node.command())
        .append(" serve --root ").append(ShellWords.quote(node.storage()));
    node.trash().ifPresent(t -> remote.append(" --trash ").append(ShellWords.quote(t)));
    command.add(remote.toString());
    return command;
  }

  /** Returns the tool version the node reported. */
  String toolVersion() {
    return toolVersion;
  }

  /** Returns the roots the node serves. */
  List<String> roots() {
    return roots;
  }

  /** Returns the node. */
  Node node() {
    return node;
  }

  /** Sends a request (flushed). */
  void send(Frames.Builder frame) throws NodeFailure {
    send(frame, true);
  }

  /** Sends a frame, flushed or not: the frames of one file go out as one stream. */
  void send(Frames.Builder frame, boolean flush) throws NodeFailure {
    try {
      frame.writeTo(out);
      if (flush) {
        out.flush();
      }
    } catch (IOException e) {
      throw broken("while sending a request");
    }
  }

  /** Returns the next frame; the end of the session here is a failure, explained. */
  Frames.Frame next() throws NodeFailure {
    lastFrameNanos = System.nanoTime();
    waiting = true;
    try {
      Frames.Frame frame = in.next();
      if (frame == null) {
        throw broken("in the middle of an answer");
      }
      return frame;
    } catch (IOException e) {
      throw timedOut ? broken("") : broken("with a broken frame (" + e.getMessage() + ")");
    } finally {
      waiting = false;
    }
  }

  private void hello() throws NodeFailure {
    Frames.Frame hello;
    try {
      lastFrameNanos = System.nanoTime();
      waiting = true;
      hello = in.next();
    } catch (IOException e) {
      throw timedOut ? broken("") : new NodeFailure(
          "did not answer as 'whisper serve' (does the login print text, is 'command' right?)");
    } finally {
      waiting = false;
    }
    if (hello == null) {
      throw broken("before its hello");
    }
    try {
      if (hello.kind() != Frames.HELLO || !hello.getText().equals(Frames.MAGIC)) {
        throw new NodeFailure("did not answer as 'whisper serve'");
      }
      int version = hello.getInt();
      toolVersion = hello.getText();
      if (version != Frames.VERSION) {
        throw new NodeFailure("speaks protocol " + version + " (whisper " + toolVersion
            + "), this controller " + Frames.VERSION + ": install the same version there");
      }
      int count = hello.getInt();
      for (int i = 0; i < count; i++) {
        roots.add(hello.getText());
      }
    } catch (IOException e) {
      throw new NodeFailure("sent a broken hello: " + e.getMessage());
    }
  }

  // Why the session ended, from ssh's exit status and its last words on stderr.
  private NodeFailure broken(String when) {
    if (timedOut) {
      return new NodeFailure("slow: no answer for " + transport.idleTimeout().toSeconds()
          + " s (timed out; --timeout SECONDS to wait longer)");
    }
    int exit = -1;
    try {
      if (process.waitFor(5, TimeUnit.SECONDS)) {
        exit = process.exitValue();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    awaitLastWords();
    String said = lastWords();
    if (exit == 127 || exit == 126 || said.contains("command not found")) {
      return new NodeFailure("no whisper tool there ('" + node.command() + "' not found"
          + (said.isEmpty() ? "" : ": " + said) + ")");
    }
    if (exit == 255) {
      return new NodeFailure("ssh failed" + (said.isEmpty() ? "" : ": " + said));
    }
    return new NodeFailure("the session ended " + when + (exit >= 0 ? " (exit " + exit + ")" : "")
        + (said.isEmpty() ? "" : ": " + said));
  }

  // ssh has exited, but its last line may still be in the pipe; a ControlPersist master can
  // hold the pipe open, so a bounded wait.
  private void awaitLastWords() {
    try {
      if (stderrDrainer != null) {
        stderrDrainer.join(Duration.ofSeconds(1));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String lastWords() {
    synchronized (stderr) {
      return String.join("; ", stderr);
    }
  }

  private void startHelpers() {
    stderrDrainer = Thread.ofPlatform().daemon().name("ssh-stderr " + node.label())
        .start(this::drainStderr);
    Thread.ofPlatform().daemon().name("ssh-watchdog " + node.label()).start(this::watch);
  }

  // Keeps ssh's last lines for the reason of a failure. Joined only briefly (awaitLastWords): a
  // ControlPersist master ssh forks can keep this pipe open long after the session.
  private void drainStderr() {
    try (InputStream err = process.getErrorStream()) {
      StringBuilder line = new StringBuilder();
      int c;
      while ((c = err.read()) >= 0) {
        if (c == '\n') {
          keep(line.toString());
          line.setLength(0);
        } else if (line.length() < 500) {
          line.append((char) c);
        }
      }
      keep(line.toString());
    } catch (IOException e) {
      // the pipe closed: nothing more to keep
    }
  }

  private void keep(String raw) {
    String line = new String(raw.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8)
        .strip();
    if (line.isEmpty() || line.startsWith("Warning: Permanently added")) {
      return;
    }
    synchronized (stderr) {
      stderr.addLast(line);
      while (stderr.size() > STDERR_LINES) {
        stderr.removeFirst();
      }
    }
  }

  private void watch() {
    long limit = transport.idleTimeout().toNanos();
    while (!closed && process.isAlive()) {
      if (waiting && System.nanoTime() - lastFrameNanos > limit) {
        timedOut = true;
        process.destroyForcibly();
        return;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Ends the session: closes the node's input (it exits), then waits a little for ssh. */
  @Override
  public void close() {
    closed = true;
    try {
      out.close();
    } catch (IOException e) {
      // the node is gone already
    }
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
