package io.whisper.s3;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real S3 API for tests: s3proxy with its filesystem backend, run as a process of its own on a
 * free loopback port, its data and log in a directory the test owns. The jar is where {@code
 * .ci/s3proxy.sh} puts it (system property {@code whisper.s3proxy.jar}, set by the POM). Start one
 * per test class with {@link S3ProxyExtension}.
 */
public final class S3ProxyServer implements AutoCloseable {
  public static final String ACCESS_KEY = "whisper-access";
  public static final String SECRET_KEY = "whisper-secret";

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  private static final AtomicInteger BUCKETS = new AtomicInteger();

  private final Path jar;
  private final Path dir;
  private int port;
  private volatile Process process;
  private Thread stopAtExit;

  private S3ProxyServer(Path jar, Path dir) {
    this.jar = jar;
    this.dir = dir;
  }

  /** The jar, if .ci/s3proxy.sh has fetched it. */
  public static Optional<Path> jar() {
    String configured = System.getProperty("whisper.s3proxy.jar", "");
    Path jar = configured.isEmpty() ? null : Path.of(configured);
    return jar != null && Files.isRegularFile(jar) ? Optional.of(jar) : Optional.empty();
  }

  /** Starts s3proxy with its data, configuration and log under {@code dir}. */
  public static S3ProxyServer start(Path jar, Path dir) throws IOException {
    Files.createDirectories(dir.resolve("data"));
    S3ProxyServer server = new S3ProxyServer(jar, dir);
    server.startOnFreePort();
    return server;
  }

  /** {@code http://127.0.0.1:PORT}. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** The AWS_* variables a child process (the whisper command) needs to reach this server. */
  public Map<String, String> env() {
    return Map.of(
        "AWS_ACCESS_KEY_ID",
        ACCESS_KEY,
        "AWS_SECRET_ACCESS_KEY",
        SECRET_KEY,
        "AWS_REGION",
        S3Config.DEFAULT_REGION,
        "AWS_ENDPOINT_URL",
        endpoint().toString());
  }

  /** A new, empty bucket of its own, and the configuration for {@code s3://BUCKET/prefix}. */
  public S3Config newBucket(String prefix) throws IOException {
    String bucket = "test-" + ProcessHandle.current().pid() + "-" + BUCKETS.incrementAndGet();
    S3Config config = S3Config.parse("s3://" + bucket + "/" + prefix, env());
    new S3Client(config.withPrefix("")).createBucket();
    return config;
  }

  /** Where the filesystem backend keeps the objects (a directory per bucket). */
  public Path dataDir() {
    return dir.resolve("data");
  }

  /** Stops the server at once (SIGKILL), as a crash or a pulled cable would. */
  public void kill() throws IOException {
    Process p = process;
    if (p != null) {
      p.destroyForcibly();
      waitFor(p);
      process = null;
    }
  }

  /** Starts the server again, on the same port and with the same data. */
  public void restart() throws IOException {
    kill();
    launch();
    awaitReady();
  }

  @Override
  public void close() throws IOException {
    Process p = process;
    if (p != null) {
      p.destroy();
      if (!waitFor(p)) {
        p.destroyForcibly();
        waitFor(p);
      }
      process = null;
    }
    if (stopAtExit != null) {
      Runtime.getRuntime().removeShutdownHook(stopAtExit);
      stopAtExit = null;
    }
  }

  private void startOnFreePort() throws IOException {
    // Another process can take the port between our probe and s3proxy's bind: try a few.
    IOException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      port = freePort();
      launch();
      try {
        awaitReady();
        return;
      } catch (IOException e) {
        last = e;
        kill();
      }
    }
    throw last;
  }

  private void launch() throws IOException {
    if (stopAtExit == null) {
      // Should the test JVM end without closing us (a failed run, ^C), take the server along.
      stopAtExit =
          new Thread(
              () -> {
                if (process != null) {
                  process.destroyForcibly();
                }
              },
              "s3proxy-stop");
      Runtime.getRuntime().addShutdownHook(stopAtExit);
    }
    Path conf = dir.resolve("s3proxy.conf");
    Files.writeString(
        conf,
        String.join(
            "\n",
            "s3proxy.endpoint=" + endpoint(),
            "s3proxy.authorization=aws-v2-or-v4",
            "s3proxy.identity=" + ACCESS_KEY,
            "s3proxy.credential=" + SECRET_KEY,
            "jclouds.provider=filesystem-nio2",
            "jclouds.filesystem.basedir=" + dataDir(),
            ""),
        StandardCharsets.UTF_8);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // Small heap and C1 only: it serves a few test requests on a machine others share.
    process =
        new ProcessBuilder(
                List.of(
                    java,
                    "-Xmx384m",
                    "-XX:TieredStopAtLevel=1",
                    "-XX:+UseSerialGC",
                    "-jar",
                    jar.toString(),
                    "--properties",
                    conf.toString()))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("s3proxy.log").toFile()))
            .start();
  }

  private void awaitReady() throws IOException {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException(
            "s3proxy exited with status "
                + process.exitValue()
                + " before it listened on "
                + endpoint()
                + "; its log: "
                + dir.resolve("s3proxy.log"));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        return;
      } catch (IOException notYet) {
        pause(50);
      }
    }
    throw new IOException(
        "s3proxy did not listen on "
            + endpoint()
            + " within "
            + READY_TIMEOUT.toSeconds()
            + " s; its log: "
            + dir.resolve("s3proxy.log"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static boolean waitFor(Process p) throws IOException {
    try {
      return p.waitFor(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while stopping s3proxy", e);
    }
  }

  private static void pause(long millis) throws IOException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while starting s3proxy", e);
    }
  }
}
