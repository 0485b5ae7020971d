package io.whisper.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every call of the client against a real S3 API (s3proxy, filesystem backend). */
@Tag("slow") // starts s3proxy
class S3ClientTest {
  @RegisterExtension static final S3ProxyExtension S3 = new S3ProxyExtension();

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void putThenGetHeadListDelete() throws IOException {
    S3Client s3 = new S3Client(S3.server().newBucket("repo/one"));
    Instant before = Instant.now().minusSeconds(2);
    s3.put("data/ab/abc", bytes("hello"));
    s3.put("index/1", bytes(""));

    assertArrayEquals(bytes("hello"), s3.get("data/ab/abc"));
    assertArrayEquals(new byte[0], s3.get("index/1"));
    S3Object head = s3.head("data/ab/abc").orElseThrow();
    assertEquals("data/ab/abc", head.key());
    assertEquals(5, head.size());
    assertEquals("5d41402abc4b2a76b9719d911017c592", head.etag()); // MD5 of "hello"
    assertTrue(head.lastModified().isAfter(before), head.toString());

    List<S3Object> all = s3.list("");
    assertEquals(List.of("data/ab/abc", "index/1"), all.stream().map(S3Object::key).toList());
    assertEquals(5, all.getFirst().size());
    assertEquals(head.etag(), all.getFirst().etag());
    assertEquals(List.of("index/1"), s3.list("index/").stream().map(S3Object::key).toList());

    s3.delete("data/ab/abc");
    assertEquals(Optional.empty(), s3.head("data/ab/abc"));
    assertEquals(List.of("index/1"), s3.list("").stream().map(S3Object::key).toList());
    s3.delete("data/ab/abc"); // deleting what is gone is not an error, as in S3
  }

  @Test
  void thePrefixKeepsRepositoriesApart() throws IOException {
    S3Config one = S3.server().newBucket("one");
    S3Client a = new S3Client(one);
    S3Client b = new S3Client(one.withPrefix("one-more"));
    S3Client root = new S3Client(one.withPrefix(""));
    a.put("k", bytes("a"));
    b.put("k", bytes("b"));
    assertArrayEquals(bytes("a"), a.get("k"));
    assertEquals(List.of("k"), a.list("").stream().map(S3Object::key).toList());
    assertEquals(
        List.of("one-more/k", "one/k"), root.list("").stream().map(S3Object::key).toList());
  }

  @Test
  void keysWithAnyCharacterRoundTrip() throws IOException {
    S3Client s3 = new S3Client(S3.server().newBucket("p q+r"));
    List<String> keys = List.of("a b/c+d", "é/ሴ", "x=y&z?w", "t~_-.!*'()$,;:@", "100%25");
    for (String key : keys) {
      s3.put(key, bytes(key));
    }
    for (String key : keys) {
      assertArrayEquals(bytes(key), s3.get(key), key);
      assertEquals(
          key.getBytes(StandardCharsets.UTF_8).length, s3.head(key).orElseThrow().size(), key);
    }
    assertEquals(
        keys.stream().sorted().toList(), s3.list("").stream().map(S3Object::key).sorted().toList());
  }

  @Test
  void getOfAMissingKeyIsNoSuchKey() throws IOException {
    S3Client s3 = new S3Client(S3.server().newBucket(""));
    S3Exception e = assertThrows(S3Exception.class, () -> s3.get("nothing/here"));
    assertEquals(404, e.status());
    assertTrue(e.isNoSuchKey());
    assertEquals("NoSuchKey", e.code());
    assertEquals(
        "s3: GET s3://"
            + s3.config().bucket()
            + "/nothing/here at "
            + s3.config().endpoint()
            + ": no such object",
        e.getMessage());
    assertEquals(Optional.empty(), s3.head("nothing/here"));
  }

  @Test
  void rangedGet() throws IOException {
    S3Client s3 = new S3Client(S3.server().newBucket("r"));
    byte[] body = new byte[10_000];
    new Random(1).nextBytes(body);
    s3.put("pack", body);
    assertArrayEquals(java.util.Arrays.copyOfRange(body, 0, 1), s3.get("pack", 0, 1));
    assertArrayEquals(java.util.Arrays.copyOfRange(body, 4096, 8192), s3.get("pack", 4096, 4096));
    assertArrayEquals(
        java.util.Arrays.copyOfRange(body, 9_990, 10_000), s3.get("pack", 9_990, 100));
    assertArrayEquals(new byte[0], s3.get("pack", 50, 0));
    S3Exception beyond = assertThrows(S3Exception.class, () -> s3.get("pack", 10_000, 10));
    assertEquals(416, beyond.status(), beyond.getMessage());
  }

