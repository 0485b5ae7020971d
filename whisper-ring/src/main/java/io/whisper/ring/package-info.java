/**
 * The ring: which node or nodes own a metric, name for name as carbon-c-relay and carbon place
 * it. Depends on nothing but the JDK.
 *
 * <p>Public API: {@link io.whisper.ring.Ring} ({@code load}, {@code owners}, {@code members},
 * {@code replication}), {@link io.whisper.ring.Member}, {@link io.whisper.ring.RingException}.
 */
package io.whisper.ring;
