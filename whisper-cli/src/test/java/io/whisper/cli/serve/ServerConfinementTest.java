package io.whisper.cli.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.whisper.core.Retention;
import io.whisper.core.Whisper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node side answers only for names below its root: {@code ..}, absolute names, NUL bytes
 * and symbolic links out of the root (to a file or a folder) are refused, whatever the
 * controller sends; names that are not UTF-8 survive the round trip.
 */
class ServerConfinementTest {
  @TempDir
  Path dir;
  Path root;
  Path outside;

  @BeforeEach
  void tree() throws IOException {
    root = Files.createDirectories(dir.resolve("root"));
    outside = Files.createDirectories(dir.resolve("outside"));
    Whisper.create(Files.createDirectories(root.resolve("a")).resolve("b.wsp"),
        List.of(Retention.parse("60:10")));
    Whisper.create(outside.resolve("secret.wsp"), List.of(Retention.parse("60:10")));
    Files.createSymbolicLink(root.resolve("evil.wsp"), outside.resolve("secret.wsp"));
    Files.createSymbolicLink(root.resolve("link"), outside);
  }

  /** Runs one session with {@code requests} and returns the frames answered. */
  List<Frames.Frame> session(Frames.Builder... requests) throws IOException {
    return ServerSession.run(dir, root, List.of(requests));
  }

  Frames.Builder read(byte[] path) {
    return new Frames.Builder().start(Frames.READ).putText(root.toString()).putBytes(path);
  }

  Frames.Builder read(String path) {
    return read(path.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void helloFirst() throws IOException {
    Frames.Frame hello = session().getFirst();
    assertEquals(Frames.HELLO, hello.kind());
    assertEquals(Frames.MAGIC, hello.getText());
    assertEquals(Frames.VERSION, hello.getInt());
  }

  @Test
  void refusesEverythingOutsideTheRoot() throws IOException {
    List<Frames.Frame> frames = session(read("../outside/secret.wsp"), read("/etc/passwd"),
        read("a/../../outside/secret.wsp"), read("evil.wsp"), read("link/secret.wsp"),
        read("a//b.wsp"), read(new byte[] {'a', 0, 'b'}), read("a/b.wsp"));
    List<Byte> kinds = new ArrayList<>();
    for (Frames.Frame frame : frames) {
      kinds.add(frame.kind());
    }
    assertEquals(List.of(Frames.HELLO, Frames.FAIL, Frames.FAIL, Frames.FAIL, Frames.FAIL,
        Frames.FAIL, Frames.FAIL, Frames.FAIL, Frames.FILE, Frames.DATA, Frames.DONE), kinds,
        "a hello, 7 refusals, then the file below the root");
    List<String> reasons = new ArrayList<>();
    for (Frames.Frame frame : frames.subList(1, 8)) {
      assertEquals(Frames.FAIL, frame.kind());
      reasons.add(frame.getText());
    }
    assertTrue(reasons.get(0).contains("refused name"), reasons.get(0));
    assertTrue(reasons.get(1).contains("refused name"), reasons.get(1));
    assertTrue(reasons.get(2).contains("refused name"), reasons.get(2));
    assertTrue(reasons.get(3).contains("symbolic link"), reasons.get(3));
    assertTrue(reasons.get(4).contains("symbolic link"), reasons.get(4));
    assertTrue(reasons.get(5).contains("refused name"), reasons.get(5));
    assertTrue(reasons.get(6).contains("NUL"), reasons.get(6));
    assertEquals(Frames.FILE, frames.get(8).kind(), "the file below the root is sent");
  }

  @Test
  void anotherRootIsNotServed() throws IOException {
    List<Frames.Frame> frames = session(new Frames.Builder().start(Frames.READ)
        .putText(outside.toString()).putBytes("secret.wsp".getBytes(StandardCharsets.UTF_8)));
    assertEquals(Frames.FAIL, frames.get(1).kind());
    assertTrue(frames.get(1).getText().contains("is not served here"));
  }

  @Test
  void walkListsNamesAsBytesAndFollowsNoLink() throws IOException, InterruptedException {
    // a name that is not UTF-8, made through the folder held open (Java paths are text)
    byte[] odd = {'x', (byte) 0xff, (byte) 0xfe, '.', 'w', 's', 'p'};
    try (var held = io.whisper.core.os.HeldFolder.open(root)) {
      assertTrue(held.list().size() >= 3);
    }
    Path python = Path.of("/usr/bin/python3");
    if (Files.isExecutable(python)) {
      Process p = new ProcessBuilder(python.toString(), "-c",
          "import os,sys; open(os.path.join(sys.argv[1].encode(), b'x\\xff\\xfe.wsp'),'wb')"
              + ".write(b'\\0'*4096)", root.toString()).start();
      assertEquals(0, p.waitFor());
    }
    List<Frames.Frame> frames = session(new Frames.Builder().start(Frames.WALK)
        .putText(root.toString()).putInt(0).putInt(0));
    List<byte[]> names = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (Frames.Frame frame : frames.subList(1, frames.size())) {
      if (frame.kind() == Frames.ENTRIES) {
        while (!frame.atEnd()) {
          names.add(frame.getBytes());
        }
      } else if (frame.kind() == Frames.WARN) {
        warnings.add(frame.getText());
      }
    }
    assertArrayEquals("a/b.wsp".getBytes(StandardCharsets.UTF_8), names.getFirst());
    if (Files.isExecutable(python)) {
      assertEquals(2, names.size());
      assertArrayEquals(odd, names.get(1));
      List<Frames.Frame> read = session(read(odd));
      assertEquals(Frames.FILE, read.get(1).kind());
      assertEquals(4096, read.get(1).getLong());
    }
    assertEquals(List.of("evil.wsp: symbolic link, not followed",
        "link: symbolic link, not followed"), warnings);
  }
}
