package io.whisper.cli.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.whisper.core.Retention;
import io.whisper.core.TestFiles;
import io.whisper.core.Whisper;
import io.whisper.core.WhisperFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node side of rebalance, in process: PUT publishes a new file by link and fills an
 * existing one (the owner's points win, no gap left), refuses names outside the root while
 * staying in step with the controller, and never leaves its temporary file; RETIRE trashes a
 * file only when it is unchanged since it was read.
 */
class ServerWritesTest {
  private static final long NOW = System.currentTimeMillis() / 1000 / 60 * 60;

  @TempDir
  Path dir;
  Path root;
  Path outside;

  @BeforeEach
  void tree() throws IOException {
    root = Files.createDirectories(dir.resolve("root"));
    outside = Files.createDirectories(dir.resolve("outside"));
    Files.createSymbolicLink(root.resolve("link"), outside);
  }

  List<Frames.Frame> session(List<Frames.Builder> requests) throws IOException {
    List<Frames.Frame> frames = ServerSession.run(dir, root, requests);
    return frames.subList(1, frames.size()); // after the hello
  }

  // A PUT as the controller sends it: the request, the file's bytes as one DATA run, DONE.
  List<Frames.Builder> put(String path, byte[] bytes) {
    return List.of(new Frames.Builder().start(Frames.PUT).putText(root.toString())
            .putBytes(path.getBytes(StandardCharsets.UTF_8)).putLong(bytes.length).putLong(NOW),
        new Frames.Builder().start(Frames.DATA).putLong(0).putRaw(bytes, 0, bytes.length),
        new Frames.Builder().start(Frames.DONE));
  }

  static Map<String, Long> counts(Frames.Frame done) throws IOException {
    assertEquals(Frames.DONE, done.kind(), () -> "FAIL: " + text(done));
    Map<String, Long> counts = new LinkedHashMap<>();
    int n = done.getInt();
    for (int i = 0; i < n; i++) {
      counts.put(done.getText(), done.getLong());
    }
    return counts;
  }

  static String text(Frames.Frame frame) {
    try {
      return frame.getText();
    } catch (IOException e) {
      return e.toString();
    }
  }

  // A file of one archive, a minute a point, with a value at each of `minutes` ago.
  Path metric(Path file, double base, int... minutes) throws IOException {
    Files.createDirectories(file.getParent());
    Whisper.create(file, List.of(Retention.parse("60:600")));
    try (WhisperFile whisper = WhisperFile.openForUpdate(file)) {
      for (int minute : minutes) {
        whisper.update(base + minute, NOW - minute * 60L, NOW);
      }
    }
    return file;
  }

  static Double at(Path file, int minute) throws IOException {
    long t = NOW - minute * 60L;
    return TestFiles.fetchArchive(file, 0, t - 60, t).values().getLast();
  }

  @Test
  void createsByLinkThenFillsWithTheOwnersPointsWinning() throws IOException {
    byte[] shipped = Files.readAllBytes(metric(dir.resolve("src.wsp"), 100, 1, 2, 3));
    List<Frames.Builder> requests = new ArrayList<>(put("a/b/c.wsp", shipped));
    List<Frames.Frame> created = session(requests);
    assertEquals(Map.of("created", 1L, "filled", 0L, "left", 0L), counts(created.getFirst()));
    assertArrayEquals(shipped, Files.readAllBytes(root.resolve("a/b/c.wsp")));

    // the owner has its own points at minutes 2 and 5: 2 stays its own, 1 and 3 are filled
    Files.delete(root.resolve("a/b/c.wsp"));
    metric(root.resolve("a/b/c.wsp"), 500, 2, 5);
    Map<String, Long> filled = counts(session(put("a/b/c.wsp", shipped)).getFirst());
    assertEquals(0L, filled.get("created"));
    assertEquals(2L, filled.get("filled"));
    Path owner = root.resolve("a/b/c.wsp");
    assertEquals(101.0, at(owner, 1));
    assertEquals(502.0, at(owner, 2), "the owner's point wins");
    assertEquals(103.0, at(owner, 3));
    assertEquals(505.0, at(owner, 5));
    try (Stream<Path> files = Files.walk(root)) {
      assertFalse(files.anyMatch(p -> p.toString().endsWith(".tmp")), "a temporary file left");
    }
  }

  @Test
  void refusesNamesOutsideTheRootAndStaysInStep() throws IOException {
    byte[] shipped = Files.readAllBytes(metric(dir.resolve("src.wsp"), 100, 1));
    List<Frames.Builder> requests = new ArrayList<>();
    requests.addAll(put("../outside/x.wsp", shipped));
    requests.addAll(put("link/x.wsp", shipped));
    requests.addAll(put("a/not-a-metric.txt", shipped));
    requests.addAll(put("a/ok.wsp", "not whisper".getBytes(StandardCharsets.UTF_8)));
    requests.addAll(put("a/fine.wsp", shipped));
    List<Frames.Frame> answers = session(requests);
    assertEquals(5, answers.size());
    for (Frames.Frame refused : answers.subList(0, 4)) {
      assertEquals(Frames.FAIL, refused.kind());
    }
    assertEquals(1L, counts(answers.get(4)).get("created"), "the session went on in step");
    try (Stream<Path> files = Files.list(outside)) {
      assertEquals(0, files.count(), "nothing written outside the root");
    }
    assertFalse(Files.exists(root.resolve("a/ok.wsp")), "a file that is not whisper is kept out");
    try (Stream<Path> files = Files.walk(root)) {
      assertFalse(files.anyMatch(p -> p.toString().endsWith(".tmp")), "a temporary file left");
    }
  }

  @Test
  void aFullNodeFailsThePutAndLeavesNothingHalfWritten() throws Exception {
    // a 256 KiB tmpfs as the root (root only; skipped elsewhere), unmounted at the end
    Path small = Files.createDirectories(dir.resolve("small"));
    Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs",
        small.toString()).redirectErrorStream(true).start();
    org.junit.jupiter.api.Assumptions.assumeTrue(mount.waitFor() == 0,
        "cannot mount a tmpfs (not root?)");
    try {
      root = Files.createDirectories(small.resolve("root"));
      Path owner = metric(root.resolve("kept.wsp"), 9, 1);
      byte[] before = Files.readAllBytes(owner);
      byte[] big = new byte[512 << 10];
      java.util.Arrays.fill(big, (byte) 1); // no zero block: all of it is sent and written
      byte[] shipped = Files.readAllBytes(metric(dir.resolve("src.wsp"), 100, 1, 2));
      List<Frames.Builder> requests = new ArrayList<>(put("a/big.wsp", big));
      requests.addAll(put("a/small.wsp", shipped));
      List<Frames.Frame> answers = session(requests);
      assertEquals(Frames.FAIL, answers.get(0).kind());
      assertTrue(text(answers.get(0)).contains("space"), text(answers.get(0)));
      assertEquals(1L, counts(answers.get(1)).get("created"), "the next file still fits");
      assertFalse(Files.exists(root.resolve("a/big.wsp")));
      assertArrayEquals(before, Files.readAllBytes(owner), "what the node held is untouched");
      try (Stream<Path> files = Files.walk(root)) {
        assertFalse(files.anyMatch(p -> p.toString().endsWith(".tmp")), "a temporary file left");
      }
    } finally {
      new ProcessBuilder("umount", small.toString()).start().waitFor();
    }
  }

  @Test
  void retiresOnlyWhatIsUnchangedSinceRead() throws IOException {
    Path file = metric(root.resolve("x/y.wsp"), 1, 1);
    byte[] read = Files.readAllBytes(file);
    byte[] digest = Digests.sha256().digest(read);
    try (WhisperFile whisper = WhisperFile.openForUpdate(file)) {
      whisper.update(7, NOW, NOW); // a late write after the read
    }
    byte[] batch = "20261204T203000Z-abcd".getBytes(StandardCharsets.US_ASCII);
    Frames.Builder retire = new Frames.Builder().start(Frames.RETIRE).putText(root.toString())
        .putBytes(batch).putBytes("x/y.wsp".getBytes(StandardCharsets.UTF_8)).putBytes(digest);
    assertEquals(1L, counts(session(List.of(retire)).getFirst()).get("changed"));
    assertTrue(Files.exists(file), "a changed file stays");

    byte[] now = Digests.sha256().digest(Files.readAllBytes(file));
    Frames.Builder again = new Frames.Builder().start(Frames.RETIRE).putText(root.toString())
        .putBytes(batch).putBytes("x/y.wsp".getBytes(StandardCharsets.UTF_8)).putBytes(now);
    List<Frames.Frame> answers = session(List.of(again, again));
    assertEquals(1L, counts(answers.get(0)).get("retired"));
    assertEquals(1L, counts(answers.get(1)).get("gone"), "retired twice is gone, not an error");
    assertFalse(Files.exists(file));
    assertTrue(Files.exists(dir.resolve("root.trash/20261204T203000Z-abcd/x/y.wsp")));
  }
  /**
   * A symbolic link out of the root swapped in for an existing owner file while PUTs fill it is
   * refused, never followed: the file outside is never written. Before HeldFolder.openForWrite,
   * the owner was opened by a path through /proc/self/fd after a type check of the name, and a
   * link swapped in between the two was followed (this test filled the file outside then).
   */
  @Test
  @Tag("slow") // about five seconds: 300 puts against the swapper
  void aSymbolicLinkSwappedInForTheOwnerIsNotFollowed() throws Exception {
    byte[] shipped = Files.readAllBytes(metric(dir.resolve("src.wsp"), 100, 1, 2, 3));
    Path victim = metric(outside.resolve("victim.wsp"), 900);
    byte[] victimBefore = Files.readAllBytes(victim);
    Path folder = Files.createDirectories(root.resolve("a"));
    Path owner = folder.resolve("x.wsp");
    Path kept = metric(folder.resolve(".owner.keep"), 500, 5); // the owner's inode, kept
    // A link to begin with: a rename over a hard link of the same inode would do nothing.
    Files.createSymbolicLink(owner, victim);
    List<Frames.Builder> requests = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      requests.addAll(put("a/x.wsp", shipped));
    }
    AtomicBoolean stop = new AtomicBoolean();
    AtomicReference<IOException> swapFailed = new AtomicReference<>();
    AtomicLong swaps = new AtomicLong();
    Thread swapper = new Thread(() -> {
      Path file = folder.resolve(".swap.file");
      Path link = folder.resolve(".swap.link");
      try {
        while (!stop.get()) {
          Files.createLink(file, kept);
          Files.move(file, owner, StandardCopyOption.ATOMIC_MOVE); // rename(2) over the name
          Files.createSymbolicLink(link, victim);
          Files.move(link, owner, StandardCopyOption.ATOMIC_MOVE);
          swaps.incrementAndGet();
        }
      } catch (IOException e) {
        swapFailed.set(e);
      }
    });
    swapper.start();
    List<Frames.Frame> answers;
    try {
      answers = session(requests);
    } finally {
      stop.set(true);
      swapper.join();
    }
    assertEquals(null, swapFailed.get(), "the swapper failed");
    assertTrue(swaps.get() > 0, "the swapper never ran");
    assertArrayEquals(victimBefore, Files.readAllBytes(victim), "the file outside was written");
    assertEquals(300, answers.size());
    for (Frames.Frame answer : answers) {
      if (answer.kind() == Frames.FAIL) {
        String reason = text(answer);
        assertTrue(reason.contains("symbolic link"), reason);
      } else {
        assertEquals(0L, counts(answer).get("left"));
      }
    }
  }
}
