package io.whisper.s3;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 for the Authorization header, as the AWS General Reference's "Create a
 * signed AWS API request" describes it; checked against AWS's test suite (SigV4Test).
 */
final class SigV4 {
  static final String ALGORITHM = "AWS4-HMAC-SHA256";
  static final String EMPTY_SHA256 =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  private static final HexFormat HEX = HexFormat.of();

  private SigV4() {}

  /** The three stages of a signature, kept apart so that a test can say which one is wrong. */
  record Signed(String canonicalRequest, String stringToSign, String authorization) {}

  /**
   * Signs a request.
   *
   * @param encodedPath the path, already percent-encoded by {@link #encode} (S3 encodes once)
   * @param query the query parameters, not encoded
   * @param headers every header to sign, Host and X-Amz-Date among them; names in any case
   * @param payloadHash the SHA-256 of the body in hex
   * @param amzDate the X-Amz-Date header's value, {@code yyyyMMdd'T'HHmmss'Z'}
   */
  static Signed sign(
      String method,
      String encodedPath,
      List<Map.Entry<String, String>> query,
      List<Map.Entry<String, String>> headers,
      String payloadHash,
      String amzDate,
      String accessKey,
      String secretKey,
      String region,
      String service) {
    TreeMap<String, List<String>> canonical = new TreeMap<>();
    for (Map.Entry<String, String> h : headers) {
      canonical
          .computeIfAbsent(h.getKey().toLowerCase(java.util.Locale.ROOT), k -> new ArrayList<>())
          .add(h.getValue().strip().replaceAll(" +", " "));
    }
    String signedHeaders = String.join(";", canonical.keySet());
    String canonicalHeaders =
        canonical.entrySet().stream()
            .map(e -> e.getKey() + ":" + String.join(",", e.getValue()) + "\n")
            .collect(Collectors.joining());
    String canonicalRequest =
        method
            + "\n"
            + encodedPath
            + "\n"
            + canonicalQuery(query)
            + "\n"
            + canonicalHeaders
            + "\n"
            + signedHeaders
            + "\n"
            + payloadHash;
    String date = amzDate.substring(0, 8);
    String scope = date + "/" + region + "/" + service + "/aws4_request";
    String stringToSign =
        ALGORITHM
            + "\n"
            + amzDate
            + "\n"
            + scope
            + "\n"
            + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
    byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), date);
    key = hmac(key, region);
    key = hmac(key, service);
    key = hmac(key, "aws4_request");
    String signature = HEX.formatHex(hmac(key, stringToSign));
    String authorization =
        ALGORITHM
            + " Credential="
            + accessKey
            + "/"
            + scope
            + ", SignedHeaders="
            + signedHeaders
            + ", Signature="
            + signature;
    return new Signed(canonicalRequest, stringToSign, authorization);
  }

  /** Parameters sorted by encoded name, then value, each encoded as {@link #encode} does. */
  static String canonicalQuery(List<Map.Entry<String, String>> query) {
    // Sorted as pairs: sorting the joined "name=value" strings would put "a-b=" before "a=".
    return query.stream()
        .map(e -> Map.entry(encode(e.getKey(), false), encode(e.getValue(), false)))
        .sorted(
            Map.Entry.<String, String>comparingByKey().thenComparing(Map.Entry.comparingByValue()))
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining("&"));
  }

  /** Percent-encodes every UTF-8 byte but A-Z a-z 0-9 - . _ ~ (and '/' if {@code keepSlash}). */
  static String encode(String s, boolean keepSlash) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (c >= 'A' && c <= 'Z'
          || c >= 'a' && c <= 'z'
          || c >= '0' && c <= '9'
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~'
          || c == '/' && keepSlash) {
        out.append(c);
      } else {
        out.append('%').append(HEX.withUpperCase().toHexDigits(b));
      }
    }
    return out.toString();
  }

  static String sha256Hex(byte[] bytes) {
    return HEX.formatHex(digest("SHA-256").digest(bytes));
  }

  static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has " + algorithm, e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has HmacSHA256", e);
    }
  }
}
