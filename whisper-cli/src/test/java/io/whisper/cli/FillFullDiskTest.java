package io.whisper.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.whisper.core.Allocation;
import io.whisper.core.Retention;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code whisper fill} on a full file system: a small tmpfs, and ext4 on a loop device, that
 * the test mounts (so it runs as root, and is skipped, saying so, where it cannot mount),
 * filled up by a file of its own.
 * Destinations whose gaps are holes (sparse) need blocks the fill cannot get: each such file
 * fails alone, named with "No space left on device", and is left byte for byte as it was; a
 * rerun once there is room fills it exactly. Dense destinations need no block and are filled.
 */
@Tag("slow")
class FillFullDiskTest {
  private static final long NOW = FillTrees.NOW;
  private static final int PAIRS = 24;
  // 1440 + 2016 slots, 41 KiB; the destinations miss their last 12 hours: 8 KiB of holes.
  private static final List<Retention> SCHEMA =
      List.of(Retention.parse("1m:1d"), Retention.parse("5m:7d"));

  @TempDir Path dir;
  private Path mount;

  // Mounts a small file system of `type`: tmpfs (where even reading a hole through a mapping
  // needs a page), or ext4 on a loop device (where only writes need blocks).
  private void mount(String type) throws IOException, InterruptedException {
    assumeTrue(((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0,
        "FillFullDiskTest mounts file systems: it runs as root");
    Path at = Files.createDirectories(dir.resolve("mnt"));
    int status;
    if (type.equals("tmpfs")) {
      status = command("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", at.toString());
    } else {
      Path image = dir.resolve("ext4.img");
      try (FileChannel channel = FileChannel.open(image, StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE)) {
        channel.truncate(0).write(ByteBuffer.allocate(1), 8 * 1024 * 1024 - 1);
      }
      status = command("mkfs.ext4", "-q", "-F", "-O", "^has_journal", "-m", "0", "-b", "4096",
          image.toString());
      if (status == 0) {
        status = command("mount", "-o", "loop", image.toString(), at.toString());
      }
    }
    assumeTrue(status == 0, "FillFullDiskTest: cannot mount " + type + " here");
    mount = at;
  }

  /** A source tree on the ordinary file system, its destination on the small one. */
  private record Trees(Path src, Path dst, List<Path> names) {}

  // Mounts `type` and writes `pairs` pairs there, the first half of the destinations allocated
  // as `first`, the rest as `second`.
  private Trees trees(String type, int pairs, long seed, Allocation first, Allocation second)
      throws IOException, InterruptedException {
    mount(type);
    Random random = new Random(seed);
    Trees trees = new Trees(dir.resolve("src"), mount.resolve("dst"), FillTrees.names(pairs));
    for (int i = 0; i < pairs; i++) {
      Path name = trees.names().get(i);
      FillTrees.create(trees.src().resolve(name), SCHEMA, Allocation.SPARSE, random, 1, -1);
      FillTrees.create(trees.dst().resolve(name), SCHEMA, i < pairs / 2 ? first : second,
          random, 1, 12 * 3600);
    }
    return trees;
  }

  @AfterEach
  void unmount() throws IOException, InterruptedException {
    if (mount != null && command("umount", mount.toString()) != 0) {
      command("umount", "-l", mount.toString());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"tmpfs", "ext4"})
  void sparseDestinationsFailWholeWithTheirNameAndARerunFillsThemExactly(String type) throws Exception {
    Trees trees = trees(type, PAIRS, 42, Allocation.SPARSE, Allocation.SPARSE);
    Path src = trees.src();
    Path dst = trees.dst();
    List<Path> names = trees.names();
    Map<Path, byte[]> before = FillTrees.read(dst, names);
    Map<Path, byte[]> expected = expectedFill(src, before);

    Path filler = fillUp(mount, 64 * 1024); // room for a few files' holes, not for all
    CliRun run = CliRun.of("fill", "--now=" + NOW, "-j", "2", src.toString(), dst.toString());
    assertEquals(1, run.status(), run.err());
    List<String> lines = errorLines(run);
    int failed = 0;
    for (Path name : names) {
      byte[] now = Files.readAllBytes(dst.resolve(name));
      String line = "whisper fill: " + dst.resolve(name) + ": No space left on device";
      if (lines.contains(line)) {
        failed++;
        assertArrayEquals(before.get(name), now, name + " failed but was changed");
      } else {
        assertArrayEquals(expected.get(name), now, name + " was not filled exactly");
      }
    }
    assertEquals(failed, lines.size(), "one line per failed file, no other: " + run.err());
    assertTrue(failed > 0 && failed < PAIRS, failed + " of " + PAIRS + " failed");
    assertFalse(run.err().contains("truncated") || run.err().contains("/proc/self/fd"));

    Files.delete(filler);
    CliRun rerun = CliRun.of("fill", "--now=" + NOW, src.toString(), dst.toString());
    assertEquals(0, rerun.status(), rerun.err());
    FillTrees.assertSameTree(expected, dst, "rerun with room");
  }

  @ParameterizedTest
  @ValueSource(strings = {"tmpfs", "ext4"})
  void denseDestinationsNeedNoBlockAndAreFilledOnAFullDisk(String type) throws Exception {
    Trees trees = trees(type, PAIRS, 43, Allocation.ZERO_FILL, Allocation.ZERO_FILL);
    Map<Path, byte[]> expected =
        expectedFill(trees.src(), FillTrees.read(trees.dst(), trees.names()));

    fillUp(mount, 0);
    CliRun run = CliRun.of("fill", "--now=" + NOW, trees.src().toString(),
        trees.dst().toString());
    assertEquals(0, run.status(), run.err());
    FillTrees.assertSameTree(expected, trees.dst(), "full disk, dense destinations");
  }

  @ParameterizedTest
  @ValueSource(strings = {"tmpfs", "ext4"})
  void killedOnAFullDiskThenRerunWithRoomGivesTheUninterruptedBytes(String type) throws Exception {
    Trees trees = trees(type, PAIRS, 44, Allocation.SPARSE, Allocation.ZERO_FILL);
    Path src = trees.src();
    Path dst = trees.dst();
    List<Path> names = trees.names();
    Random random = new Random(44);
    Map<Path, byte[]> before = FillTrees.read(dst, names);
    Map<Path, byte[]> expected = expectedFill(src, before);
    for (int run = 0; run < 6; run++) {
      FillTrees.write(dst, before);
      Path filler = fillUp(mount, 48 * 1024);
      Process child = new ProcessBuilder(ChildJvm.whisper(
          "fill", "--now=" + NOW, "-j", "2", src.toString(), dst.toString()))
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      Thread.sleep(300 + random.nextInt(400));
      child.destroyForcibly();
      assertTrue(child.waitFor(60, TimeUnit.SECONDS));
      Files.delete(filler);
      CliRun rerun = CliRun.of("fill", "--now=" + NOW, src.toString(), dst.toString());
      assertEquals(0, rerun.status(), rerun.err());
      FillTrees.assertSameTree(expected, dst, "run " + run + " (status " + child.exitValue()
          + ")");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"tmpfs", "ext4"})
  void copyMissingOnAFullDiskNamesEachFileOnceAndLeavesNoTemporaryFile(String type) throws Exception {
    Trees trees = trees(type, PAIRS, 45, Allocation.ZERO_FILL, Allocation.ZERO_FILL);
    Path src = trees.src();
    Path dst = trees.dst();
    List<Path> names = trees.names();
    List<Path> missing = new ArrayList<>();
    for (int i = 0; i < PAIRS; i += 3) {
      Files.delete(dst.resolve(names.get(i)));
      missing.add(names.get(i));
    }

    Path filler = fillUp(mount, 0);
    CliRun run = CliRun.of("fill", "--copy-missing", "--now=" + NOW, src.toString(),
        dst.toString());
    assertEquals(1, run.status(), run.err());
    List<String> expectedLines = new ArrayList<>();
    for (Path name : missing) {
      expectedLines.add("whisper fill: " + dst.resolve(name) + ": No space left on device");
    }
    assertEquals(expectedLines.stream().sorted().toList(),
        errorLines(run).stream().sorted().toList());
    assertEquals(List.of(), FillTrees.others(dst));

    Files.delete(filler);
    CliRun rerun = CliRun.of("fill", "--copy-missing", "--now=" + NOW, src.toString(),
        dst.toString());
    assertEquals(0, rerun.status(), rerun.err());
    for (Path name : missing) {
      assertArrayEquals(Files.readAllBytes(src.resolve(name)),
          Files.readAllBytes(dst.resolve(name)), name.toString());
    }
  }

  @Test
  void aReadOnlyDestinationIsNamedNotItsDescriptor() throws Exception {
    Trees trees = trees("tmpfs", 2, 46, Allocation.ZERO_FILL, Allocation.ZERO_FILL);
    Path src = trees.src();
    Path dst = trees.dst();
    List<Path> names = trees.names();
    byte[] before = Files.readAllBytes(dst.resolve(names.get(0)));
    assertEquals(0, command("mount", "-o", "remount,ro", mount.toString()));
    CliRun run = CliRun.of("fill", "--now=" + NOW, src.resolve(names.get(0)).toString(),
        dst.resolve(names.get(0)).toString());
    assertEquals(1, run.status(), run.err());
    assertEquals(List.of("whisper fill: " + dst.resolve(names.get(0)) + ": Read-only file system"),
        errorLines(run));
    assertArrayEquals(before, Files.readAllBytes(dst.resolve(names.get(0))));
  }

  // What filling `before` gives, computed on the ordinary file system.
  private Map<Path, byte[]> expectedFill(Path src, Map<Path, byte[]> before) throws IOException {
    Path work = dir.resolve("expected");
    FillTrees.write(work, before);
    CliRun run = CliRun.of("fill", "--now=" + NOW, src.toString(), work.toString());
    assertEquals(0, run.status(), run.err());
    return FillTrees.read(work, List.copyOf(before.keySet()));
  }

  // Writes a file of zeros until the file system is full, then gives `room` bytes back.
  private static Path fillUp(Path mount, long room) throws IOException {
    Path filler = mount.resolve("filler");
    long size = 0;
    try (FileChannel channel = FileChannel.open(filler, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE)) {
      ByteBuffer block = ByteBuffer.allocate(4096);
      while (true) {
        block.clear();
        Arrays.fill(block.array(), (byte) 1);
        channel.write(block, size);
        size += 4096;
      }
    } catch (IOException full) {
      // the file system is full
    }
    if (room > 0) {
      try (FileChannel channel = FileChannel.open(filler, StandardOpenOption.WRITE)) {
        channel.truncate(Math.max(0, size - room));
      }
    }
    return filler;
  }

  private static int command(String... args) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(args).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    return process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1;
  }

  // The lines on stderr before the summary, which must be the last one.
  private static List<String> errorLines(CliRun run) {
    List<String> lines = run.err().lines().toList();
    assertTrue(!lines.isEmpty()
        && lines.getLast().matches("whisper fill: \\d+ files?: .* failed in .* s"),
        "the summary ends stderr: " + run.err());
    return lines.subList(0, lines.size() - 1);
  }
}
