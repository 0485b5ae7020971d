package io.whisper.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP relay to a server that misbehaves at a chosen byte, not at a moment a test has to
 * guess: it drops everything (and runs an action, say killing the server) after so many request
 * bytes, flips a bit of a request or a response, or answers the first connections 503.
 */
final class FaultyRelay implements AutoCloseable {
  /** What to do at a cut; may throw. */
  interface Action {
    void run() throws IOException;
  }

  /** The misbehaviour; offsets count the bytes of one direction of one connection. */
  sealed interface Fault {
    /**
     * After {@code requestBytes} in all, run {@code atCut}, drop every connection, stop listening.
     */
    record Cut(long requestBytes, Action atCut) implements Fault {}

    /** Flip the lowest bit of request byte {@code offset}, on every connection. */
    record FlipRequest(long offset) implements Fault {}

    /** Flip the lowest bit of response byte {@code offset}, on every connection. */
    record FlipResponse(long offset) implements Fault {}

    /** Answer the first {@code connections} connections 503 without asking the server. */
    record Unavailable(int connections) implements Fault {}

    /** Accept connections and never read from them, as a hung server would. */
    record Stall() implements Fault {}

    /** Pass the first connection's request on but drop its response, as a broken link would. */
    record LoseFirstResponse() implements Fault {}
  }

  private final ServerSocket listener;
  private final int upstreamPort;
  private final Fault fault;
  private final AtomicLong requestBytes = new AtomicLong();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicBoolean cut = new AtomicBoolean();
  private final Queue<Socket> open = new ConcurrentLinkedQueue<>();

  FaultyRelay(int upstreamPort, Fault fault) throws IOException {
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.upstreamPort = upstreamPort;
    this.fault = fault;
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
    for (Socket s : open) {
      s.close();
    }
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        open.add(client);
        int number = connections.getAndIncrement();
        if (fault instanceof Fault.Stall) {
          continue;
        }
        if (fault instanceof Fault.Unavailable(int n) && number < n) {
          Thread.ofPlatform().daemon().start(() -> unavailable(client));
          continue;
        }
        Socket server;
        try {
          server = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
        } catch (IOException refused) {
          client.close(); // pass "server down" on rather than leave the client waiting
          continue;
        }
        open.add(server);
        Thread.ofPlatform().daemon().start(() -> pump(client, server, true, false));
        boolean lose = fault instanceof Fault.LoseFirstResponse && number == 0;
        Thread.ofPlatform().daemon().start(() -> pump(server, client, false, lose));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private static void unavailable(Socket client) {
    try (client) {
      InputStream in = client.getInputStream();
      int matched = 0;
      String end = "\r\n\r\n";
      while (matched < end.length()) {
        int b = in.read();
        if (b < 0) {
          return;
        }
        matched = b == end.charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
      }
      client
          .getOutputStream()
          .write(
              ("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n"
                      + "Connection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
    } catch (IOException gone) {
      // The client hung up first: nothing to answer.
    }
  }

  private void pump(Socket from, Socket to, boolean request, boolean lose) {
    byte[] buffer = new byte[16 * 1024];
    long position = 0;
    try (from;
        to) {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      int n;
      while ((n = in.read(buffer)) > 0) {
        if (fault instanceof Fault.Cut(long limit, Action atCut)
            && request
            && requestBytes.addAndGet(n) > limit) {
          if (cut.compareAndSet(false, true)) {
            atCut.run();
            listener.close();
          }
          return;
        }
        long flip =
            switch (fault) {
              case Fault.FlipRequest(long offset) when request -> offset;
              case Fault.FlipResponse(long offset) when !request -> offset;
              default -> -1;
            };
        if (flip >= position && flip < position + n) {
          buffer[(int) (flip - position)] ^= 1;
        }
        position += n;
        if (lose) {
          return; // the server has answered; the client never hears it
        }
        out.write(buffer, 0, n);
      }
    } catch (IOException closed) {
      // Either side went away: closing both (try-with-resources) passes that on.
    }
  }
}
