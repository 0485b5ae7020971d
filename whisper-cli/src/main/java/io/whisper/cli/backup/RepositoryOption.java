package io.whisper.cli.backup;

import static io.whisper.cli.support.Specs.option;

import io.whisper.backup.store.LocalStore;
import io.whisper.backup.store.ObjectStore;
import io.whisper.backup.store.S3Store;
import io.whisper.s3.S3Config;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * The {@code -r/--repo REPO} every backup command takes, or {@code WHISPER_REPOSITORY}: a
 * local folder, or {@code s3://BUCKET/PREFIX} with the endpoint and credentials from the
 * usual {@code AWS_*} variables.
 */
final class RepositoryOption {
  // The environment: tests replace it to point the commands at their S3 server.
  static Map<String, String> environment = System.getenv();

  private String repository;

  /** Returns the option, bound to this holder. */
  OptionSpec spec() {
    return option(String.class, v -> repository = v, "-r", "--repo").paramLabel("REPO")
        .description("The repository: a folder, or s3://BUCKET/PREFIX (endpoint and"
            + " credentials from AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,"
            + " AWS_REGION). Default: $WHISPER_REPOSITORY.").build();
  }

  /** Opens the store the option or the environment names; a usage error if neither does. */
  ObjectStore open(CommandSpec spec) {
    String where = repository != null ? repository : environment.get("WHISPER_REPOSITORY");
    if (where == null || where.isEmpty()) {
      throw new ParameterException(spec.commandLine(),
          "no repository: give -r REPO or set WHISPER_REPOSITORY");
    }
    if (where.startsWith("s3://")) {
      try {
        return new S3Store(S3Config.parse(where, environment));
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      }
    }
    return new LocalStore(Path.of(where));
  }
}
