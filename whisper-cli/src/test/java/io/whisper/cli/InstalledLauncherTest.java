package io.whisper.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.whisper.cli.aot.AotTraining;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installed launcher (packaging/whisper, as ./package lays it out) runs its own runtime
 * whatever JAVA_HOME and PATH say, starts each command with its group's AOT cache and the
 * flags the caches were made with (as the development launcher does: LauncherCachesTest), and
 * works through /usr/bin's link, a drop-in link and from an unpacked tarball. The runtime's
 * java is a script that prints the arguments it was given; the JAVA_HOME and PATH ones print
 * WRONG.
 */
class InstalledLauncherTest {
  @TempDir Path root;
  private Path home;

  @BeforeEach
  void layout() throws IOException {
    assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "bash is not installed");
    Path project = Path.of(System.getProperty("whisper.testdata")).getParent();
    home = Files.createDirectories(root.resolve("usr/lib/whisper"));
    Path bin = Files.createDirectories(home.resolve("bin"));
    Files.copy(project.resolve("packaging/whisper"), bin.resolve("whisper"),
        StandardCopyOption.COPY_ATTRIBUTES);
    Path lib = Files.createDirectories(home.resolve("lib"));
    Files.copy(project.resolve("scripts/launch-flags.sh"), lib.resolve("launch-flags.sh"));
    Files.writeString(lib.resolve("whisper.jar"), "not run");
    Path aot = Files.createDirectories(home.resolve("aot"));
    for (AotTraining.Group group : AotTraining.Group.values()) {
      Files.writeString(aot.resolve("whisper-" + group.label() + ".aot"), "");
    }
    script(Files.createDirectories(home.resolve("runtime/bin")).resolve("java"),
        "printf '%s\\n' \"$0\" \"$@\"");
    script(Files.createDirectories(root.resolve("jdk/bin")).resolve("java"), "echo WRONG");
    Files.createDirectories(root.resolve("usr/bin"));
    Files.createSymbolicLink(root.resolve("usr/bin/whisper"), Path.of("../lib/whisper/bin/whisper"));
    Files.createSymbolicLink(bin.resolve("whisper-info"), Path.of("whisper"));
  }

  @Test
  void everyCommandGetsItsGroupsCache() throws IOException, InterruptedException {
    LauncherChecks.everyCommandGetsItsGroupsCache(
        args -> launch(root.resolve("usr/bin/whisper"), args), this::cache);
  }

  @Test
  void theCommandsThatMoveDataGetC2() throws IOException, InterruptedException {
    LauncherChecks.theCommandsThatMoveDataGetC2(
        args -> launch(root.resolve("usr/bin/whisper"), args));
  }

  @Test
  void theCachesAreMadeWithTheLaunchersFlags() throws IOException, InterruptedException {
    LauncherChecks.theCachesAreMadeWithTheLaunchersFlags(
        launch(root.resolve("usr/bin/whisper"), "info", "x.wsp"));
  }

  @Test
  void runsItsOwnRuntimeAndJarWhateverJavaHomeAndPathSay() throws IOException, InterruptedException {
    List<String> jvm = launch(root.resolve("usr/bin/whisper"), "fsck", "/data");
    assertEquals(home.resolve("runtime/bin/java"), Path.of(jvm.getFirst()).normalize(), jvm.toString());
    int jar = jvm.indexOf("-jar");
    assertEquals(home.resolve("lib/whisper.jar"), Path.of(jvm.get(jar + 1)).normalize());
    assertEquals(List.of("fsck", "/data"), jvm.subList(jar + 2, jvm.size()));
  }

  @Test
  void aDropInLinkRunsItsCommand() throws IOException, InterruptedException {
    List<String> jvm = launch(home.resolve("bin/whisper-info"), "--json", "a b.wsp");
    assertTrue(jvm.contains("-XX:AOTCache=" + cache(AotTraining.Group.INFO)), jvm.toString());
    assertEquals(List.of("info", "--json", "a b.wsp"), jvm.subList(jvm.size() - 3, jvm.size()));
  }

  @Test
  void runsFromAnUnpackedTreeByARelativePath() throws IOException, InterruptedException {
    Path unpacked = Files.move(root.resolve("usr"), root.resolve("whisper-0.1.0"));
    home = unpacked.resolve("lib/whisper");
    List<String> jvm = launch(Path.of("whisper-0.1.0/bin/whisper"), "move", "a", "b");
    assertEquals(home.resolve("runtime/bin/java"), Path.of(jvm.getFirst()).normalize(), jvm.toString());
    assertTrue(jvm.contains("-XX:AOTCache=" + cache(AotTraining.Group.MOVE)), jvm.toString());
  }

  @Test
  void withoutItsCacheItStillRuns() throws IOException, InterruptedException {
    Files.delete(cache(AotTraining.Group.INFO));
    List<String> jvm = launch(root.resolve("usr/bin/whisper"), "info", "x.wsp");
    assertTrue(jvm.stream().noneMatch(arg -> arg.startsWith("-XX:AOTCache")), jvm.toString());
    assertEquals(List.of("info", "x.wsp"), jvm.subList(jvm.size() - 2, jvm.size()));
  }

  private Path cache(AotTraining.Group group) {
    return home.resolve("aot/whisper-" + group.label() + ".aot");
  }

  // Returns what the runtime's java was started with: its own path, then each argument. The
  // paths it names are compared normalized (the launcher may pass /usr/bin/../lib/...).
  private List<String> launch(Path launcher, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(launcher.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile())
        .redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.put("JAVA_HOME", root.resolve("jdk").toString());
    env.put("PATH", root.resolve("jdk/bin") + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
    env.remove("JAVA_OPTS");
    Process process = builder.start();
    process.getOutputStream().close();
    String out = new String(process.getInputStream().readAllBytes());
    assertEquals(0, process.waitFor(), out);
    List<String> jvm = new ArrayList<>(out.lines().toList());
    for (int i = 0; i < jvm.size(); i++) {
      String arg = jvm.get(i);
      if (arg.startsWith("-XX:AOTCache=")) {
        jvm.set(i, "-XX:AOTCache=" + Path.of(arg.substring(13)).normalize());
      }
    }
    assertTrue(jvm.stream().noneMatch("WRONG"::equals), out);
    return jvm;
  }

  private static void script(Path path, String body) throws IOException {
    Files.writeString(path, "#!/bin/bash\n" + body + "\n");
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
