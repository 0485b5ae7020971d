package io.whisper.cli.dropin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.whisper.cli.CliRun;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher run through a link named whisper-TOOL runs {@code whisper TOOL}, so replacing a
 * script is one {@code ln -s}. The real ./whisper script runs from a copy of the project layout
 * whose jar is a stand-in that prints the arguments it got (the test phase runs before the real
 * jar is packaged).
 */
class LauncherSymlinkTest {
  private static final String ECHO = EchoMain.class.getName();

  @TempDir Path root;

  @BeforeEach
  void layout() throws IOException {
    Path project = Path.of(System.getProperty("whisper.testdata")).getParent();
    assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "bash is not installed");
    Files.copy(project.resolve("whisper"), root.resolve("whisper"), StandardCopyOption.COPY_ATTRIBUTES);
    Files.createDirectories(root.resolve("scripts"));
    Files.copy(project.resolve("scripts/find-java.sh"), root.resolve("scripts/find-java.sh"));
    Files.copy(project.resolve("scripts/launch-flags.sh"), root.resolve("scripts/launch-flags.sh"));
    Path target = Files.createDirectories(root.resolve("whisper-cli/target"));
    writeEchoJar(target.resolve("whisper.jar"));
  }

  @Test
  void linkNamedWhisperToolRunsTheTool() throws IOException {
    Path bin = Files.createDirectories(root.resolve("bin"));
    Path link = Files.createSymbolicLink(bin.resolve("whisper-info"), root.resolve("whisper"));
    assertEquals(new CliRun(0, "info\n--json\na b.wsp\n", ""), launch(link, "--json", "a b.wsp"));
  }

  @Test
  void chainOfRelativeLinksIsFollowed() throws IOException {
    Path bin = Files.createDirectories(root.resolve("usr/local/bin"));
    Path whisper = Files.createSymbolicLink(bin.resolve("whisper"), Path.of("../../../whisper"));
    Path link = Files.createSymbolicLink(bin.resolve("whisper-set-xfilesfactor"), Path.of("whisper"));
    assertEquals(new CliRun(0, "set-xfilesfactor\nx.wsp\n0.3\n", ""), launch(link, "x.wsp", "0.3"));
    assertEquals(new CliRun(0, "fetch\n--from=1\n", ""), launch(whisper, "fetch", "--from=1"));
  }

  @Test
  void plainNameRunsTheCommandLineAsGiven() {
    assertEquals(new CliRun(0, "update\na.wsp\nN:1\n", ""),
        launch(root.resolve("whisper"), "update", "a.wsp", "N:1"));
  }

  private static CliRun launch(Path launcher, String... args) {
    List<String> command = new java.util.ArrayList<>(List.of(launcher.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("WHISPER_NO_BUILD", "1");
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().remove("JAVA_OPTS");
    try {
      Process process = builder.start();
      process.getOutputStream().close();
      String out = new String(process.getInputStream().readAllBytes());
      String err = new String(process.getErrorStream().readAllBytes());
      return new CliRun(process.waitFor(), out, err);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void writeEchoJar(Path jar) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, ECHO);
    String entry = ECHO.replace('.', '/') + ".class";
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file, manifest);
        InputStream in = EchoMain.class.getResourceAsStream("/" + entry)) {
      out.putNextEntry(new JarEntry(entry));
      in.transferTo(out);
      out.closeEntry();
    }
  }
}
