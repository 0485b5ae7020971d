package io.whisper.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * whisper-s3 and boto3 (the AWS SDK for Python) see the same objects under the same keys: a round
 * trip through one client alone would not notice a key encoded twice, say.
 */
@Tag("slow") // starts s3proxy
class S3InteropTest {
  @RegisterExtension static final S3ProxyExtension S3 = new S3ProxyExtension();

  /** Debian's python with python3-boto3, as .ci/run installs it; not the first on PATH. */
  private static final String PYTHON = "/usr/bin/python3";

  private static final List<String> KEYS =
      List.of("a b/c+d", "é/ሴ", "x=y&z?w", "t~_-.!*'()$,;:@", "100%25", "deep/er/still");

  @TempDir static Path tmp;
  private static Path peer;

  @BeforeAll
  static void boto3() throws IOException, InterruptedException {
    Process check = new ProcessBuilder(PYTHON, "-c", "import boto3").start();
    boolean found = check.waitFor(60, TimeUnit.SECONDS) && check.exitValue() == 0;
    if (!found) {
      String message =
          PYTHON
              + " cannot import boto3 (apt-get install python3-boto3): S3InteropTest did not run";
      if ("true".equals(System.getenv("CI"))) {
        throw new IllegalStateException(message);
      }
      System.err.println("*** SKIPPED: " + message);
      Assumptions.abort(message);
    }
    peer = tmp.resolve("boto3_peer.py");
    try (InputStream in = S3InteropTest.class.getResourceAsStream("boto3_peer.py")) {
      Files.write(peer, in.readAllBytes());
    }
  }

  @Test
  void boto3SeesWhatWeWrote() throws Exception {
    S3Config config = S3.server().newBucket("ours");
    S3Client s3 = new S3Client(config);
    Map<String, String> expected = new TreeMap<>();
    for (String key : KEYS) {
      s3.put(key, key.getBytes(StandardCharsets.UTF_8));
      expected.put("ours/" + key, md5(key));
    }
    Map<String, String> seen = new TreeMap<>();
    for (String line : boto3("list", config.bucket(), "ours/").lines().toList()) {
      String[] keyAndMd5 = line.split("\t");
      seen.put(keyAndMd5[0], keyAndMd5[1]);
    }
    assertEquals(expected, seen);
  }

  @Test
  void weSeeWhatBoto3Wrote() throws Exception {
    S3Config config = S3.server().newBucket("theirs");
    List<String> args = new ArrayList<>(List.of("put", config.bucket()));
    KEYS.forEach(k -> args.add("theirs/" + k));
    boto3(args.toArray(String[]::new));
    S3Client s3 = new S3Client(config);
    assertEquals(
        KEYS.stream().sorted().toList(), s3.list("").stream().map(S3Object::key).sorted().toList());
    for (String key : KEYS) {
      assertArrayEquals(("theirs/" + key).getBytes(StandardCharsets.UTF_8), s3.get(key), key);
    }
  }

  private static String boto3(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(PYTHON, peer.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().putAll(S3.server().env());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("boto3_peer.py " + String.join(" ", args) + " failed: " + out);
    }
    return out;
  }

  private static String md5(String body) {
    return HexFormat.of()
        .formatHex(SigV4.digest("MD5").digest(body.getBytes(StandardCharsets.UTF_8)));
  }
}
