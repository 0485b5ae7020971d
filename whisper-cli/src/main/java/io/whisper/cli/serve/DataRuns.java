package io.whisper.cli.serve;

/**
 * A file's bytes as runs of data between all-zero 4 KiB blocks, which are left out: what a
 * {@link Frames#DATA} frame carries in each direction, so holes stay holes on the wire and in
 * the file written.
 */
public final class DataRuns {
  /** The block whose zeros are left out. */
  public static final int BLOCK = 4096;

  private DataRuns() {}

  /** Receives one run: {@code bytes[from, to)}. */
  public interface Sink<E extends Exception> {
    void run(int from, int to) throws E;
  }

  /**
   * Calls {@code sink} with each run of blocks of {@code bytes[0, length)} that are not all
   * zeros, cut at {@code maxRun} bytes; returns the bytes in runs.
   */
  public static <E extends Exception> long each(byte[] bytes, int length, int maxRun,
      Sink<E> sink) throws E {
    long sent = 0;
    int runStart = -1;
    for (int at = 0; at < length; at += BLOCK) {
      int end = Math.min(at + BLOCK, length);
      boolean data = !isZero(bytes, at, end);
      if (data && runStart < 0) {
        runStart = at;
      }
      if (runStart >= 0 && (!data || end - runStart >= maxRun)) {
        int runEnd = data ? end : at;
        sink.run(runStart, runEnd);
        sent += runEnd - runStart;
        runStart = -1;
      }
    }
    if (runStart >= 0) {
      sink.run(runStart, length);
      sent += length - runStart;
    }
    return sent;
  }

  private static boolean isZero(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return true;
  }
}
