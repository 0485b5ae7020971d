package io.whisper.s3;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Objects under one bucket and prefix: every key given or returned is relative to {@link
 * S3Config#prefix()}. Safe for use by many threads. Each request is signed with AWS Signature V4,
 * its body checked by the server (Content-MD5 and x-amz-content-sha256), retried with backoff on a
 * 5xx, a 429 or a connection error, and a failure is an {@link S3Exception} with a one-line message
 * naming the operation, the object and the endpoint.
 */
public final class S3Client {
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final Pattern PLAIN_MD5 = Pattern.compile("[0-9a-f]{32}");
  private static final String PROBE_PREFIX = ".whisper-s3-probe/";

  private final S3Config config;
  private final Retry retry;
  private volatile Boolean conditionalWrites;

  public S3Client(S3Config config) {
    this(config, Retry.DEFAULT);
  }

  S3Client(S3Config config, Retry retry) {
    this.config = config;
    this.retry = retry;
  }

  public S3Config config() {
    return config;
  }

  /**
   * The whole object, its MD5 checked against a single-part ETag.
   *
   * @throws S3Exception {@link S3Exception#isNoSuchKey()} if there is no such object
   */
  public byte[] get(String key) throws IOException {
    String full = fullKey(key);
    Http.Response r = ok("GET", full, send("GET", full, List.of(), List.of(), null));
    String etag = r.header("ETag").map(S3Client::unquote).orElse("");
    if (PLAIN_MD5.matcher(etag).matches() && !etag.equals(md5Hex(r.body()))) {
      throw error(
          "GET " + target(full),
          "the body's MD5 is not its ETag " + etag + " (damaged on the way?)",
          r.status(),
          "BadDigest",
          null);
    }
    return r.body();
  }

  /** Up to {@code length} bytes of the object from {@code offset} (fewer at its end). */
  public byte[] get(String key, long offset, int length) throws IOException {
    if (offset < 0 || length < 0) {
      throw new IllegalArgumentException(
          "s3: negative range " + offset + "+" + length + " of " + key);
    }
    String full = fullKey(key);
    if (length == 0) {
      return new byte[0];
    }
    String range = "bytes=" + offset + "-" + (offset + length - 1);
    Http.Response r =
        ok("GET", full, send("GET", full, List.of(), List.of(Map.entry("Range", range)), null));
    if (r.status() == 206) {
      if (r.body().length > length) {
        throw error(
            "GET " + target(full) + " " + range,
            r.body().length + " bytes came back",
            r.status(),
            "InvalidRange",
            null);
      }
      return r.body();
    }
    // A server that ignores Range sends the whole object.
    byte[] all = r.body();
    int from = (int) Math.min(offset, all.length);
    return Arrays.copyOfRange(all, from, (int) Math.min(all.length, offset + length));
  }

  /**
   * Stores the object, replacing any object of that key; the server checks the body's MD5 and
   * SHA-256.
   */
  public void put(String key, byte[] body) throws IOException {
    String full = fullKey(key);
    ok("PUT", full, send("PUT", full, List.of(), List.of(), body));
  }

  /**
   * Stores the object only if no object has that key ({@code If-None-Match: *}): false if one has.
   * Servers that ignore the condition would overwrite, so the first call checks that the server
   * honours it (see {@link #conditionalWrites()}) and fails if it does not.
   *
   * @throws S3Exception with status 501 if the server ignores {@code If-None-Match: *}
   */
  public boolean putIfAbsent(String key, byte[] body) throws IOException {
    String full = fullKey(key);
    if (!conditionalWrites()) {
      throw error(
          "PUT " + target(full) + " If-None-Match: *",
          "the server does not honour the condition (AWS S3 and s3proxy 4.0 or later do)",
          501,
          "NotImplemented",
          null);
    }
    return conditionalPut(full, body);
  }

  /**
   * Whether the server refuses a second {@code If-None-Match: *} PUT of a key: tried once per
   * client on a key of its own under the prefix, which it deletes again.
   */
  public boolean conditionalWrites() throws IOException {
    Boolean known = conditionalWrites;
    if (known == null) {
      String probe = fullKey(PROBE_PREFIX + UUID.randomUUID());
      try {
        // Two bodies: a retried second try must not pass for our own first write.
        known =
            conditionalPut(probe, "first".getBytes(StandardCharsets.UTF_8))
                && !conditionalPut(probe, "second".getBytes(StandardCharsets.UTF_8));
      } catch (S3Exception e) {
        if (e.status() != 501) {
          throw e;
        }
        known = false; // s3proxy 4 says NotImplemented where its backend cannot do it safely
      }
      ok("DELETE", probe, send("DELETE", probe, List.of(), List.of(), null));
      conditionalWrites = known;
    }
    return known;
  }

  /** The objects whose keys start with {@code prefix}, in key order (ListObjectsV2, every page). */
  public List<S3Object> list(String prefix) throws IOException {
    String full = config.prefix() + prefix;
    List<S3Object> objects = new ArrayList<>();
    String token = null;
    do {
      List<Map.Entry<String, String>> query =
          new ArrayList<>(List.of(Map.entry("list-type", "2"), Map.entry("prefix", full)));
      if (token != null) {
        query.add(Map.entry("continuation-token", token));
      }
      String what = "LIST " + target(full) + "*";
      Http.Response r = send("GET", null, query, List.of(), null);
      if (r.status() != 200) {
        throw failure(what, r);
      }
      String xml = r.text();
      for (String contents : Xml.elements(xml, "Contents")) {
        objects.add(listed(contents, what));
      }
      boolean truncated = Xml.text(xml, "IsTruncated").map(Boolean::parseBoolean).orElse(false);
      token =
          truncated
              ? Xml.text(xml, "NextContinuationToken")
                  .orElseThrow(
                      () ->
                          error(
                              what,
                              "a truncated listing without a continuation token",
                              200,
                              "",
                              null))
              : null;
    } while (token != null);
    return objects;
  }

  /** Deletes the object; deleting an object that does not exist is not an error (as in S3). */
  public void delete(String key) throws IOException {
    String full = fullKey(key);
    ok("DELETE", full, send("DELETE", full, List.of(), List.of(), null));
  }

  /** The object's size, ETag and time, or empty if there is no such object (or bucket). */
  public Optional<S3Object> head(String key) throws IOException {
    String full = fullKey(key);
    Http.Response r = send("HEAD", full, List.of(), List.of(), null);
    if (r.status() == 404) {
      return Optional.empty();
    }
    ok("HEAD", full, r);
    try {
      long size = Long.parseLong(r.header("Content-Length").orElse("-1"));
      String etag = unquote(r.header("ETag").orElse(""));
      Instant modified =
          r.header("Last-Modified")
              .map(t -> ZonedDateTime.parse(t, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant())
              .orElse(Instant.EPOCH);
      return Optional.of(new S3Object(key, size, etag, modified));
    } catch (NumberFormatException | DateTimeParseException e) {
      throw error("HEAD " + target(full), "unreadable headers " + r.headers(), r.status(), "", e);
    }
  }

  /** Creates the bucket (for test fixtures; a repository's bucket is the operator's to create). */
  void createBucket() throws IOException {
    Http.Response r = send("PUT", null, List.of(), List.of(), new byte[0]);
    if (r.status() != 200) {
      throw failure("PUT s3://" + config.bucket(), r);
    }
  }

  private boolean conditionalPut(String full, byte[] body) throws IOException {
    Http.Response r = send("PUT", full, List.of(), List.of(Map.entry("If-None-Match", "*")), body);
    if (r.status() == 412) {
      // After a try whose response was lost, the object that is there may be our own write.
      return r.attempt() > 1
          && head(full.substring(config.prefix().length()))
              .map(o -> o.etag().equals(md5Hex(body)))
              .orElse(false);
    }
    ok("PUT", full, r);
    return true;
  }

  private S3Object listed(String contents, String what) throws S3Exception {
    try {
      String key = Xml.text(contents, "Key").orElseThrow();
      if (!key.startsWith(config.prefix())) {
        throw new IllegalArgumentException("key " + key + " outside the prefix");
      }
      return new S3Object(
          key.substring(config.prefix().length()),
          Long.parseLong(Xml.text(contents, "Size").orElseThrow()),
          unquote(Xml.text(contents, "ETag").orElse("")),
          Instant.parse(Xml.text(contents, "LastModified").orElseThrow()));
    } catch (RuntimeException e) {
      throw error(what, "unreadable entry " + contents + " (" + e.getMessage() + ")", 200, "", e);
    }
  }

  /** The response if it is a success, else the one-line failure. */
  private Http.Response ok(String method, String fullKey, Http.Response r) throws S3Exception {
    if (r.status() / 100 != 2) {
      throw failure(method + " " + target(fullKey), r);
    }
    return r;
  }

  private S3Exception failure(String what, Http.Response r) {
    return failure(what, r, "");
  }

  private S3Exception failure(String what, Http.Response r, String suffix) {
    String code = Xml.text(r.text(), "Code").orElse("");
    String message = Xml.text(r.text(), "Message").map(m -> ": " + m).orElse("");
    String problem =
        switch (r.status()) {
          case 403 ->
              "access denied ("
                  + (code.isEmpty() ? "403" : code)
                  + message
                  + ")"
                  + (code.equals("InvalidAccessKeyId") || code.equals("SignatureDoesNotMatch")
                      ? ": check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"
                      : "");
          case 404 ->
              code.equals("NoSuchBucket")
                  ? "no bucket '" + config.bucket() + "'"
                  : "no such object";
          default -> "HTTP " + r.status() + (code.isEmpty() ? "" : " " + code) + message;
        };
    // AWS names the bucket's region when the request was signed or sent for another one.
    String region = r.header("x-amz-bucket-region").orElse("");
    if (!region.isEmpty() && !region.equals(config.region())) {
      problem += ": the bucket is in " + region + ", set AWS_REGION=" + region;
    }
    return error(what, problem + suffix, r.status(), code, null);
  }

  /** "s3: OPERATION s3://BUCKET/KEY at ENDPOINT: PROBLEM", on one line. */
  private S3Exception error(String what, String problem, int status, String code, Throwable cause) {
    String line = "s3: " + what + " at " + config.endpoint() + ": " + problem;
    return new S3Exception(line.replaceAll("[\\r\\n]+", " "), status, code, cause);
  }

  /**
   * Sends a signed request, again after a 5xx, a 429 or a connection error, as {@link Retry} says.
   */
  private Http.Response send(
      String method,
      String fullKey,
      List<Map.Entry<String, String>> query,
      List<Map.Entry<String, String>> extra,
      byte[] body)
      throws IOException {
    URL url = url(fullKey, query);
    String what = method + " " + (fullKey == null ? "s3://" + config.bucket() : target(fullKey));
    String payloadHash = body == null ? SigV4.EMPTY_SHA256 : SigV4.sha256Hex(body);
    String md5 =
        body == null ? null : Base64.getEncoder().encodeToString(SigV4.digest("MD5").digest(body));
    IOException lastError = null;
    Http.Response lastResponse = null;
    for (int attempt = 1; attempt <= retry.attempts(); attempt++) {
      if (attempt > 1) {
        pause(retry.delayMillis(attempt));
      }
      String amzDate = AMZ_DATE.format(Instant.now());
      List<Map.Entry<String, String>> headers = new ArrayList<>(extra);
      headers.add(Map.entry("Host", Http.host(url)));
      headers.add(Map.entry("X-Amz-Date", amzDate));
      headers.add(Map.entry("X-Amz-Content-Sha256", payloadHash));
      config.sessionToken().ifPresent(t -> headers.add(Map.entry("X-Amz-Security-Token", t)));
      if (body != null) {
        headers.add(Map.entry("Content-MD5", md5));
        headers.add(Map.entry("Content-Type", "application/octet-stream"));
      }
      SigV4.Signed signed =
          SigV4.sign(
              method,
              url.getPath(),
              query,
              headers,
              payloadHash,
              amzDate,
              config.accessKey(),
              config.secretKey(),
              config.region(),
              "s3");
      headers.add(Map.entry("Authorization", signed.authorization()));
      try {
        Http.Response r = Http.exchange(method, url, headers, body, retry);
        if (r.status() < 500 && r.status() != 429) {
          return new Http.Response(r.status(), r.headers(), r.body(), attempt);
        }
        lastResponse = r;
        lastError = null;
      } catch (IOException e) {
        lastError = e;
        lastResponse = null;
      }
    }
    if (lastResponse != null) {
      throw failure(what, lastResponse, " (" + retry.attempts() + " attempts)");
    }
    String reason =
        lastError.getMessage() == null
            ? lastError.getClass().getSimpleName()
            : lastError.getMessage();
    throw error(
        what,
        "no response: " + reason + " (" + retry.attempts() + " attempts)",
        S3Exception.NO_RESPONSE,
        "",
        lastError);
  }

  private static void pause(long millis) throws InterruptedIOException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("s3: interrupted while waiting to retry");
    }
  }

  /**
   * The URL of an object ({@code fullKey} non-null) or of the bucket, path-style or virtual-hosted.
   */
  private URL url(String fullKey, List<Map.Entry<String, String>> query) {
    URI e = config.endpoint();
    String authority =
        config.pathStyle() ? e.getRawAuthority() : config.bucket() + "." + e.getRawAuthority();
    String base = e.getRawPath() == null ? "" : e.getRawPath().replaceAll("/+$", "");
    String path =
        base
            + (config.pathStyle() ? "/" + SigV4.encode(config.bucket(), false) : "")
            + (fullKey == null
                ? (config.pathStyle() ? "" : "/")
                : "/" + SigV4.encode(fullKey, true));
    String q = query.isEmpty() ? "" : "?" + SigV4.canonicalQuery(query);
    try {
      return URI.create(e.getScheme() + "://" + authority + path + q).toURL();
    } catch (MalformedURLException | IllegalArgumentException ex) {
      throw new IllegalArgumentException(
          "s3: cannot address " + fullKey + " at " + e + ": " + ex.getMessage(), ex);
    }
  }

  private String fullKey(String key) {
    return config.prefix() + Keys.check(key);
  }

  private String target(String fullKey) {
    return "s3://" + config.bucket() + "/" + fullKey;
  }

  private static String unquote(String etag) {
    return etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")
        ? etag.substring(1, etag.length() - 1)
        : etag;
  }

  private static String md5Hex(byte[] body) {
    return HexFormat.of().formatHex(SigV4.digest("MD5").digest(body));
  }
}
