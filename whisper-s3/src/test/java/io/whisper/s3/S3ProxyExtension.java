package io.whisper.s3;

import io.whisper.core.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link S3ProxyServer} for a test class: {@code @RegisterExtension static final
 * S3ProxyExtension S3 = new S3ProxyExtension();}, then {@code S3.server().newBucket("prefix")} in
 * each test. Without the jar the class is skipped, saying how to fetch it; under CI=true a missing
 * jar fails instead, so that CI cannot pass without having run these tests.
 */
public final class S3ProxyExtension implements BeforeAllCallback, AfterAllCallback {
  private S3ProxyServer server;
  private Path dir;

  public S3ProxyServer server() {
    if (server == null) {
      throw new IllegalStateException(
          "s3proxy is not running (register S3ProxyExtension as a static field)");
    }
    return server;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    var jar = S3ProxyServer.jar();
    if (jar.isEmpty()) {
      String message =
          "s3proxy jar not found at '"
              + System.getProperty("whisper.s3proxy.jar", "")
              + "': run .ci/s3proxy.sh to fetch it; the S3 tests of "
              + context.getDisplayName()
              + " did not run";
      if ("true".equals(System.getenv("CI"))) {
        throw new IllegalStateException(message);
      }
      System.err.println("*** SKIPPED: " + message);
      Assumptions.abort(message);
    }
    dir = Files.createTempDirectory("s3proxy-");
    server = S3ProxyServer.start(jar.get(), dir);
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    try {
      if (server != null) {
        server.close();
      }
    } finally {
      server = null;
      if (dir != null) {
        TestFiles.deleteTree(dir);
      }
    }
  }
}
