package io.whisper.cli.cluster;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A cluster on loopback for tests: one Debian sshd per node on 127.0.0.2, .3, .4 (and .5 for a
 * fourth node; free ports),
 * a host key and a client key made for the run, a known_hosts of the run, each node with its
 * own storage root, and {@code whisper serve} on the nodes run from this build's class path.
 * Logs in as the user running the tests (root in CI: {@code PermitRootLogin
 * prohibit-password}). Stops its sshds on close.
 */
final class SshCluster implements AutoCloseable {
  static final String SSHD = "/usr/sbin/sshd";
  /** Node {@code i} listens on {@code HOSTS.get(i)}; a cluster uses the first few. */
  static final List<String> HOSTS = List.of("127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5");

  final Path dir;
  final Path clientKey;
  final Path tool;
  final List<Integer> ports = new ArrayList<>();
  final List<Path> roots = new ArrayList<>();
  private final List<Process> daemons = new ArrayList<>();
  private final int size;

  private SshCluster(Path dir, int size) {
    this.dir = dir;
    this.size = size;
    this.clientKey = dir.resolve("client_key");
    this.tool = dir.resolve("bin/whisper");
  }

  /** Starts a cluster of three nodes in {@code dir}; skips the test where sshd is not installed. */
  static SshCluster start(Path dir) throws IOException, InterruptedException {
    return start(dir, 3);
  }

