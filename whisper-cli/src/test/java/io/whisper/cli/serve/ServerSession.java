package io.whisper.cli.serve;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One node session run in this JVM: the requests in, every frame the server answered out. */
final class ServerSession {
  private ServerSession() {}

  /** Serves {@code root} (trash beside it, in {@code dir}) for {@code requests}. */
  static List<Frames.Frame> run(Path dir, Path root, List<Frames.Builder> requests)
      throws IOException {
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    for (Frames.Builder request : requests) {
      request.writeTo(in);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Server.Root served = new Server.Root(root.toString(), root, dir.resolve("root.trash"));
    new Server(List.of(served), "test", new ByteArrayInputStream(in.toByteArray()), out).run();
    Frames.Reader reader = new Frames.Reader(new ByteArrayInputStream(out.toByteArray()));
    List<Frames.Frame> frames = new ArrayList<>();
    for (Frames.Frame frame = reader.next(); frame != null; frame = reader.next()) {
      frames.add(frame);
    }
    return frames;
  }
}
