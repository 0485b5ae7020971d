package io.whisper.ring;

import java.util.Objects;
import java.util.Optional;

/**
 * One destination of a ring: the host as the ring file writes it (never resolved), its port, and
 * the instance name when the file gives one.
 */
public record Member(String host, int port, Optional<String> instance) {

  public Member {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(instance, "instance");
  }

  /** {@code host:port}, or {@code host:port=instance}: how {@code whisper locate} prints it. */
  public String label() {
    String hostPort = host + ":" + port;
    return instance.isPresent() ? hostPort + "=" + instance.get() : hostPort;
  }
}
