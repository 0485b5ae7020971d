/**
 * The ring: which node or nodes own a metric, name for name as carbon-c-relay and carbon place
 * it. Depends on nothing but the JDK.
 *
 * <p>Public API: {@link io.whisper.ring.Ring} ({@code load}, {@code owners}, {@code members},
 * {@code replication}, {@code description}), {@link io.whisper.ring.Member}, {@link
 * io.whisper.ring.RingException}, and {@link io.whisper.ring.MetricName} (a {@code .wsp} path as
 * a dotted name). Everything else is package-private: the algorithms (relay rings, carbon's
 * probing ring, jump hash, any_of, failover) and the two file readers.
 */
package io.whisper.ring;
