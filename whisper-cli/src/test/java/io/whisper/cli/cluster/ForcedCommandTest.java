package io.whisper.cli.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.whisper.cli.CliRun;
import io.whisper.cli.serve.Frames;
import io.whisper.core.Retention;
import io.whisper.core.Whisper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A key pinned to {@code whisper serve} in authorized_keys ({@code command="...",restrict}):
 * the cluster still works through it, but it gets no shell, runs no other command, and reads
 * nothing outside its root; and hostile names (spaces, newlines, tabs, backslashes, bytes that
 * are not UTF-8) come through list and tar intact.
 */
@Tag("slow")
class ForcedCommandTest {
  @TempDir
  static Path dir;
  static SshCluster cluster;
  static Path clusterFile;

  @BeforeAll
  static void start() throws Exception {
    cluster = SshCluster.start(dir);
    for (int i = 0; i < 3; i++) {
      String key = Files.readString(dir.resolve("client_key.pub")).strip();
      Files.writeString(cluster.authorizedKeys(i), "command=\"" + cluster.tool + " serve --root "
          + cluster.roots.get(i) + "\",restrict " + key + "\n");
    }
    Whisper.create(Files.createDirectories(cluster.roots.get(1).resolve("secret"))
        .resolve("key.wsp"), List.of(Retention.parse("60:10")));
    clusterFile = cluster.writeClusterFile(1, null);
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void noShellNoOtherCommand() throws Exception {
    SshCluster.Result result = cluster.ssh(0, "id\n".getBytes(StandardCharsets.UTF_8),
        "cat", "/etc/passwd");
    String out = new String(result.out(), StandardCharsets.ISO_8859_1);
    assertFalse(out.contains("root:"), "no other command runs");
    assertFalse(out.contains("uid="), "no shell reads the input");
    Frames.Frame hello = new Frames.Reader(new ByteArrayInputStream(result.out())).next();
    assertEquals(Frames.HELLO, hello.kind(), "the forced command answered instead");
    assertEquals(Frames.MAGIC, hello.getText());
  }

  @Test
  void readsNothingOutsideItsRoot() throws Exception {
    ByteArrayOutputStream requests = new ByteArrayOutputStream();
    String root = cluster.roots.get(0).toString();
    for (String path : List.of("../../node1/whisper/secret/key.wsp",
        cluster.roots.get(1) + "/secret/key.wsp")) {
      new Frames.Builder().start(Frames.READ).putText(root)
          .putBytes(path.getBytes(StandardCharsets.UTF_8)).writeTo(requests);
    }
    new Frames.Builder().start(Frames.READ).putText(cluster.roots.get(1).toString())
        .putBytes("secret/key.wsp".getBytes(StandardCharsets.UTF_8)).writeTo(requests);
    SshCluster.Result result = cluster.ssh(0, requests.toByteArray(), "ignored");
    Frames.Reader reader = new Frames.Reader(new ByteArrayInputStream(result.out()));
    List<Byte> kinds = new ArrayList<>();
    for (Frames.Frame frame = reader.next(); frame != null; frame = reader.next()) {
      kinds.add(frame.kind());
    }
    assertEquals(List.of(Frames.HELLO, Frames.FAIL, Frames.FAIL, Frames.FAIL), kinds);
  }

  @Test
  void theClusterWorksThroughPinnedKeys() {
    CliRun run = CliRun.of("cluster", "-c", clusterFile.toString(), "list");
    assertEquals(0, run.status(), run.err());
    assertEquals("secret.key\t127.0.0.3:2003\n", run.out());
  }

  @Test
  void hostileNamesSurviveListAndTar() throws Exception {
    Path root = cluster.roots.get(2);
    List<String> hex = List.of("7370206163652f7820792e777370", // "sp ace/x y.wsp"
        "6e65770a6c696e652e777370", // "new\nline.wsp"
        "fffe2f62696e2e777370", // "\xff\xfe/bin.wsp"
        "7461620968657265", // "tab\there" (no .wsp: not a metric)
        "6261636b5c736c6173682e777370", // "back\\slash.wsp"
        "612e2e622e777370"); // "a..b.wsp"
    python("import os,sys\nfor h in sys.argv[2:]:\n p=os.path.join(sys.argv[1].encode(),"
        + "bytes.fromhex(h))\n os.makedirs(os.path.dirname(p),exist_ok=True)\n"
        + " open(p,'wb').write(bytes(range(256))*64+b'\\0'*65536+b'end')", root.toString(), hex);
    CliRun list = CliRun.of("cluster", "-c", clusterFile.toString(), "list");
    assertEquals(0, list.status(), list.err());
    for (String line : List.of("sp ace.x y", "new\\nline", "\\xff\\xfe.bin", "back\\\\slash",
        "a..b")) {
      assertTrue(list.out().contains(line + "\t127.0.0.4:2003\n"), line + " in " + list.out());
    }
    assertFalse(list.out().contains("tab"));

    Path tar = dir.resolve("hostile.tar");
    CliRun run = CliRun.of("cluster", "-c", clusterFile.toString(), "tar", "-o", tar.toString());
    assertEquals(0, run.status(), run.err());
    Path out = Files.createDirectories(dir.resolve("out"));
    Process extract = new ProcessBuilder("tar", "-xf", tar.toString(), "-C", out.toString())
        .redirectErrorStream(true).start();
    String said = new String(extract.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, extract.waitFor(), said);
    // every metric byte-identical under the same byte name, compared by Python on bytes
    python("import os,sys\nfor h in sys.argv[3:]:\n n=bytes.fromhex(h)\n if not n.endswith(b'.wsp'):"
        + " continue\n a=open(os.path.join(sys.argv[1].encode(),n),'rb').read()\n"
        + " b=open(os.path.join(sys.argv[2].encode(),n),'rb').read()\n"
        + " assert a==b, n", root + " " + out, hex);
  }

  private static void python(String program, String args, List<String> hex)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("/usr/bin/python3", "-c", program));
    command.addAll(List.of(args.split(" ")));
    command.addAll(hex);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), said);
  }
}
