package io.whisper.cli.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WspTreeTest {
  @TempDir Path dir;

  @Test
  void walk_sortedDepthFirst_onlyWspFiles_symlinkedFoldersNotFollowed() throws IOException {
    Path b = Files.createDirectories(dir.resolve("b"));
    Path a = Files.createDirectories(dir.resolve("a/deep"));
    Files.write(b.resolve("y.wsp"), new byte[1]);
    Files.write(b.resolve("x.wsp"), new byte[1]);
    Files.write(b.resolve("notes.txt"), new byte[1]);
    Files.write(a.resolve("z.wsp"), new byte[1]);
    Files.write(dir.resolve("top.wsp"), new byte[1]);
    Files.createSymbolicLink(dir.resolve("c-link"), b);               // a folder: not followed
    Files.createSymbolicLink(dir.resolve("linked.wsp"), b.resolve("x.wsp")); // a file: listed

    List<IOException> errors = new ArrayList<>();
    List<Path> walked = WspTree.walk(dir, errors::add).toList();

    assertEquals(List.of(a.resolve("z.wsp"), b.resolve("x.wsp"), b.resolve("y.wsp"),
        dir.resolve("linked.wsp"), dir.resolve("top.wsp")), walked);
    assertEquals(List.of(), errors);
  }

  @Test
  void walkFiles_giveEachFileItsFolderAndName_inWalkOrder() throws IOException {
    Path a = Files.createDirectories(dir.resolve("a"));
    Files.write(a.resolve("x.wsp"), new byte[1]);
    Files.write(a.resolve("y.wsp"), new byte[1]);
    Files.write(dir.resolve("top.wsp"), new byte[1]);

    List<WspTree.File> files = WspTree.walkFiles(dir, e -> { }).toList();

    assertEquals(WspTree.walk(dir, e -> { }).toList(),
        files.stream().map(WspTree.File::path).toList());
    assertEquals(List.of(a, a, dir), files.stream().map(WspTree.File::folder).toList());
    assertEquals(List.of("x.wsp", "y.wsp", "top.wsp"),
        files.stream().map(WspTree.File::name).toList());
  }

  @Test
  void walk_missingRoot_reportsAndYieldsNothing() {
    List<IOException> errors = new ArrayList<>();

    assertEquals(List.of(), WspTree.walk(dir.resolve("none"), errors::add).toList());
    assertEquals(1, errors.size());
  }
}
