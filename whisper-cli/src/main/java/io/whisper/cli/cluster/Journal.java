package io.whisper.cli.cluster;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The journal of a rebalance run: one line per step done, appended as it ends (forced to disk
 * once a second and at the end). Its first line names the run (what was asked: ring, patterns,
 * --delete); a rerun of the same command reads it and does not ship again a copy that an
 * owner already verified from the same source content, and the journal is removed when a run
 * ends with nothing failed. A journal of another command is refused, so two different runs
 * never mix.
 *
 * <p>The steps themselves are safe to repeat (a fill only fills gaps; a create never replaces;
 * a retire happens only for the content that was verified), so a step done and not yet
 * journaled is done again harmlessly.
 */
final class Journal implements AutoCloseable {
  private static final String MAGIC = "whisper-rebalance-journal 1";
  private static final HexFormat HEX = HexFormat.of();
  private static final long FORCE_NANOS = 1_000_000_000L;

  private final Path file;
  private final FileChannel channel;
  private final Set<String> done;
  private final int resumedSteps;
  private long lastForce = System.nanoTime();

  private Journal(Path file, FileChannel channel, Set<String> done) {
    this.file = file;
    this.channel = channel;
    this.done = done;
    this.resumedSteps = done.size();
  }

  /** Opens (or starts) the journal of the run named {@code run}. */
  static Journal open(Path file, String run) throws IOException {
    String header = MAGIC + "\t" + run;
    Set<String> done = new HashSet<>();
    if (Files.exists(file)) {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      if (lines.isEmpty() || !lines.getFirst().equals(header)) {
        throw new IOException("journal " + file + " is of another rebalance (" + (lines.isEmpty()
            ? "empty" : lines.getFirst()) + "): finish that run with its own command, or"
            + " remove the file");
      }
      // a last line cut by a kill has no newline: readAllLines gives it, and it never matches
      done.addAll(lines.subList(1, lines.size()));
    }
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    Journal journal = new Journal(file, channel, done);
    if (channel.size() == 0) {
      journal.append(header);
    } else {
      journal.append(""); // ends a line a kill may have cut
    }
    return journal;
  }

  /**
   * Returns the copies an earlier run of the command {@code run} (killed) verified, as
   * {@link #receiverKey} keys: the owners it shipped each metric to. Empty when there is no
   * journal or it is another command's ({@link #open} refuses that one).
   */
  static Set<String> receivers(Path file, String run) throws IOException {
    Set<String> receivers = new HashSet<>();
    if (!Files.exists(file)) {
      return receivers;
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    if (lines.isEmpty() || !lines.getFirst().equals(MAGIC + "\t" + run)) {
      return receivers;
    }
    for (String line : lines.subList(1, lines.size())) {
      String[] fields = line.split("\t");
      if (fields.length == 5 && fields[0].equals("verified")) {
        receivers.add(fields[2] + "\t" + fields[3]);
      }
    }
    return receivers;
  }

  /** The key of {@link #receivers}: {@code owner} got a copy of the metric at {@code path}. */
  static String receiverKey(String owner, byte[] path) {
    return owner + "\t" + HEX.formatHex(path);
  }

  /** Returns how many steps an earlier run of this command recorded. */
  int resumedSteps() {
    return resumedSteps;
  }

  /** Returns true if {@code owner} verified its copy from {@code source} with this content. */
  synchronized boolean verified(String source, String owner, byte[] path, byte[] sha256) {
    return done.contains(verifiedLine(source, owner, path, sha256));
  }

  /** Records that {@code owner} holds every point of {@code source}'s content. */
  synchronized void recordVerified(String source, String owner, byte[] path, byte[] sha256)
      throws IOException {
    String line = verifiedLine(source, owner, path, sha256);
    if (done.add(line)) {
      append(line);
    }
  }

  /** Records that {@code node}'s copy went to its trash. */
  synchronized void recordRetired(String node, byte[] path) throws IOException {
    String line = "retired\t" + node + "\t" + HEX.formatHex(path);
    if (done.add(line)) {
      append(line);
    }
  }

  /** Removes the journal: the run is finished. */
  void finish() throws IOException {
    close();
    Files.deleteIfExists(file);
  }

  private static String verifiedLine(String source, String owner, byte[] path, byte[] sha256) {
    return "verified\t" + source + "\t" + owner + "\t" + HEX.formatHex(path) + "\t"
        + HEX.formatHex(sha256);
  }

  // Forced to disk at most once a second (and on close), not per line: every step is safe to
  // repeat, so a tail lost in a crash costs only work done again, and a sync per metric
  // would be the run's bottleneck.
  private void append(String line) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
    while (bytes.hasRemaining()) {
      channel.write(bytes);
    }
    long now = System.nanoTime();
    if (now - lastForce > FORCE_NANOS) {
      channel.force(false);
      lastForce = now;
    }
  }

  @Override
  public void close() throws IOException {
    if (channel.isOpen()) {
      channel.force(false);
      channel.close();
    }
  }
}
