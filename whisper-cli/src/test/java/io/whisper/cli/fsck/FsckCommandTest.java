package io.whisper.cli.fsck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.whisper.cli.CliRun;
import io.whisper.cli.support.ExitCodes;
import io.whisper.core.FileLock;
import io.whisper.core.TestFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code whisper fsck} over a tree of every corruption kind beside healthy files of every shape. */
class FsckCommandTest {
  private static final String NOW = Long.toString(SpecimenTree.NOW);

  @TempDir Path temp;
  private SpecimenTree tree;

  record Run(int exit, String out, String err) {
    List<String> lines() {
      return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    }

    /** Returns the file names reported, with the rest of each line. */
    Map<String, String> reported() {
      Map<String, String> byName = new TreeMap<>();
      for (String line : lines()) {
        int colon = line.indexOf(".wsp: ");
        String path = line.substring(0, colon + 4);
        byName.put(Path.of(path).getFileName().toString(), line.substring(colon + 6));
      }
      return byName;
    }

    /** Returns the names reported corrupt: not warnings, not compressed files. */
    List<String> corrupt() {
      return reported().entrySet().stream()
          .filter(e -> !e.getValue().startsWith("warning: ") && !e.getValue().startsWith("go-whisper"))
          .map(Map.Entry::getKey).toList();
    }

    /** Returns the names reported with warnings only. */
    List<String> warned() {
      return reported().entrySet().stream().filter(e -> e.getValue().startsWith("warning: "))
          .map(Map.Entry::getKey).toList();
    }
  }

  static Run fsck(String... args) {
    String[] all = Stream.concat(Stream.of("fsck", "-j", "3"), Stream.of(args))
        .toArray(String[]::new);
    CliRun run = CliRun.of(all);
    return new Run(run.status(), run.out(), run.err());
  }

  @BeforeEach
  void buildTree() throws IOException {
    tree = new SpecimenTree(temp.resolve("tree"));
  }

  private String root() {
    return tree.root.toString();
  }

  @Test
  void theHeaderCheckReportsEveryHeaderCorruptionAndNoHealthyFile() {
    Run run = fsck(root());
    Map<String, String> reported = run.reported();
    assertEquals(tree.headerCorrupt(), run.corrupt(), run.out());
    // Warnings: the header ones of warn/, and the overflow specimen's extra bytes.
    assertEquals(List.of("lower-archive-unaligned.wsp", "trailing-bytes.wsp", "xff-negative-zero.wsp"),
        run.warned());
    assertEquals("go-whisper compressed file (cwhisper, version 1), not checked",
        reported.get("cwhisper.wsp"));
    assertEquals("file has 107 bytes but its archives need 304", reported.get("truncated-archive.wsp"));
    assertFalse(run.out().contains("link-to-corrupt"), "followed a symbolic link to a folder");
    assertEquals(ExitCodes.Fsck.UNCORRECTED, run.exit(), run.err());
    assertTrue(run.err().matches("(?s)whisper fsck: 60 files \\(.*\\) checked in .* s: "
        + tree.headerCorrupt().size() + " corrupt, 3 with warnings, 1 compressed\\n"), run.err());
  }

  @Test
  void deepReportsEveryCorruptionKindAndNoHealthyFile() {
    Run run = fsck("--deep", "--now", NOW, root());
    assertEquals(tree.allCorrupt(), run.corrupt(), run.out());
    assertEquals(List.of("future-points.wsp", "trailing-bytes.wsp", "xff-negative-zero.wsp"),
        run.warned());
    assertEquals(ExitCodes.Fsck.UNCORRECTED, run.exit());
  }

  @Test
  void verboseAlsoListsHealthyFiles() {
    Run run = fsck("-v", tree.root.resolve("good").toString());
    assertEquals(23, run.lines().size());
    assertTrue(run.lines().stream().allMatch(l -> l.endsWith(".wsp: ok")), run.out());
    assertEquals(0, run.exit());
  }

