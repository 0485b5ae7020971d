package io.whisper.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class S3ConfigTest {
  private static final Map<String, String> KEYS =
      Map.of("AWS_ACCESS_KEY_ID", "AKID", "AWS_SECRET_ACCESS_KEY", "SECRET");

  private static Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>(KEYS);
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  @Test
  void awsByDefault() {
    S3Config c = S3Config.parse("s3://my-bucket/backups/graphite", env());
    assertEquals(URI.create("https://s3.us-east-1.amazonaws.com"), c.endpoint());
    assertEquals("us-east-1", c.region());
    assertEquals("my-bucket", c.bucket());
    assertEquals("backups/graphite/", c.prefix());
    assertEquals("AKID", c.accessKey());
    assertEquals("SECRET", c.secretKey());
    assertEquals(Optional.empty(), c.sessionToken());
    assertFalse(c.pathStyle(), "virtual-hosted on AWS");
    assertEquals("s3://my-bucket/backups/graphite/", c.url());
  }

  @Test
  void regionAndTokenFromTheUsualVariables() {
    S3Config c =
        S3Config.parse(
            "s3://b", env("AWS_DEFAULT_REGION", "eu-west-1", "AWS_SESSION_TOKEN", "TOKEN"));
    assertEquals("eu-west-1", c.region());
    assertEquals(URI.create("https://s3.eu-west-1.amazonaws.com"), c.endpoint());
    assertEquals(Optional.of("TOKEN"), c.sessionToken());
    assertEquals("", c.prefix());
    assertEquals(
        "eu-central-1",
        S3Config.parse(
                "s3://b", env("AWS_DEFAULT_REGION", "eu-west-1", "AWS_REGION", "eu-central-1"))
            .region());
  }

  @Test
  void aCustomEndpointIsPathStyle() {
    S3Config c = S3Config.parse("s3://b/p/", env("AWS_ENDPOINT_URL", "http://127.0.0.1:9000/"));
    assertEquals(URI.create("http://127.0.0.1:9000"), c.endpoint());
    assertTrue(c.pathStyle());
    assertEquals("p/", c.prefix());
    S3Config s3Only =
        S3Config.parse(
            "s3://b",
            env(
                "AWS_ENDPOINT_URL",
                "http://other:1",
                "AWS_ENDPOINT_URL_S3",
                "https://minio.example:9000"));
    assertEquals(
        URI.create("https://minio.example:9000"),
        s3Only.endpoint(),
        "the S3-specific variable wins");
  }

  @Test
  void withersChangeOnlyWhatTheyName() {
    S3Config c = S3Config.parse("s3://b/p", env("AWS_ENDPOINT_URL", "http://127.0.0.1:9000"));
    S3Config moved = c.withEndpoint(URI.create("http://127.0.0.1:9001"));
    assertEquals(URI.create("http://127.0.0.1:9001"), moved.endpoint());
    assertEquals(c.withEndpoint(c.endpoint()), c);
    S3Config other = c.withCredentials("K2", "S2", Optional.of("T2"));
    assertEquals(
        List.of("K2", "S2", Optional.of("T2")),
        List.of(other.accessKey(), other.secretKey(), other.sessionToken()));
    assertEquals(c, other.withCredentials("AKID", "SECRET", Optional.empty()));
    assertEquals("q/", c.withPrefix("/q/").prefix());
  }

  @Test
  void aBucketWithADotIsPathStyleEvenOnAws() {
    assertTrue(S3Config.parse("s3://my.bucket/p", env()).pathStyle());
  }

  @Test
  void badInputIsOneLineNamingWhatIsWrong() {
    assertEquals(
        "s3: not an s3://BUCKET/PREFIX URL: '/tmp/repo'",
        assertThrows(IllegalArgumentException.class, () -> S3Config.parse("/tmp/repo", env()))
            .getMessage());
    assertEquals(
        "s3: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY for s3://b/p",
        assertThrows(IllegalArgumentException.class, () -> S3Config.parse("s3://b/p", Map.of()))
            .getMessage());
    assertEquals(
        "s3: not a bucket name: ''",
        assertThrows(IllegalArgumentException.class, () -> S3Config.parse("s3:///p", env()))
            .getMessage());
    assertTrue(
        assertThrows(
                IllegalArgumentException.class, () -> S3Config.parse("s3://b/a/../../etc", env()))
            .getMessage()
            .contains("'..'"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> S3Config.parse("s3://b", env("AWS_ENDPOINT_URL", "ftp://host")))
            .getMessage()
            .startsWith("s3: the endpoint must be http://HOST[:PORT] or https://HOST[:PORT]"));
  }

  @Test
  void toStringNeverShowsTheSecrets() {
    String text = S3Config.parse("s3://b/p", env("AWS_SESSION_TOKEN", "TOKEN")).toString();
    assertTrue(text.contains("s3://b/p/"), text);
    assertFalse(text.contains("SECRET"), text);
    assertFalse(text.contains("TOKEN"), text);
  }

  @Test
  void keysMayNotLeaveThePrefix() {
    S3Client s3 =
        new S3Client(S3Config.parse("s3://b/p", env("AWS_ENDPOINT_URL", "http://127.0.0.1:9")));
    for (String key : new String[] {"", "../x", "a//b", "a/./b", "a/", "a\nb", "a\u0001b"}) {
      assertThrows(IllegalArgumentException.class, () -> s3.put(key, new byte[0]), key);
    }
  }
}
