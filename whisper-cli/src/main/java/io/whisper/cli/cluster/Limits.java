package io.whisper.cli.cluster;

/**
 * The {@code --rate} and {@code --bwlimit} of a run, kept per node: each node reads or writes
 * at most so many metric files and so many file bytes a second, what it sends and what it
 * receives counted together (a node's disk serves carbon too). Nodes do not slow each other.
 */
final class Limits {
  private final Pacer[] files;
  private final Pacer[] bytes;

  Limits(int nodes, double filesPerSecond, double bytesPerSecond) {
    files = new Pacer[nodes];
    bytes = new Pacer[nodes];
    for (int i = 0; i < nodes; i++) {
      files[i] = new Pacer(filesPerSecond);
      bytes[i] = new Pacer(bytesPerSecond);
    }
  }

  /** Waits until node {@code node} may read or write one more file. */
  void file(int node) throws InterruptedException {
    files[node].acquire(1);
  }

  /**
   * Waits until node {@code node} may read or write {@code size} more bytes (a file read
   * before its size is known is counted after it: the node's next file waits for it).
   */
  void bytes(int node, long size) throws InterruptedException {
    bytes[node].acquire(size);
  }
}