  @Test
  void fixRenamesExactlyTheCorruptFilesKeepingTheirBytesAndASecondRunIsClean() throws IOException {
    Run run = fsck("-f", "--deep", "--now", NOW, root());
    assertEquals(ExitCodes.Fsck.CORRECTED, run.exit(), run.out() + run.err());
    for (String name : tree.allCorrupt()) {
      assertFalse(Files.exists(tree.corrupt(name)), name);
      List<Path> renamed = siblingsStartingWith(tree.corrupt(name), name + ".corrupt.");
      assertEquals(1, renamed.size(), name);
      assertTrue(renamed.getFirst().getFileName().toString()
          .matches(".*\\.wsp\\.corrupt\\.\\d{8}-\\d{6}"), renamed.toString());
      assertArrayEquals(tree.original(name),
          Files.readAllBytes(renamed.getFirst()), name);
      assertTrue(run.reported().get(name).contains("; moved to " + renamed.getFirst()), name);
    }
    try (Stream<Path> all = Files.walk(tree.root)) {
      assertEquals(tree.allCorrupt().size(),
          all.filter(p -> p.toString().contains(".corrupt.")).count(), "moved something else");
    }
    Run again = fsck("-f", "--deep", "--now", NOW, root());
    assertEquals(0, again.exit(), again.out());
  }

  @Test
  void quarantineMirrorsTheTreeAndNeverOverwrites() throws IOException {
    Path quarantine = temp.resolve("quarantine");
    Path taken = Files.createDirectories(quarantine.resolve("corrupt")).resolve("empty.wsp");
    Files.writeString(taken, "an earlier quarantined file");
    Run run = fsck("-f", "--quarantine", quarantine.toString(), root());
    assertEquals(ExitCodes.Fsck.CORRECTED | ExitCodes.Fsck.UNCORRECTED, run.exit(), run.out());
    assertEquals("an earlier quarantined file", Files.readString(taken));
    assertTrue(Files.exists(tree.corrupt("empty.wsp")));
    assertTrue(run.reported().get("empty.wsp").endsWith("left alone: " + taken + " already exists"));
    for (String name : tree.headerCorrupt()) {
      if (!name.equals("empty.wsp")) {
        assertFalse(Files.exists(tree.corrupt(name)), name);
        assertArrayEquals(tree.original(name),
            Files.readAllBytes(quarantine.resolve("corrupt").resolve(name)), name);
      }
    }
  }

  @Test
  void aQuarantineInsideTheScannedTreeIsNotScanned() throws IOException {
    Path quarantine = tree.root.resolve("zz-quarantine");
    Run run = fsck("-f", "--quarantine", quarantine.toString(), root());
    assertEquals(ExitCodes.Fsck.CORRECTED, run.exit(), run.out());
    assertEquals(tree.headerCorrupt(), run.corrupt());
    try (Stream<Path> moved = Files.walk(quarantine)) {
      assertEquals(tree.headerCorrupt().size(), moved.filter(Files::isRegularFile).count());
    }
    assertEquals(0, fsck("-n", "--quarantine", quarantine.toString(), root()).exit(),
        "the quarantined files were checked again");
    assertEquals(ExitCodes.Fsck.UNCORRECTED, fsck(root()).exit(), "without --quarantine they are");
  }

  @Test
  void quarantineOnAnotherFileSystemCopiesForcesAndRemoves() throws IOException {
    Path shm = Path.of("/dev/shm");
    assumeTrue(Files.isDirectory(shm) && Files.isWritable(shm)
        && !Files.getFileStore(shm).equals(Files.getFileStore(temp)),
        "needs /dev/shm on a file system other than the temp folder's");
    Path quarantine = Files.createTempDirectory(shm, "fsck-quarantine");
    try {
      Run run = fsck("-f", "--quarantine", quarantine.toString(),
          tree.corrupt("truncated-archive.wsp").toString());
      assertEquals(ExitCodes.Fsck.CORRECTED, run.exit(), run.out());
      assertTrue(run.out().contains("on another file system"), run.out());
      assertFalse(Files.exists(tree.corrupt("truncated-archive.wsp")));
      assertArrayEquals(tree.original("truncated-archive.wsp"),
          Files.readAllBytes(quarantine.resolve("truncated-archive.wsp")));
      try (Stream<Path> left = Files.list(quarantine)) {
        assertEquals(1, left.count(), "a temporary copy was left behind");
      }
    } finally {
      TestFiles.deleteTree(quarantine);
    }
  }

