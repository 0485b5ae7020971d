/**
 * The node side of {@code whisper cluster}: {@link io.whisper.cli.serve.ServeCommand}
 * ({@code whisper serve}), which ssh runs on a storage node, and the protocol both sides speak,
 * {@link io.whisper.cli.serve.Frames}; {@link io.whisper.cli.serve.MetricGlob} and
 * {@link io.whisper.cli.serve.WalkOrder} are the pattern and the order of names both sides share.
 */
package io.whisper.cli.serve;
