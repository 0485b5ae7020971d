package io.whisper.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The signer against AWS's published vectors: the SigV4 test suite and S3's own examples. */
class SigV4Test {
  private static final String SUITE_KEY = "AKIDEXAMPLE";
  private static final String SUITE_SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  // The token botocore's test_sigv4.py signs get-vanilla-with-session-token with.
  private static final String SUITE_TOKEN =
      "6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267";

  static Stream<String> suiteCases() throws IOException {
    return resource("cases.txt").lines().filter(l -> !l.isBlank());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("suiteCases")
  void testSuite(String name) throws IOException {
    Request r = Request.parse(resource(name + ".req"));
    List<Map.Entry<String, String>> headers = new ArrayList<>(r.headers());
    if (name.endsWith("-with-session-token")) {
      headers.add(Map.entry("X-Amz-Security-Token", SUITE_TOKEN));
    }
    String amzDate =
        headers.stream()
            .filter(h -> h.getKey().equalsIgnoreCase("x-amz-date"))
            .findFirst()
            .orElseThrow()
            .getValue();
    SigV4.Signed signed =
        SigV4.sign(
            r.method(),
            SigV4.encode(r.path(), true),
            r.query(),
            headers,
            SigV4.sha256Hex(r.body().getBytes(StandardCharsets.UTF_8)),
            amzDate,
            SUITE_KEY,
            SUITE_SECRET,
            "us-east-1",
            "service");
    assertEquals(resource(name + ".creq"), signed.canonicalRequest(), "canonical request");
    assertEquals(resource(name + ".sts"), signed.stringToSign(), "string to sign");
    assertEquals(resource(name + ".authz"), signed.authorization(), "authorization");
  }

  /**
   * The four examples of the Amazon S3 API Reference, "Signature Calculations for the Authorization
   * Header: Transferring Payload in a Single Chunk (AWS Signature Version 4)"
   * (docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html): bucket examplebucket,
   * 2013-05-24, the documentation's example key.
   */
  @Test
  void amazonS3Examples() {
    String empty = SigV4.EMPTY_SHA256;
    String welcome = SigV4.sha256Hex("Welcome to Amazon S3.".getBytes(StandardCharsets.UTF_8));
    assertEquals("44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072", welcome);
    assertEquals(
        "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
        s3Example("GET", "/test.txt", List.of(), List.of(Map.entry("Range", "bytes=0-9")), empty));
    assertEquals(
        "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd",
        s3Example(
            "PUT",
            SigV4.encode("/test$file.text", true),
            List.of(),
            List.of(
                Map.entry("Date", "Fri, 24 May 2013 00:00:00 GMT"),
                Map.entry("x-amz-storage-class", "REDUCED_REDUNDANCY")),
            welcome));
    assertEquals(
        "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543",
        s3Example("GET", "/", List.of(Map.entry("lifecycle", "")), List.of(), empty));
    assertEquals(
        "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7",
        s3Example(
            "GET",
            "/",
            List.of(Map.entry("prefix", "J"), Map.entry("max-keys", "2")),
            List.of(),
            empty));
  }

  @Test
  void encodingKeepsOnlyUnreservedCharacters() {
    assertEquals("a%20b/c%2Bd/%C3%A9~_-.", SigV4.encode("a b/c+d/é~_-.", true));
    assertEquals("a%20b%2Fc", SigV4.encode("a b/c", false));
    assertEquals("%2A%21%27%28%29%25", SigV4.encode("*!'()%", false));
  }

  private static String s3Example(
      String method,
      String encodedPath,
      List<Map.Entry<String, String>> query,
      List<Map.Entry<String, String>> extra,
      String payloadHash) {
    List<Map.Entry<String, String>> headers = new ArrayList<>(extra);
    headers.add(Map.entry("Host", "examplebucket.s3.amazonaws.com"));
    headers.add(Map.entry("x-amz-date", "20130524T000000Z"));
    headers.add(Map.entry("x-amz-content-sha256", payloadHash));
    String authorization =
        SigV4.sign(
                method,
                encodedPath,
                query,
                headers,
                payloadHash,
                "20130524T000000Z",
                "AKIAIOSFODNN7EXAMPLE",
                "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                "us-east-1",
                "s3")
            .authorization();
    return authorization.substring(authorization.indexOf("Signature=") + "Signature=".length());
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = SigV4Test.class.getResourceAsStream("sigv4/" + name)) {
      if (in == null) {
        throw new IOException("no test resource sigv4/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** A request as the suite's .req files write it: request line, headers, a blank line, body. */
  private record Request(
      String method,
      String path,
      List<Map.Entry<String, String>> query,
      List<Map.Entry<String, String>> headers,
      String body) {
    static Request parse(String text) {
      String[] lines = text.split("\n", -1);
      String[] requestLine = lines[0].split(" ");
      String target =
          lines[0].substring(requestLine[0].length() + 1, lines[0].lastIndexOf(" HTTP/"));
      int q = target.indexOf('?');
      String path = decode(q < 0 ? target : target.substring(0, q));
      List<Map.Entry<String, String>> query = new ArrayList<>();
      if (q >= 0) {
        for (String pair : target.substring(q + 1).split("&")) {
          int eq = pair.indexOf('=');
          query.add(
              eq < 0
                  ? Map.entry(decode(pair), "")
                  : Map.entry(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1))));
        }
      }
      List<Map.Entry<String, String>> headers = new ArrayList<>();
      int i = 1;
      for (; i < lines.length && !lines[i].isEmpty(); i++) {
        int colon = lines[i].indexOf(':');
        headers.add(Map.entry(lines[i].substring(0, colon), lines[i].substring(colon + 1)));
      }
      String body =
          i + 1 < lines.length
              ? String.join("\n", List.of(lines).subList(i + 1, lines.length))
              : "";
      return new Request(requestLine[0], path, query, headers, body);
    }

    private static String decode(String s) {
      return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
  }
}