  /** Starts a cluster of {@code size} nodes (at most 4) in {@code dir}; stops them on failure. */
  static SshCluster start(Path dir, int size) throws IOException, InterruptedException {
    assumeTrue(Files.isExecutable(Path.of(SSHD)), "openssh-server is not installed");
    SshCluster cluster = new SshCluster(dir, size);
    try {
      cluster.setUp();
    } catch (IOException | InterruptedException | RuntimeException e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  /** How many nodes the cluster has. */
  int size() {
    return size;
  }

  private void setUp() throws IOException, InterruptedException {
    Path run = Path.of("/run/sshd"); // sshd's privilege-separation folder; Debian makes it at boot
    if (!Files.isDirectory(run)) {
      Files.createDirectories(run);
    }
    run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", dir.resolve("host_key").toString());
    run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", clientKey.toString());
    writeTool();
    Path home = Files.createDirectories(dir.resolve("home"));
    String key = Files.readString(dir.resolve("client_key.pub")).strip();
    for (int i = 0; i < size; i++) {
      Path root = Files.createDirectories(dir.resolve("node" + i + "/whisper"));
      roots.add(root);
      Files.writeString(authorizedKeys(i), key + "\n");
      int port = freePort(HOSTS.get(i));
      ports.add(port);
      Path config = dir.resolve("sshd_config_" + i);
      Files.writeString(config, String.join("\n",
          "ListenAddress " + HOSTS.get(i) + ":" + port,
          "HostKey " + dir.resolve("host_key"),
          "PidFile " + dir.resolve("sshd_" + i + ".pid"),
          "AuthorizedKeysFile " + authorizedKeys(i),
          "PermitRootLogin prohibit-password",
          "PubkeyAuthentication yes",
          "PasswordAuthentication no",
          "KbdInteractiveAuthentication no",
          "UsePAM no",
          "StrictModes no",
          "MaxStartups 100",
          "MaxSessions 20",
          "LogLevel ERROR",
          // The session's shell starts in an empty home, as a storage node's account's does,
          // not in the tester's: root's here runs pyenv, 0.13 s a session under a lock.
          "SetEnv HOME=" + home,
          ""));
      daemons.add(new ProcessBuilder(SSHD, "-D", "-e", "-f", config.toString())
          .redirectErrorStream(true).redirectOutput(dir.resolve("sshd_" + i + ".log").toFile())
          .start());
    }
    for (int i = 0; i < size; i++) {
      awaitPort(HOSTS.get(i), ports.get(i), daemons.get(i), dir.resolve("sshd_" + i + ".log"));
    }
  }

  /** The authorized_keys file of node {@code i}, for tests that pin the key to a command. */
  Path authorizedKeys(int i) {
    return dir.resolve("authorized_keys_" + i);
  }

  /** The ring member of node {@code i}. */
  static String member(int i) {
    return HOSTS.get(i) + ":2003";
  }

  /** The ssh options that reach node {@code i}, as the cluster file's ssh-options. */
  String sshOptions(int i) {
    return "-F /dev/null -p " + ports.get(i) + " -i " + clientKey + " -o IdentitiesOnly=yes"
        + " -o UserKnownHostsFile=" + dir.resolve("known_hosts")
        + " -o StrictHostKeyChecking=no -o LogLevel=ERROR -o ControlMaster=no";
  }

  /** Writes a relay config of the nodes, fnv1a_ch with {@code replication}. */
  Path writeRing(int replication) throws IOException {
    Path ring = dir.resolve("relay.conf");
    StringBuilder text = new StringBuilder("cluster graphite\n  fnv1a_ch replication "
        + replication + "\n");
    for (int i = 0; i < size; i++) {
      text.append("    ").append(member(i)).append('\n');
    }
    text.append("  ;\nmatch * send to graphite stop;\n");
    Files.writeString(ring, text);
    return ring;
  }

  /**
   * Writes a cluster file for the nodes, node {@code i}'s tool being {@code commands.get(i)}
   * (null: this build's), and returns it.
   */
  Path writeClusterFile(int replication, List<String> commands) throws IOException {
    writeRing(replication);
    StringBuilder text = new StringBuilder("[cluster]\nring = relay.conf   # beside this file\n"
        + "relay-cluster = graphite\nssh = " + System.getProperty("user.name") + "@{host}\n"
        + "command = " + tool + "\n");
    for (int i = 0; i < size; i++) {
      text.append("\n[node ").append(member(i)).append("]\nssh-options = ").append(sshOptions(i))
          .append("\nstorage = ").append(roots.get(i)).append('\n');
      String command = commands == null ? null : commands.get(i);
      if (command != null) {
        text.append("command = ").append(command).append('\n');
      }
    }
    Path file = dir.resolve("cluster.conf");
    Files.writeString(file, text);
    return file;
  }

  /** The node-side tool: this build's classes, run by the JDK running the tests. */
  private void writeTool() throws IOException {
    Files.createDirectories(tool.getParent());
    String java = ProcessHandle.current().info().command().orElse("java");
    Files.writeString(tool, "#!/bin/sh\nexec " + java
        + " --enable-native-access=ALL-UNNAMED -XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
        + " -Xshare:auto -cp '" + System.getProperty("java.class.path")
        + "' io.whisper.cli.WhisperCli \"$@\"\n");
    Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /** Runs ssh to node {@code i} with {@code remote} as the command; returns its result. */
  Result ssh(int i, byte[] input, String... remote) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("ssh"));
    command.addAll(List.of(sshOptions(i).split(" ")));
    command.add("-o");
    command.add("BatchMode=yes");
    command.add(System.getProperty("user.name") + "@" + HOSTS.get(i));
    command.addAll(List.of(remote));
    Process process = new ProcessBuilder(command).start();
    process.getOutputStream().write(input);
    process.getOutputStream().close();
    byte[] out = process.getInputStream().readAllBytes();
    byte[] err = process.getErrorStream().readAllBytes();
    process.waitFor(30, TimeUnit.SECONDS);
    return new Result(process.exitValue(), out, new String(err, StandardCharsets.UTF_8));
  }

  /** What an ssh call gave. */
  record Result(int status, byte[] out, String err) {}

  @Override
  public void close() {
    for (Process daemon : daemons) {
      daemon.destroy();
    }
    for (Process daemon : daemons) {
      try {
        if (!daemon.waitFor(5, TimeUnit.SECONDS)) {
          daemon.destroyForcibly();
        }
      } catch (InterruptedException e) {
        daemon.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  static int freePort(String host) throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      return socket.getLocalPort();
    }
  }

  /** Waits until {@code process} listens on {@code host:port}; fails with its {@code log}. */
  static void awaitPort(String host, int port, Process process, Path log)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException(process.info().command().orElse("a daemon") + " exited: "
            + Files.readString(log));
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(host, port), 200);
        return;
      } catch (IOException e) {
        Thread.sleep(50);
      }
    }
    throw new IOException("nothing listens on " + host + ":" + port + ": "
        + Files.readString(log));
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + output);
    }
  }
}