  @Test
  void putIfAbsentWritesOnlyTheFirst() throws IOException {
    S3Client s3 = new S3Client(S3.server().newBucket("lock"));
    assertTrue(s3.conditionalWrites(), "s3proxy 4.0 honours If-None-Match: *");
    assertTrue(s3.putIfAbsent("lock", bytes("first")));
    assertFalse(s3.putIfAbsent("lock", bytes("second")));
    assertArrayEquals(bytes("first"), s3.get("lock"));
    assertEquals(
        List.of("lock"), s3.list("").stream().map(S3Object::key).toList(), "the probe cleaned up");
  }

  @Test
  void putIfAbsentWhoseResponseWasLostIsStillOurs() throws IOException {
    S3Config direct = S3.server().newBucket("lost");
    new S3Client(direct).put("taken", bytes("someone else's"));
    int port = S3.server().endpoint().getPort();
    try (FaultyRelay relay = new FaultyRelay(port, new FaultyRelay.Fault.LoseFirstResponse())) {
      S3Client s3 = new S3Client(via(relay, direct), new Retry(3, 10, 10_000, 1024));
      assertTrue(s3.putIfAbsent("lock", bytes("mine")), "the lost first try wrote it: ours");
    }
    try (FaultyRelay relay = new FaultyRelay(port, new FaultyRelay.Fault.LoseFirstResponse())) {
      S3Client s3 = new S3Client(via(relay, direct), new Retry(3, 10, 10_000, 1024));
      assertFalse(s3.putIfAbsent("taken", bytes("mine")), "another body was there: not ours");
    }
    assertArrayEquals(bytes("mine"), new S3Client(direct).get("lock"));
    assertArrayEquals(bytes("someone else's"), new S3Client(direct).get("taken"));
  }

  @Test
  void putIfAbsentRacesHaveOneWinner() throws Exception {
    S3Client s3 = new S3Client(S3.server().newBucket("race"));
    s3.conditionalWrites();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      for (int round = 0; round < 5; round++) {
        String key = "lock-" + round;
        List<Future<Boolean>> tries = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          byte[] body = bytes("writer " + i);
          tries.add(pool.submit(() -> s3.putIfAbsent(key, body)));
        }
        int winners = 0;
        for (Future<Boolean> t : tries) {
          winners += t.get() ? 1 : 0;
        }
        assertEquals(1, winners, key);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void largeBodies() throws IOException {
    S3Client s3 = new S3Client(S3.server().newBucket("big"));
    byte[] body = new byte[32 << 20];
    new Random(7).nextBytes(body);
    s3.put("pack", body);
    assertEquals(body.length, s3.head("pack").orElseThrow().size());
    assertArrayEquals(body, s3.get("pack"));
    assertArrayEquals(
        java.util.Arrays.copyOfRange(body, 30 << 20, (30 << 20) + 1_000_000),
        s3.get("pack", 30 << 20, 1_000_000));
  }

  @Test
  void listingContinuesPastAThousandKeys() throws Exception {
    S3Client s3 = new S3Client(S3.server().newBucket("many"));
    int count = 1_100;
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> puts = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String key = "k/%05d".formatted(i);
        puts.add(
            pool.submit(
                () -> {
                  s3.put(key, bytes(key));
                  return null;
                }));
      }
      for (Future<?> f : puts) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    s3.put("l/other", bytes("x"));
    List<String> keys = s3.list("k/").stream().map(S3Object::key).toList();
    assertEquals(count, keys.size());
    for (int i = 0; i < count; i++) {
      assertEquals("k/%05d".formatted(i), keys.get(i));
    }
    assertEquals(count + 1, s3.list("").size());
  }

