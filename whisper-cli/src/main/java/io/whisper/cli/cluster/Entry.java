package io.whisper.cli.cluster;

/**
 * One metric file a node listed.
 *
 * @param path its path below the node's root, {@code a/b/c.wsp}, in bytes
 * @param size its length in bytes (0 unless asked for)
 * @param allocated the bytes it takes on disk (0 unless asked for)
 * @param mtime its last modification, epoch seconds (0 unless asked for)
 * @param newest its newest point's time, epoch seconds (0: none, or not asked for)
 */
record Entry(byte[] path, long size, long allocated, long mtime, long newest) {}
