package io.whisper.cli.backup;

import io.whisper.s3.S3ProxyExtension;
import io.whisper.s3.S3Config;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The two kinds of repository every backup test runs against: a local folder, and a bucket
 * of a real S3 API (s3proxy, started once per test class by {@link S3ProxyExtension}).
 */
enum Repositories {
  LOCAL,
  S3;

  /** A new, empty repository; for S3 the commands' environment points at the server. */
  String create(Path temp, S3ProxyExtension s3) throws IOException {
    return switch (this) {
      case LOCAL -> temp.resolve("repo").toString();
      case S3 -> {
        S3Config config = s3.server().newBucket("backups/node1");
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putAll(s3.server().env());
        RepositoryOption.environment = env;
        yield "s3://" + config.bucket() + "/backups/node1";
      }
    };
  }

  /** The environment a child process needs for this repository. */
  Map<String, String> environment(S3ProxyExtension s3) {
    return this == S3 ? s3.server().env() : Map.of();
  }
}