  @Test
  void wrongSecretIsOneLineNamingTheEndpoint() throws IOException {
    S3Config good = S3.server().newBucket("x");
    S3Client s3 =
        new S3Client(good.withCredentials(good.accessKey(), "not-the-secret", Optional.empty()));
    S3Exception e = assertThrows(S3Exception.class, () -> s3.put("k", bytes("v")));
    assertEquals(403, e.status());
    // A large body too: the server may answer before it has read it all.
    assertEquals(
        403, assertThrows(S3Exception.class, () -> s3.put("big", new byte[16 << 20])).status());
    assertTrue(e.getMessage().contains(good.endpoint().toString()), e.getMessage());
    assertTrue(e.getMessage().contains("s3://" + good.bucket() + "/x/k"), e.getMessage());
    assertTrue(e.getMessage().contains("AWS_SECRET_ACCESS_KEY"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
    assertFalse(e.getMessage().contains("not-the-secret"));
    assertTrue(new S3Client(good).list("").isEmpty(), "nothing was written");
  }

  @Test
  void wrongAccessKeyIsOneLine() throws IOException {
    S3Config good = S3.server().newBucket("x");
    S3Client s3 = new S3Client(good.withCredentials("nobody", good.secretKey(), Optional.empty()));
    S3Exception e = assertThrows(S3Exception.class, () -> s3.list(""));
    assertEquals(403, e.status());
    assertTrue(e.getMessage().contains("AWS_ACCESS_KEY_ID"), e.getMessage());
  }

  @Test
  void missingBucketIsNamed() throws IOException {
    S3Config good = S3.server().newBucket("x");
    S3Client s3 = new S3Client(S3Config.parse("s3://no-such-bucket/x", S3.server().env()));
    for (var call :
        List.<IoCall>of(() -> s3.put("k", bytes("v")), () -> s3.get("k"), () -> s3.list(""))) {
      S3Exception e = assertThrows(S3Exception.class, call::run);
      assertEquals(404, e.status(), e.getMessage());
      assertEquals("NoSuchBucket", e.code());
      assertFalse(e.isNoSuchKey());
      assertTrue(
          e.getMessage()
              .matches(
                  "s3: [A-Z]+ s3://no-such-bucket/x/\\S* at "
                      + good.endpoint()
                      + ": no bucket 'no-such-bucket'"),
          e.getMessage());
    }
  }

  @Test
  void aServerThatIsDownIsNamedAfterRetries() throws IOException {
    S3Config config = S3Config.parse("s3://b/p", S3.server().env());
    S3Config down = config.withEndpoint(java.net.URI.create("http://127.0.0.1:" + closedPort()));
    S3Client s3 = new S3Client(down, new Retry(3, 10, 10_000, 1024));
    long start = System.nanoTime();
    S3Exception e = assertThrows(S3Exception.class, () -> s3.put("k", bytes("v")));
    assertEquals(S3Exception.NO_RESPONSE, e.status());
    assertEquals(
        "s3: PUT s3://b/p/k at "
            + down.endpoint()
            + ": no response: Connection refused"
            + " (3 attempts)",
        e.getMessage());
    assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 10, "it backed off");
  }

  @Test
  void aServerStoppedMidUploadLeavesNoObject(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
    S3Config direct = S3.server().newBucket("cut");
    int port = S3.server().endpoint().getPort();
    byte[] body = new byte[8 << 20];
    new Random(3).nextBytes(body);
    try (FaultyRelay relay =
        new FaultyRelay(port, new FaultyRelay.Fault.Cut(1 << 20, S3.server()::kill))) {
      S3Client s3 = new S3Client(via(relay, direct), new Retry(3, 10, 10_000, 1024));
      S3Exception e = assertThrows(S3Exception.class, () -> s3.put("pack", body));
      assertTrue(relay.cut(), "the server was stopped mid-upload");
      assertEquals(S3Exception.NO_RESPONSE, e.status());
      assertTrue(
          e.getMessage()
              .startsWith(
                  "s3: PUT s3://"
                      + direct.bucket()
                      + "/cut/pack at "
                      + relay.endpoint()
                      + ": no response: "),
          e.getMessage());
      assertFalse(e.getMessage().contains("\n"));
    } finally {
      S3.server().restart();
    }
    S3Client s3 = new S3Client(direct);
    assertEquals(Optional.empty(), s3.head("pack"), "no partial object");
    assertEquals(List.of(), s3.list(""), "nothing listed");
    s3.put("pack", body);
    assertArrayEquals(body, s3.get("pack"), "the rerun completes");
  }

  @Test
  void theServerRefusesABodyDamagedOnTheWay() throws IOException {
    S3Config direct = S3.server().newBucket("damaged");
    byte[] body = new byte[256 << 10];
    new Random(5).nextBytes(body);
    try (FaultyRelay relay =
        new FaultyRelay(
            S3.server().endpoint().getPort(), new FaultyRelay.Fault.FlipRequest(128 << 10))) {
      S3Exception e =
          assertThrows(S3Exception.class, () -> new S3Client(via(relay, direct)).put("pack", body));
      assertEquals(400, e.status(), e.getMessage());
      assertTrue(
          Set.of("BadDigest", "XAmzContentSHA256Mismatch", "InvalidDigest").contains(e.code()),
          e.getMessage());
    }
    assertEquals(Optional.empty(), new S3Client(direct).head("pack"));
  }

  @Test
  void aBodyDamagedOnTheWayBackIsRefused() throws IOException {
    S3Config direct = S3.server().newBucket("damaged");
    byte[] body = new byte[256 << 10];
    new Random(6).nextBytes(body);
    new S3Client(direct).put("pack", body);
    try (FaultyRelay relay =
        new FaultyRelay(
            S3.server().endpoint().getPort(), new FaultyRelay.Fault.FlipResponse(128 << 10))) {
      S3Exception e =
          assertThrows(S3Exception.class, () -> new S3Client(via(relay, direct)).get("pack"));
      assertEquals("BadDigest", e.code(), e.getMessage());
      assertTrue(e.getMessage().contains("MD5"), e.getMessage());
    }
  }

  @Test
  void unavailableIsRetriedWithBackoff() throws IOException {
    S3Config direct = S3.server().newBucket("busy");
    new S3Client(direct).put("k", bytes("v"));
    int port = S3.server().endpoint().getPort();
    try (FaultyRelay relay = new FaultyRelay(port, new FaultyRelay.Fault.Unavailable(2))) {
      assertArrayEquals(
          bytes("v"), new S3Client(via(relay, direct), new Retry(3, 10, 10_000, 1024)).get("k"));
    }
    try (FaultyRelay relay = new FaultyRelay(port, new FaultyRelay.Fault.Unavailable(2))) {
      S3Exception e =
          assertThrows(
              S3Exception.class,
              () -> new S3Client(via(relay, direct), new Retry(2, 10, 10_000, 1024)).get("k"));
      assertEquals(503, e.status());
      assertTrue(
          e.getMessage().endsWith("/busy/k at " + relay.endpoint() + ": HTTP 503 (2 attempts)"),
          e.getMessage());
    }
  }

  @Test
  void aServerThatStopsReadingTimesOut() throws IOException {
    S3Config direct = S3.server().newBucket("stall");
    try (FaultyRelay relay =
        new FaultyRelay(S3.server().endpoint().getPort(), new FaultyRelay.Fault.Stall())) {
      S3Client s3 = new S3Client(via(relay, direct), new Retry(2, 10, 300, 1 << 20));
      long start = System.nanoTime();
      S3Exception e = assertThrows(S3Exception.class, () -> s3.put("pack", new byte[64 << 20]));
      assertEquals(S3Exception.NO_RESPONSE, e.status());
      assertTrue(
          e.getMessage().endsWith(": no response: timed out after 662 ms (2 attempts)"),
          e.getMessage());
      assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 10, "it gave up");
      S3Exception get = assertThrows(S3Exception.class, () -> s3.get("pack"));
      assertTrue(
          get.getMessage().endsWith(": no response: Read timed out (2 attempts)"),
          get.getMessage());
    }
    assertEquals(Optional.empty(), new S3Client(direct).head("pack"));
  }

