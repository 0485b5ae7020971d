/**
 * {@code whisper cluster}: every storage node of a cluster over ssh, with no daemon. Its one
 * public class is {@link io.whisper.cli.cluster.ClusterCommand}; the verbs (nodes, list, check,
 * index, du, stale, tar, delete, purge, rebalance, restore) are its subcommands. Each runs the system ssh to every
 * node at once, and speaks the protocol of {@link io.whisper.cli.serve} with the
 * {@code whisper serve} it starts there.
 */
package io.whisper.cli.cluster;