  @Test
  void aYoungOrLockedCorruptFileIsReportedButLeftAlone() throws IOException {
    Path young = tree.corrupt("empty.wsp");
    Files.setLastModifiedTime(young, FileTime.from(Instant.now().minusSeconds(5)));
    Path locked = tree.corrupt("all-zero.wsp");
    Run run;
    try (FileLock lock = FileLock.exclusive(locked)) {
      run = fsck("-f", tree.root.resolve("corrupt").toString());
      assertEquals(locked, lock.path());
    }
    assertTrue(Files.exists(young));
    assertTrue(Files.exists(locked));
    assertTrue(run.reported().get("empty.wsp").matches(
        "file is empty; left alone: modified \\d s ago, less than --min-age 60 s .*"), run.out());
    assertTrue(run.reported().get("all-zero.wsp").endsWith("left alone: another process holds its lock"));
    assertEquals(ExitCodes.Fsck.CORRECTED | ExitCodes.Fsck.UNCORRECTED, run.exit());
    // A shorter --min-age lets it go.
    Run later = fsck("-f", "--min-age", "0", young.toString());
    assertEquals(ExitCodes.Fsck.CORRECTED, later.exit(), later.out());
    assertFalse(Files.exists(young));
  }

  @Test
  void dryRunShowsWhatFixWouldDoAndChangesNothing() throws IOException {
    Run run = fsck("-n", tree.root.resolve("corrupt").toString());
    assertEquals(ExitCodes.Fsck.UNCORRECTED, run.exit());
    for (String name : tree.headerCorrupt()) {
      assertTrue(Files.exists(tree.corrupt(name)), name);
      assertTrue(run.reported().get(name).contains("; would move to " + tree.corrupt(name)
          + ".corrupt."), run.reported().get(name));
    }
    try (Stream<Path> all = Files.walk(tree.root)) {
      assertEquals(0, all.filter(p -> p.toString().contains(".corrupt.")).count());
    }
  }

  @Test
  void exitStatusBits() {
    String good = tree.root.resolve("good").toString();
    String missing = temp.resolve("missing").toString();
    assertEquals(0, fsck(good).exit());
    assertEquals(0, fsck(tree.root.resolve("warn").toString()).exit(), "warnings alone exit 0");
    Run missingRun = fsck(missing, good);
    assertEquals(ExitCodes.Fsck.OPERATIONAL_ERROR, missingRun.exit());
    assertTrue(missingRun.err().startsWith("whisper fsck: " + missing + ": no such file or directory\n"),
        missingRun.err());
    assertTrue(missingRun.err().contains(" 23 files "), "the scan went on: " + missingRun.err());
    assertEquals(ExitCodes.Fsck.OPERATIONAL_ERROR | ExitCodes.Fsck.UNCORRECTED,
        fsck(missing, tree.corrupt("empty.wsp").toString()).exit());
    assertEquals(ExitCodes.Fsck.USAGE, fsck("--jobs", "0", good).exit());
    assertEquals(ExitCodes.Fsck.USAGE, fsck("--no-such-option", good).exit());
    assertEquals(ExitCodes.Fsck.USAGE, fsck("--quarantine", good, good).exit());
    assertEquals(ExitCodes.Fsck.USAGE, fsck().exit());
  }

  @Test
  void anUnreadableFileIsAnOperationalError() throws IOException {
    Path file = tree.root.resolve("good/spec-5.1.wsp");
    assumeTrue(file.toFile().setReadable(false) && !Files.isReadable(file),
        "cannot make a file unreadable (running as root?)");
    Run run = fsck(file.toString());
    assertEquals(ExitCodes.Fsck.OPERATIONAL_ERROR, run.exit());
    assertEquals(file + ": cannot read: permission denied\n", run.out());
  }