  @Test
  void aBucketInAnotherRegionIsNamed() throws IOException {
    // What AWS answers a request sent to the wrong region's endpoint (S3 API reference, Error
    // responses: PermanentRedirect; the x-amz-bucket-region header names the bucket's region).
    HttpServer aws =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    aws.createContext(
        "/",
        exchange -> {
          byte[] body =
              bytes(
                  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      + "<Error><Code>PermanentRedirect</Code><Message>The bucket you are"
                      + " attempting to access must be addressed using the specified endpoint."
                      + " Please send all future requests to this endpoint.</Message></Error>");
          exchange.getResponseHeaders().add("x-amz-bucket-region", "eu-west-1");
          exchange.sendResponseHeaders(301, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    aws.start();
    try {
      S3Config config =
          S3Config.parse(
              "s3://b/p",
              Map.of(
                  "AWS_ACCESS_KEY_ID",
                  "K",
                  "AWS_SECRET_ACCESS_KEY",
                  "S",
                  "AWS_ENDPOINT_URL",
                  "http://127.0.0.1:" + aws.getAddress().getPort()));
      S3Exception e = assertThrows(S3Exception.class, () -> new S3Client(config).get("k"));
      assertEquals(301, e.status());
      assertEquals("PermanentRedirect", e.code());
      assertTrue(
          e.getMessage().endsWith(": the bucket is in eu-west-1, set AWS_REGION=eu-west-1"),
          e.getMessage());
    } finally {
      aws.stop(0);
    }
  }

  private static S3Config via(FaultyRelay relay, S3Config direct) {
    return direct.withEndpoint(relay.endpoint());
  }

  private interface IoCall {
    void run() throws IOException;
  }

  private static int closedPort() throws IOException {
    try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
