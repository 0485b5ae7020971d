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

  /**
   * {@code host:port}, or {@code host:port=instance}, an IPv6 host in brackets ({@code
   * [::1]:2003}): how {@code whisper locate} prints it, and the relay's test mode without the
   * instance.
   */
  public String label() {
    String hostPort = (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    return instance.isPresent() ? hostPort + "=" + instance.get() : hostPort;
  }
}
