package io.whisper.cli.ring;

import static io.whisper.cli.support.Specs.option;

import io.whisper.ring.Ring;
import io.whisper.ring.RingException;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;

/** {@code -r RINGFILE [--cluster NAME]}: the ring options locate and sieve share. */
final class RingOptions {
  private Path ringFile;
  private String cluster;

  /** Adds the options to {@code spec}. */
  CommandSpec addTo(CommandSpec spec) {
    return spec
        .addOption(option(Path.class, v -> ringFile = v, "-r", "--ring").paramLabel("RINGFILE")
            .required(true)
            .description("The ring: a carbon-c-relay configuration (its cluster statements) or"
                + " a carbon.conf (its [relay] section), told apart by their content.").build())
        .addOption(option(String.class, v -> cluster = v, "--cluster").paramLabel("NAME")
            .description("The relay cluster to use (default: the only consistent-hash one);"
                + " for a carbon.conf, the instance whose [relay:NAME] section applies.")
            .build());
  }

  /** Loads the ring. */
  Ring load() throws RingException {
    return Ring.load(ringFile, Optional.ofNullable(cluster));
  }
}
