package io.whisper.cli.serve;

import io.whisper.core.HeaderCodec;
import io.whisper.core.os.FileReads;
import io.whisper.core.os.HeldFolder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One session of {@code whisper serve}: the hello, then each request in turn until the
 * controller closes standard input. A request that fails is answered with {@link Frames#FAIL}
 * and the session goes on; a frame that is not the protocol ends it.
 */
final class Server {
  private static final int READ_CHUNK = 1 << 20;
  private static final int ENTRIES_BATCH = 60_000; // bytes of entries per frame

  private final List<Root> roots;
  private final String toolVersion;
  private final Frames.Reader in;
  private final OutputStream out;
  private final Frames.Builder frame = new Frames.Builder();

  /** A root this node serves, by the name the controller uses, and its trash folder. */
  record Root(String name, Path path, Path trash) {}

  Server(List<Root> roots, String toolVersion, InputStream in, OutputStream out) {
    this.roots = roots;
    this.toolVersion = toolVersion;
    this.in = new Frames.Reader(in);
    this.out = out;
  }

  /** Serves until the end of the input. */
  void run() throws IOException {
    frame.start(Frames.HELLO).putText(Frames.MAGIC).putInt(Frames.VERSION).putText(toolVersion)
        .putInt(roots.size());
    for (Root root : roots) {
      frame.putText(root.name());
    }
    send();
    out.flush();
    Frames.Frame request;
    while ((request = in.next()) != null) {
      try {
        Root root = root(request.getText());
        switch (request.kind()) {
          case Frames.WALK -> walk(root, request);
          case Frames.READ -> read(root, request.getBytes());
          case Frames.TRASH -> Trash.move(root, request, this);
          case Frames.PURGE -> Trash.purge(root, request.getLong(), this);
          case Frames.SPACE -> space(root);
          case Frames.PUT -> Receive.put(root, request, in, this);
          case Frames.RETIRE -> Trash.retire(root, request, this);
          default -> throw new IOException("unknown request " + request.kind());
        }
      } catch (IOException | RuntimeException e) {
        frame.start(Frames.FAIL).putText(String.valueOf(e.getMessage()));
        send();
      }
      out.flush();
    }
  }

  private Root root(String name) throws IOException {
    Path wanted = Path.of(name).toAbsolutePath().normalize();
    for (Root root : roots) {
      if (root.path().equals(wanted)) {
        return root;
      }
    }
    List<String> names = new ArrayList<>();
    for (Root root : roots) {
      names.add(root.name());
    }
    throw new IOException(name + " is not served here (roots: " + String.join(", ", names) + ")");
  }

  private void walk(Root root, Frames.Frame request) throws IOException {
    int flags = request.getInt();
    int count = request.getInt();
    List<MetricGlob> patterns = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      patterns.add(MetricGlob.compile(request.getBytes()));
    }
    boolean names = (flags & Frames.COUNT_ONLY) == 0;
    boolean stat = (flags & Frames.WANT_STAT) != 0 || !names;
    boolean newest = (flags & Frames.WANT_NEWEST) != 0;
    long[] totals = new long[4]; // files, bytes, allocated, problems
    Frames.Builder batch = new Frames.Builder();
    int[] inBatch = {0};
    batch.start(Frames.ENTRIES);
    boolean ordered = (flags & Frames.ANY_ORDER) == 0;
    TreeWalk.walk(root.path(), patterns, ordered, new TreeWalk.Visitor() {
      @Override
      public void file(HeldFolder folder, byte[] name, byte[] path) throws IOException {
        HeldFolder.Status status = null;
        long newestPoint = 0;
        try {
          if (newest) {
            try (HeldFolder.OpenFile file = folder.openFile(name)) {
              status = file.status();
              newestPoint = NewestPoint.of(file, path);
            }
          } else if (stat) {
            status = folder.status(name);
          }
        } catch (IOException e) {
          problem(RelativeName.show(path) + ": " + e.getMessage());
          return;
        }
        totals[0]++;
        if (status != null) {
          totals[1] += status.size();
          totals[2] += status.allocated();
        }
        if (!names) {
          return;
        }
        batch.putBytes(path);
        if (stat) {
          batch.putLong(status.size()).putLong(status.allocated()).putLong(status.mtime());
        }
        if (newest) {
          batch.putLong(newestPoint);
        }
        inBatch[0]++;
        if (batch.size() >= ENTRIES_BATCH) {
          flushBatch(batch, inBatch);
        }
      }

      @Override
      public void problem(String message) throws IOException {
        totals[3]++;
        frame.start(Frames.WARN).putText(message);
        send();
      }
    });
    if (inBatch[0] > 0) {
      flushBatch(batch, inBatch);
    }
    done("files", totals[0], "bytes", totals[1], "allocated", totals[2], "problems", totals[3]);
  }

  // An ENTRIES frame holds entries to its end: no count to patch in.
  private void flushBatch(Frames.Builder batch, int[] inBatch) throws IOException {
    batch.writeTo(out);
    batch.start(Frames.ENTRIES);
    inBatch[0] = 0;
  }

  private void read(Root root, byte[] path) throws IOException {
    RelativeName name = RelativeName.parse(path);
    try (HeldFolder parent = name.openParent(root.path());
        HeldFolder.OpenFile file = parent.openFile(name.last())) {
      file.lockShared();
      FileChannel channel = file.channel();
      long size = channel.size();
      frame.start(Frames.FILE).putLong(size).putLong(file.status().mtime());
      send();
      ByteBuffer buffer = ByteBuffer.allocate(READ_CHUNK);
      long data = 0;
      for (long offset = 0; offset < size; offset += READ_CHUNK) {
        buffer.clear();
        buffer.limit((int) Math.min(READ_CHUNK, size - offset));
        int length = FileReads.readFully(channel, offset, buffer).limit();
        if (length < buffer.capacity() && offset + length < size) {
          throw new IOException(file + ": shrank while read under its lock");
        }
        data += sendRuns(buffer.array(), length, offset);
      }
      done("size", size, "data", data);
    }
  }

  // Sends the blocks that are not all zeros, runs of them in one frame each.
  private long sendRuns(byte[] bytes, int length, long offset) throws IOException {
    return DataRuns.each(bytes, length, READ_CHUNK, (from, to) -> {
      frame.start(Frames.DATA).putLong(offset + from).putRaw(bytes, from, to - from);
      send();
    });
  }

  private void space(Root root) throws IOException {
    FileStore store = Files.getFileStore(root.path());
    done("free", store.getUsableSpace(), "total", store.getTotalSpace());
  }

  /** Sends {@link Frames#RESULT}: the outcome for one name of a request. */
  void result(byte[] path, String error) throws IOException {
    frame.start(Frames.RESULT).putBytes(path).putText(error);
    send();
  }

  /** Sends {@link Frames#WARN}. */
  void warn(String message) throws IOException {
    frame.start(Frames.WARN).putText(message);
    send();
  }

  /** Ends a request: {@link Frames#DONE} with name, value pairs. */
  void done(Object... pairs) throws IOException {
    frame.start(Frames.DONE).putInt(pairs.length / 2);
    for (int i = 0; i < pairs.length; i += 2) {
      frame.putText((String) pairs[i]).putLong(((Number) pairs[i + 1]).longValue());
    }
    send();
  }

  private void send() throws IOException {
    frame.writeTo(out);
  }
}
