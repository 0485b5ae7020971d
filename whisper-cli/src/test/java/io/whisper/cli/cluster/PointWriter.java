package io.whisper.cli.cluster;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends a known set of points to the relay, as carbon's plaintext protocol, on a thread of its
 * own until stopped: every {@link #PERIOD_MILLIS} a tick, one point for each metric. Point
 * {@code k} of metric {@code m} is at {@code base + k * step} with the value {@code k * 1000 + m},
 * so what was sent is known from the count of ticks alone. The timestamps advance faster than
 * the clock (one step a tick) and start in the past, well inside the retention.
 */
final class PointWriter implements AutoCloseable {
  static final long PERIOD_MILLIS = 200;

  final List<String> metrics;
  final long base;
  final int step;
  private final int maxTicks;
  private final AtomicInteger ticks = new AtomicInteger();
  private final Socket socket;
  private final Thread thread;
  private volatile boolean stopping;
  private volatile IOException failure;

  /**
   * Starts sending {@code count} metrics named {@code prefix.mN.value} to the relay at
   * {@code port} on 127.0.0.1, points {@code step} seconds apart, at most {@code maxTicks}.
   */
  PointWriter(int port, String prefix, int count, int step, int maxTicks, long base)
      throws IOException {
    List<String> names = new ArrayList<>();
    for (int m = 0; m < count; m++) {
      names.add(prefix + ".m" + m + ".value");
    }
    this.metrics = List.copyOf(names);
    this.step = step;
    this.maxTicks = maxTicks;
    this.base = base;
    this.socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    this.thread = Thread.ofPlatform().daemon().name("point writer").start(this::send);
  }

  private void send() {
    try (OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16)) {
      long next = System.nanoTime();
      while (!stopping) {
        int tick = ticks.get();
        if (tick >= maxTicks) {
          throw new IOException("the writer ran out of its " + maxTicks + " ticks");
        }
        StringBuilder lines = new StringBuilder();
        for (int m = 0; m < metrics.size(); m++) {
          lines.append(metrics.get(m)).append(' ').append(value(tick, m)).append(' ')
              .append(timestamp(tick)).append('\n');
        }
        out.write(lines.toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();
        ticks.incrementAndGet();
        next += PERIOD_MILLIS * 1_000_000;
        long wait = next - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
      }
    } catch (IOException e) {
      failure = e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The ticks sent so far: point {@code k < ticks()} of every metric has been sent. */
  int ticks() throws IOException {
    if (failure != null) {
      throw new IOException("the writer failed: " + failure.getMessage(), failure);
    }
    return ticks.get();
  }

  long timestamp(int tick) {
    return base + (long) tick * step;
  }

  static long value(int tick, int metric) {
    return tick * 1000L + metric;
  }

  /** Waits until {@code count} more ticks have been sent. */
  void await(int count) throws IOException, InterruptedException {
    int target = ticks() + count;
    while (ticks() < target) {
      Thread.sleep(PERIOD_MILLIS / 4);
    }
  }

  /** Stops after the tick in hand and returns how many ticks were sent. */
  int stop() throws IOException, InterruptedException {
    stopping = true;
    thread.join();
    socket.close();
    return ticks();
  }

  @Override
  public void close() throws IOException {
    stopping = true;
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      socket.close();
    }
  }
}
