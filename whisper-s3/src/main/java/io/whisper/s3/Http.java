package io.whisper.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP exchange over {@link HttpURLConnection}: measured faster to a first request than
 * java.net.http (docs/s3.md), and the JDK keeps its connections alive between requests.
 */
final class Http {
  private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
  private static final int READ_TIMEOUT_MILLIS = 120_000;

  private Http() {
  }

  /** A response with its body read to the end (which returns the connection to the pool). */
  record Response(int status, Map<String, String> headers, byte[] body) {
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

  static Response exchange(String method, URL url, List<Map.Entry<String, String>> headers, byte[] body)
      throws IOException {
    HttpURLConnection c = (HttpURLConnection) url.openConnection();
    try {
      c.setRequestMethod(method);
      c.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
      c.setReadTimeout(READ_TIMEOUT_MILLIS);
      c.setUseCaches(false);
      c.setInstanceFollowRedirects(false);
      for (Map.Entry<String, String> h : headers) {
        if (!h.getKey().equalsIgnoreCase("host")) {
          c.setRequestProperty(h.getKey(), h.getValue());
        }
      }
      if (body != null) {
        c.setDoOutput(true);
        c.setFixedLengthStreamingMode(body.length);
        try (OutputStream out = c.getOutputStream()) {
          out.write(body);
        }
      }
      int status = c.getResponseCode();
      Map<String, String> received = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      c.getHeaderFields().forEach((name, values) -> {
        if (name != null && !values.isEmpty()) {
          received.put(name, values.getFirst());
        }
      });
      byte[] bytes;
      try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
        bytes = in == null ? new byte[0] : in.readAllBytes();
      }
      return new Response(status, received, bytes);
    } catch (IOException e) {
      c.disconnect();
      throw e;
    }
  }
}
