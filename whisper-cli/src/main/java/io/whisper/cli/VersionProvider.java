package io.whisper.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.IVersionProvider;

/**
 * The version from the jar manifest, so it is written in one place (the POM), and the commit
 * the build recorded beside this class (the {@code build-commit} resource, from {@code git
 * describe}: a hash, with {@code -dirty} when the work tree had changes).
 */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() throws IOException {
    return lines(WhisperCli.class.getPackage().getImplementationVersion(), recordedCommit(),
        Runtime.version() + " (" + System.getProperty("java.vm.name") + ")");
  }

  /**
   * The lines {@code whisper --version} prints for a version (null: not from a packaged jar)
   * and a recorded commit (null: the build recorded none; empty: it was not built in a git
   * checkout).
   */
  static String[] lines(String version, String commit, String java) {
    String built = commit == null ? "commit not recorded"
        : commit.isEmpty() ? "not built from a git checkout"
        : "commit " + commit;
    return new String[] {
      "whisper " + (version == null ? "(development build)" : version) + " (" + built + ")",
      "Java " + java
    };
  }

  private static String recordedCommit() throws IOException {
    try (InputStream in = VersionProvider.class.getResourceAsStream("build-commit")) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    }
  }
}
