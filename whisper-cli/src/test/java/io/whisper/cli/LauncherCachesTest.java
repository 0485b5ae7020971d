package io.whisper.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.whisper.cli.aot.AotTraining;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher starts each command with the AOT cache its group was trained for, and with the
 * flags the caches were made with. The real ./whisper runs from a copy of the project layout
 * whose java is a script that prints the arguments it was given.
 */
class LauncherCachesTest {
  @TempDir Path root;
  private Path target;

  @BeforeEach
  void layout() throws IOException {
    assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "bash is not installed");
    Path project = Path.of(System.getProperty("whisper.testdata")).getParent();
    Files.copy(project.resolve("whisper"), root.resolve("whisper"),
        StandardCopyOption.COPY_ATTRIBUTES);
    Files.createDirectories(root.resolve("scripts"));
    Files.copy(project.resolve("scripts/launch-flags.sh"), root.resolve("scripts/launch-flags.sh"));
    target = Files.createDirectories(root.resolve("whisper-cli/target"));
    Path jar = Files.writeString(target.resolve("whisper.jar"), "not run");
    Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(3600)));
    for (AotTraining.Group group : AotTraining.Group.values()) {
      Files.writeString(target.resolve("whisper-" + group.label() + ".aot"), "");
    }
    Path java = root.resolve("java");
    Files.writeString(java, "#!/bin/bash\nprintf '%s\\n' \"$@\"\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(target.resolve("launcher-java"), java + "\n"); // the java found last time
  }

  @Test
  void everyCommandGetsItsGroupsCache() throws IOException, InterruptedException {
    LauncherChecks.everyCommandGetsItsGroupsCache(this::launch,
        group -> target.resolve("whisper-" + group.label() + ".aot"));
  }

  @Test
  void theCachesAreMadeWithTheLaunchersFlags() throws IOException, InterruptedException {
    LauncherChecks.theCachesAreMadeWithTheLaunchersFlags(launch("info", "x.wsp"));
  }

  @Test
  void theCommandsThatMoveDataGetC2() throws IOException, InterruptedException {
    LauncherChecks.theCommandsThatMoveDataGetC2(this::launch);
  }

  @Test
  void aCacheOlderThanTheJarIsNotUsed() throws IOException, InterruptedException {
    Files.setLastModifiedTime(target.resolve("whisper-info.aot"),
        FileTime.from(Instant.now().minusSeconds(7200)));
    List<String> jvm = launch("info", "x.wsp");
    assertTrue(jvm.stream().noneMatch(arg -> arg.startsWith("-XX:AOTCache")), jvm.toString());
  }

  // Returns the arguments the launcher passed to java, one per element.
  private List<String> launch(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(root.resolve("whisper").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("WHISPER_NO_BUILD", "1");
    builder.environment().remove("JAVA_HOME");
    builder.environment().remove("JAVA_OPTS");
    Process process = builder.start();
    process.getOutputStream().close();
    String out = new String(process.getInputStream().readAllBytes());
    assertEquals(0, process.waitFor(), out);
    return out.lines().toList();
  }
}
