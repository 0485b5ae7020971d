package io.whisper.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The walk's order: WalkOrder by default (merged listings), the folders' own with ANY_ORDER. */
class ServerWalkTest {
  @TempDir
  Path dir;

  @Test
  void anyOrderListsTheSameNamesAsTheOrderedWalk() throws IOException {
    Path root = Files.createDirectories(dir.resolve("root"));
    Random random = new Random(16);
    for (int i = 0; i < 300; i++) {
      Path folder = Files.createDirectories(root.resolve("f" + random.nextInt(4))
          .resolve("g" + random.nextInt(3)));
      Files.createFile(folder.resolve("m" + random.nextInt(1_000_000) + "_" + i + ".wsp"));
    }
    Files.createFile(root.resolve("f1.wsp")); // after the folder f1/ in walk order
    List<String> ordered = walk(root, 0);
    List<String> any = walk(root, Frames.ANY_ORDER);
    assertEquals(301, ordered.size());
    for (int i = 1; i < ordered.size(); i++) {
      assertTrue(WalkOrder.compare(bytes(ordered.get(i - 1)), bytes(ordered.get(i))) < 0,
          ordered.get(i - 1) + " before " + ordered.get(i));
    }
    assertEquals(ordered.size(), any.size(), "no name twice");
    assertEquals(new TreeSet<>(ordered), new TreeSet<>(any));
  }

  private List<String> walk(Path root, int flags) throws IOException {
    List<Frames.Frame> frames = ServerSession.run(dir, root, List.of(new Frames.Builder()
        .start(Frames.WALK).putText(root.toString()).putInt(flags).putInt(0)));
    List<String> names = new ArrayList<>();
    for (Frames.Frame frame : frames.subList(1, frames.size())) {
      if (frame.kind() == Frames.ENTRIES) {
        while (!frame.atEnd()) {
          names.add(new String(frame.getBytes(), StandardCharsets.UTF_8));
        }
      }
    }
    assertEquals(Frames.DONE, frames.getLast().kind());
    return names;
  }

  private static byte[] bytes(String name) {
    return name.getBytes(StandardCharsets.UTF_8);
  }
}
