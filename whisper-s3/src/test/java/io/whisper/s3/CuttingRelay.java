package io.whisper.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP relay to a server that, once clients have sent {@code cutAfter} bytes through it,
 * runs {@code atCut} (say, kills the server), drops every connection and stops listening: the
 * server vanishes at a known byte of an upload, not at a moment a test has to guess.
 */
final class CuttingRelay implements AutoCloseable {
  /** What to do at the cut; may throw. */
  interface Action {
    void run() throws IOException;
  }

  private final ServerSocket listener;
  private final int upstreamPort;
  private final long cutAfter;
  private final Action atCut;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicBoolean cut = new AtomicBoolean();

  CuttingRelay(int upstreamPort, long cutAfter, Action atCut) throws IOException {
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.upstreamPort = upstreamPort;
    this.cutAfter = cutAfter;
    this.atCut = atCut;
    Thread.ofPlatform().daemon().name("relay-accept").start(this::accept);
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + listener.getLocalPort());
  }

  /** Whether the cut has happened. */
  boolean cut() {
    return cut.get();
  }

  @Override
  public void close() throws IOException {
    listener.close();
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
        Thread.ofPlatform().daemon().start(() -> pump(client, server, true));
        Thread.ofPlatform().daemon().start(() -> pump(server, client, false));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void pump(Socket from, Socket to, boolean request) {
    byte[] buffer = new byte[16 * 1024];
    try (from; to) {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      int n;
      while ((n = in.read(buffer)) > 0) {
        if (request && sent.addAndGet(n) > cutAfter) {
          if (cut.compareAndSet(false, true)) {
            atCut.run();
            listener.close();
          }
          return;
        }
        out.write(buffer, 0, n);
      }
    } catch (IOException closed) {
      // Either side went away: closing both (try-with-resources) passes that on.
    }
  }
}
