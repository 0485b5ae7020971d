package io.whisper.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One HTTP exchange over {@link HttpURLConnection}: measured faster to a first request than
 * java.net.http (docs/s3.md), and the JDK keeps its connections alive between requests.
 */
final class Http {
  private static final int EXPECT_CONTINUE_BYTES = 1 << 20;

  private Http() {}

  /**
   * A response with its body read to the end (which returns the connection to the pool); {@code
   * attempt} counts the tries it took, from 1.
   */
  record Response(int status, Map<String, String> headers, byte[] body, int attempt) {
    Optional<String> header(String name) {
      return Optional.ofNullable(headers.get(name));
    }

    String text() {
      return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  /** The Host header HttpURLConnection sends for this URL, which the signature must cover. */
  static String host(URL url) {
    int port = url.getPort();
    return port == -1 || port == url.getDefaultPort() ? url.getHost() : url.getHost() + ":" + port;
  }

  /**
   * Sends the request and reads the response, all within {@link Retry#deadlineMillis}: a server
   * that stops reading a body would otherwise block the write for ever, as HttpURLConnection has no
   * write timeout.
   */
  static Response exchange(
      String method, URL url, List<Map.Entry<String, String>> headers, byte[] body, Retry limits)
      throws IOException {
    HttpURLConnection c = (HttpURLConnection) url.openConnection();
    long deadline = limits.deadlineMillis(body == null ? 0 : body.length);
    AtomicBoolean overran = new AtomicBoolean();
    ScheduledFuture<?> alarm =
        Watchdog.TIMER.schedule(
            () -> {
              overran.set(true);
              c.disconnect();
            },
            deadline,
            TimeUnit.MILLISECONDS);
    try {
      c.setRequestMethod(method);
      c.setConnectTimeout(limits.timeoutMillis());
      c.setReadTimeout(limits.timeoutMillis());
      c.setUseCaches(false);
      c.setInstanceFollowRedirects(false);
      for (Map.Entry<String, String> h : headers) {
        if (!h.getKey().equalsIgnoreCase("host")) {
          c.setRequestProperty(h.getKey(), h.getValue());
        }
      }
      if (body != null) {
        if (body.length >= EXPECT_CONTINUE_BYTES) {
          // The server answers a refusal (403, 404) before the body, not after a broken pipe.
          c.setRequestProperty("Expect", "100-continue");
        }
        c.setDoOutput(true);
        c.setFixedLengthStreamingMode(body.length);
        try (OutputStream out = c.getOutputStream()) {
          out.write(body);
        }
      }
      int status = c.getResponseCode();
      Map<String, String> received = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      c.getHeaderFields()
          .forEach(
              (name, values) -> {
                if (name != null && !values.isEmpty()) {
                  received.put(name, values.getFirst());
                }
              });
      byte[] bytes;
      try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
        bytes = in == null ? new byte[0] : in.readAllBytes();
      }
      return new Response(status, received, bytes, 1);
    } catch (IOException e) {
      c.disconnect();
      if (overran.get()) {
        throw new SocketTimeoutException("timed out after " + deadline + " ms");
      }
      throw e;
    } finally {
      alarm.cancel(false);
    }
  }

  /** One daemon thread that disconnects exchanges which overrun their deadline. */
  private static final class Watchdog {
    static final ScheduledThreadPoolExecutor TIMER =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "s3-watchdog");
              t.setDaemon(true);
              return t;
            });

    static {
      TIMER.setRemoveOnCancelPolicy(true);
    }
  }
}
