package io.whisper.s3;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a repository lives in S3 and how to sign for it.
 *
 * @param endpoint the server, {@code scheme://host[:port]} (AWS's regional endpoint by default)
 * @param region the signing region
 * @param bucket the bucket
 * @param prefix prepended to every key: "" or a path ending in '/'
 * @param accessKey the access key id
 * @param secretKey the secret access key
 * @param sessionToken the session token of temporary credentials
 * @param pathStyle {@code endpoint/bucket/key} rather than {@code bucket.endpoint/key}
 */
public record S3Config(
    URI endpoint,
    String region,
    String bucket,
    String prefix,
    String accessKey,
    String secretKey,
    Optional<String> sessionToken,
    boolean pathStyle) {

  /** The region when neither AWS_REGION nor AWS_DEFAULT_REGION is set, as the AWS CLI does. */
  public static final String DEFAULT_REGION = "us-east-1";

  // Loose on purpose: S3-compatible servers accept more than AWS's 3-63 lower-case characters.
  private static final Pattern BUCKET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  public S3Config {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(accessKey, "accessKey");
    Objects.requireNonNull(secretKey, "secretKey");
    Objects.requireNonNull(sessionToken, "sessionToken");
    if (!BUCKET.matcher(bucket).matches()) {
      throw new IllegalArgumentException("s3: not a bucket name: '" + bucket + "'");
    }
    if (!"http".equals(endpoint.getScheme()) && !"https".equals(endpoint.getScheme())
        || endpoint.getHost() == null) {
      throw new IllegalArgumentException(
          "s3: the endpoint must be http://HOST[:PORT] or https://HOST[:PORT], not '"
              + endpoint
              + "'");
    }
    prefix = normalPrefix(prefix);
  }

  /**
   * The configuration for {@code s3://BUCKET[/PREFIX]}, with credentials, region and endpoint from
   * {@code env}: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_REGION or
   * AWS_DEFAULT_REGION, AWS_ENDPOINT_URL_S3 or AWS_ENDPOINT_URL. A custom endpoint is addressed
   * path-style (what MinIO, s3proxy, Ceph and Garage expect), AWS virtual-hosted style unless the
   * bucket name has a dot (which TLS wildcards do not cover).
   *
   * @throws IllegalArgumentException with a one-line message naming what is missing or wrong
   */
  public static S3Config parse(String url, Map<String, String> env) {
    if (!url.startsWith("s3://")) {
      throw new IllegalArgumentException("s3: not an s3://BUCKET/PREFIX URL: '" + url + "'");
    }
    String rest = url.substring("s3://".length());
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String prefix = slash < 0 ? "" : rest.substring(slash + 1);
    String accessKey = variable(env, "AWS_ACCESS_KEY_ID");
    String secretKey = variable(env, "AWS_SECRET_ACCESS_KEY");
    if (accessKey == null || secretKey == null) {
      throw new IllegalArgumentException(
          "s3: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY for " + url);
    }
    String region =
        Optional.ofNullable(variable(env, "AWS_REGION"))
            .or(() -> Optional.ofNullable(variable(env, "AWS_DEFAULT_REGION")))
            .orElse(DEFAULT_REGION);
    String custom =
        Optional.ofNullable(variable(env, "AWS_ENDPOINT_URL_S3"))
            .orElse(variable(env, "AWS_ENDPOINT_URL"));
    URI endpoint;
    try {
      endpoint =
          custom != null
              ? URI.create(stripSlash(custom))
              : URI.create("https://s3." + region + ".amazonaws.com");
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("s3: AWS_ENDPOINT_URL is not a URL: '" + custom + "'", e);
    }
    boolean pathStyle = custom != null || bucket.contains(".");
    return new S3Config(
        endpoint,
        region,
        bucket,
        prefix,
        accessKey,
        secretKey,
        Optional.ofNullable(variable(env, "AWS_SESSION_TOKEN")),
        pathStyle);
  }

  /** {@code s3://BUCKET/PREFIX}, for messages. */
  public String url() {
    return "s3://" + bucket + "/" + prefix;
  }

  /** The same place under another prefix (relative to no prefix). */
  public S3Config withPrefix(String newPrefix) {
    return new S3Config(
        endpoint, region, bucket, newPrefix, accessKey, secretKey, sessionToken, pathStyle);
  }

  /** The same bucket and prefix on another server (an option overriding AWS_ENDPOINT_URL). */
  public S3Config withEndpoint(URI newEndpoint) {
    return new S3Config(
        newEndpoint, region, bucket, prefix, accessKey, secretKey, sessionToken, pathStyle);
  }

  /** The same place with other credentials. */
  public S3Config withCredentials(
      String newAccessKey, String newSecretKey, Optional<String> newSessionToken) {
    return new S3Config(
        endpoint, region, bucket, prefix, newAccessKey, newSecretKey, newSessionToken, pathStyle);
  }

  /** Never prints the secrets. */
  @Override
  public String toString() {
    return "S3Config["
        + url()
        + " at "
        + endpoint
        + ", region "
        + region
        + ", access key "
        + accessKey
        + (pathStyle ? ", path-style" : ", virtual-hosted")
        + "]";
  }

  private static String variable(Map<String, String> env, String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static String stripSlash(String endpoint) {
    return endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
  }

  private static String normalPrefix(String prefix) {
    String p = prefix;
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    if (p.isEmpty()) {
      return "";
    }
    Keys.check(p);
    return p + "/";
  }
}
