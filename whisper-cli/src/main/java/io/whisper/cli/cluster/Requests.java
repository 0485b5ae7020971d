package io.whisper.cli.cluster;

import io.whisper.cli.serve.DataRuns;
import io.whisper.cli.serve.Frames;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The requests of the protocol ({@link Frames}), made over one node's session. */
final class Requests {
  private Requests() {}

  /** Receives what a request sends before its end. */
  interface Answers {
    /** A batch of walk entries. */
    default void entries(List<Entry> batch) throws IOException {}

    /** A problem with one name that did not stop the request. */
    default void warning(String message) throws IOException {}

    /** The outcome for one name (trash): an empty error means done. */
    default void result(byte[] path, String error) throws IOException {}

    /** The size and mtime of the file about to come (read). */
    default void file(long size, long mtime) throws IOException {}

    /** A run of the file's bytes at {@code offset} (read); the rest are zeros. */
    default void data(long offset, ByteBuffer bytes) throws IOException {}
  }

  /** Lists the metrics matching {@code patterns} (all when empty). */
  static Map<String, Long> walk(NodeSession session, int flags, List<String> patterns,
      Answers answers) throws NodeFailure, IOException {
    Frames.Builder request = start(session, Frames.WALK).putInt(flags).putInt(patterns.size());
    for (String pattern : patterns) {
      request.putText(pattern);
    }
    session.send(request);
    return answer(session, flags, answers);
  }

  /**
   * Asks for one file, read under its flock, without waiting: answers come in the order of
   * the requests; read each with {@link #answer}.
   */
  static void sendRead(NodeSession session, byte[] path) throws NodeFailure {
    session.send(start(session, Frames.READ).putBytes(path));
  }

  /** Moves {@code paths} into the node's trash under the folder {@code batch}. */
  static Map<String, Long> trash(NodeSession session, byte[] batch, List<byte[]> paths,
      Answers answers) throws NodeFailure, IOException {
    Frames.Builder request = start(session, Frames.TRASH).putBytes(batch).putInt(paths.size());
    for (byte[] path : paths) {
      request.putBytes(path);
    }
    session.send(request);
    return answer(session, 0, answers);
  }

  /**
   * Sends one file to the node ({@link Frames#PUT}): created there, or filled into the file
   * that is there; {@code bytes} is the whole file, its all-zero 4 KiB blocks left out on the
   * wire. Answers the node's counts: created, filled (slots), left (gaps after the fill).
   */
  static SessionPool.Request<Map<String, Long>> put(byte[] path, byte[] bytes, long now) {
    return new Counted() {
      @Override
      public void send(NodeSession session) throws NodeFailure {
        session.send(start(session, Frames.PUT).putBytes(path).putLong(bytes.length)
            .putLong(now), false);
        Frames.Builder frame = new Frames.Builder();
        DataRuns.each(bytes, bytes.length, RUN_LIMIT, (from, to) -> session.send(
            frame.start(Frames.DATA).putLong(from).putRaw(bytes, from, to - from), false));
        session.send(frame.start(Frames.DONE), true);
      }
    };
  }

  /**
   * Moves one file to the node's trash if its content still has {@code sha256}, under its
   * exclusive flock ({@link Frames#RETIRE}). Answers the counts: retired, changed, gone.
   */
  static SessionPool.Request<Map<String, Long>> retire(byte[] batch, byte[] path,
      byte[] sha256) {
    return new Counted() {
      @Override
      public void send(NodeSession session) throws NodeFailure {
        session.send(start(session, Frames.RETIRE).putBytes(batch).putBytes(path)
            .putBytes(sha256));
      }
    };
  }

  /** A request whose answer is only its DONE's counts. */
  private abstract static class Counted implements SessionPool.Request<Map<String, Long>> {
    @Override
    public Map<String, Long> answer(NodeSession session) throws NodeFailure, IOException {
      return Requests.answer(session, 0, new Answers() {});
    }
  }

  private static final int RUN_LIMIT = 4 << 20; // bytes of data per frame, well under MAX_FRAME

  /** Removes the trash batches older than {@code ageSeconds}. */
  static Map<String, Long> purge(NodeSession session, long ageSeconds)
      throws NodeFailure, IOException {
    session.send(start(session, Frames.PURGE).putLong(ageSeconds));
    return answer(session, 0, new Answers() {});
  }

  /** Returns the free and total bytes of the root's file system. */
  static Map<String, Long> space(NodeSession session) throws NodeFailure, IOException {
    session.send(start(session, Frames.SPACE));
    return answer(session, 0, new Answers() {});
  }

  private static Frames.Builder start(NodeSession session, byte kind) {
    return new Frames.Builder().start(kind).putText(session.node().storage());
  }

  // The next entry of an ENTRIES frame. A method per entry, so the JIT compiles it after a
  // few hundred names: the body of a loop is compiled only after tens of thousands of turns.
  private static Entry entry(Frames.Frame frame, boolean stat, boolean newest)
      throws IOException {
    byte[] path = frame.getBytes();
    long size = 0;
    long allocated = 0;
    long mtime = 0;
    if (stat) {
      size = frame.getLong();
      allocated = frame.getLong();
      mtime = frame.getLong();
    }
    return new Entry(path, size, allocated, mtime, newest ? frame.getLong() : 0);
  }

  /** Reads the answer to the oldest request not yet answered, up to its DONE. */
  static Map<String, Long> answer(NodeSession session, int flags, Answers answers)
      throws NodeFailure, IOException {
    boolean stat = (flags & Frames.WANT_STAT) != 0;
    boolean newest = (flags & Frames.WANT_NEWEST) != 0;
    while (true) {
      Frames.Frame frame = session.next();
      switch (frame.kind()) {
        case Frames.ENTRIES -> {
          List<Entry> batch = new ArrayList<>();
          while (!frame.atEnd()) {
            batch.add(entry(frame, stat, newest));
          }
          answers.entries(batch);
        }
        case Frames.WARN -> answers.warning(frame.getText());
        case Frames.RESULT -> answers.result(frame.getBytes(), frame.getText());
        case Frames.FILE -> answers.file(frame.getLong(), frame.getLong());
        case Frames.DATA -> answers.data(frame.getLong(), frame.rest());
        case Frames.FAIL -> throw new RequestFailure(frame.getText());
        case Frames.DONE -> {
          Map<String, Long> counts = new LinkedHashMap<>();
          int count = frame.getInt();
          for (int i = 0; i < count; i++) {
            counts.put(frame.getText(), frame.getLong());
          }
          return counts;
        }
        default -> throw new NodeFailure("sent an unknown frame " + frame.kind());
      }
    }
  }
}