  @Test
  void jsonPrintsOneObjectPerProblemFileAndASummary() throws IOException, InterruptedException {
    Run run = fsck("--json", "--deep", "--now", NOW, tree.root.resolve("corrupt").toString(),
        tree.root.resolve("warn").toString());
    assertEquals(ExitCodes.Fsck.UNCORRECTED, run.exit());
    assertEquals("", run.err());
    // Parsed back by Python's json module, which rejects anything that is not JSON.
    String script = """
        import json, sys
        for line in sys.stdin:
            o = json.loads(line)
            if o.get("summary"):
                print("summary", o["files"], o["corrupt"], o["warnings"], o["exit"])
            else:
                print(o["path"].rsplit("/", 1)[1], o["status"], o["problem"],
                      o["findings"][0]["row"], o["findings"][0]["severity"],
                      o["message"] == o["findings"][0]["message"])
        """;
    List<String> parsed = python(script, run.out());
    int corrupt = tree.allCorrupt().size();
    assertEquals(corrupt + 3 + 1, parsed.size(), run.out());
    assertEquals("summary " + (corrupt + 4) + " " + corrupt + " 3 4", parsed.getLast());
    assertTrue(parsed.contains("truncated-archive.wsp corrupt file-truncated 9 corrupt True"), parsed.toString());
    assertTrue(parsed.contains("slot-wrong-position.wsp corrupt misplaced-slot 22 corrupt True"));
    assertTrue(parsed.contains("future-points.wsp warning future-points 25 warning True"));
    for (String name : tree.allCorrupt()) {
      String line = parsed.stream().filter(l -> l.startsWith(name + " ")).findFirst().orElseThrow();
      int row = Integer.parseInt(line.split(" ")[3]);
      assertTrue(line.startsWith(name + " corrupt "), line);
      assertTrue(row >= 1 && row <= 30, line);
    }
  }

  /**
   * The reference, find-corrupt-whisper-files, over the same corrupt specimens: which kinds each
   * tool catches. The reference only asks whisper.py's info(), so it catches exactly the kinds
   * info() refuses, and exits 0 regardless.
   */
  @Test
  void kindsCaughtByUsAndByTheReference() throws IOException, InterruptedException {
    Path reference = Path.of("/usr/bin/find-corrupt-whisper-files");
    assumeTrue(Files.isExecutable(reference) && pythonHasWhisper(),
        "the reference needs /usr/bin/find-corrupt-whisper-files and python3-whisper");
    Path corruptDir = tree.root.resolve("corrupt");
    Process p = new ProcessBuilder(reference.toString(), corruptDir.toString())
        .redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), "the reference always exits 0");
    List<String> byReference = new ArrayList<>();
    for (String line : output.split("\n")) {
      if (line.startsWith("Corrupt Whisper file: ")) {
        byReference.add(Path.of(line.substring(22)).getFileName().toString());
      }
    }
    byReference.sort(null);
    List<String> refused = tree.referenceAccepts.entrySet().stream()
        .filter(e -> !e.getValue()).map(Map.Entry::getKey).toList();
    assertEquals(refused, byReference, output);
    List<String> byHeader = fsck(corruptDir.toString()).corrupt();
    List<String> byDeep = List.copyOf(fsck("--deep", "--now", NOW, corruptDir.toString()).reported().keySet());
    assertEquals(tree.allCorrupt(), byDeep);
    assertEquals(tree.headerCorrupt(), byHeader);
    assertTrue(byHeader.containsAll(byReference));
    System.out.printf("fsck kinds caught, of %d corrupt specimens: find-corrupt-whisper-files %d,"
            + " whisper fsck %d, whisper fsck --deep %d%n", tree.allCorrupt().size(),
        byReference.size(), byHeader.size(), byDeep.size());
  }

  private static boolean pythonHasWhisper() throws IOException, InterruptedException {
    Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import whisper")
        .redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
  }

  private static List<String> python(String script, String input)
      throws IOException, InterruptedException {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "needs /usr/bin/python3");
    Process p = new ProcessBuilder("/usr/bin/python3", "-c", script)
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try (var in = p.getOutputStream()) {
      in.write(input.getBytes(StandardCharsets.UTF_8));
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), "python could not parse: " + input);
    return List.of(out.split("\n"));
  }

  private static List<Path> siblingsStartingWith(Path file, String prefix) throws IOException {
    try (Stream<Path> siblings = Files.list(file.getParent())) {
      return siblings.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
    }
  }
}
