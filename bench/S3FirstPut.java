package io.whisper.s3;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * For bench/s3-first-put.sh: one PUT, then exit, through S3Client (HttpURLConnection) or the same
 * SigV4 signature over java.net.http, so the script can time JVM start to first PUT. Usage:
 * S3FirstPut mkbucket|urlconnection|httpclient s3://BUCKET/PREFIX (AWS_* from the env).
 */
final class S3FirstPut {
  private S3FirstPut() {}

  public static void main(String[] args) throws Exception {
    S3Config config = S3Config.parse(args[1], System.getenv());
    byte[] body = "first put".getBytes(StandardCharsets.UTF_8);
    switch (args[0]) {
      case "mkbucket" -> new S3Client(config).createBucket();
      case "urlconnection" -> new S3Client(config).put("first", body);
      case "httpclient" -> httpClientPut(config, "first", body);
      default -> throw new IllegalArgumentException("mode: mkbucket, urlconnection or httpclient");
    }
  }

  private static void httpClientPut(S3Config c, String key, byte[] body) throws Exception {
    String path = "/" + c.bucket() + "/" + SigV4.encode(c.prefix() + key, true);
    URI uri = URI.create(c.endpoint() + path);
    String amzDate =
        DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .format(ZonedDateTime.now(ZoneOffset.UTC));
    String hash = SigV4.sha256Hex(body);
    List<Map.Entry<String, String>> headers =
        new ArrayList<>(
            List.of(
                Map.entry("X-Amz-Date", amzDate),
                Map.entry("X-Amz-Content-Sha256", hash),
                Map.entry(
                    "Content-MD5",
                    Base64.getEncoder().encodeToString(SigV4.digest("MD5").digest(body)))));
    List<Map.Entry<String, String>> signed = new ArrayList<>(headers);
    signed.add(Map.entry("Host", uri.getRawAuthority())); // java.net.http sets Host itself
    String authorization =
        SigV4.sign(
                "PUT",
                path,
                List.of(),
                signed,
                hash,
                amzDate,
                c.accessKey(),
                c.secretKey(),
                c.region(),
                "s3")
            .authorization();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
            .header("Authorization", authorization);
    headers.forEach(h -> request.header(h.getKey(), h.getValue()));
    HttpResponse<String> response =
        HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "PUT " + uri + ": " + response.statusCode() + " " + response.body());
    }
  }
}
