package io.whisper.cli.names;

import io.whisper.cli.CliRun;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Runs {@code whisper} in processes of its own, as cron or another user would: through the
 * real {@code ./whisper} launcher with an empty environment ({@code env -i}), or as an
 * unprivileged user. The code is this build's main classes, copied under the test's folder
 * (where another user can read them) and named by a jar's {@code Class-Path}, since the test
 * phase runs before the real jar is packaged.
 */
final class Processes {
  /** The user the permission tests run as when they run as root (root ignores permissions). */
  static final String USER = "whisper-names-test";

  private final Path home;
  private final String classpath;

  private Processes(Path home, String classpath) {
    this.home = home;
    this.classpath = classpath;
  }

  /** Lays out a launcher and this build's classes under {@code home}, readable by all. */
  static Processes in(Path home) throws IOException {
    Path project = Path.of(System.getProperty("whisper.testdata")).getParent();
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path classes = Files.createDirectories(home.resolve("classes"));
    List<String> entries = new ArrayList<>();
    int n = 0;
    for (String entry : System.getProperty("java.class.path").split(":")) {
      Path path = Path.of(entry);
      // this project's main code only: not the tests, not the test libraries
      if (!path.startsWith(project) || path.toString().contains("test-classes")) {
        continue;
      }
      Path copy = classes.resolve(Integer.toString(n++));
      copyTree(path, copy);
      entries.add(copy.toUri().toString());
    }
    Path launcher = home.resolve("whisper");
    Files.copy(project.resolve("whisper"), launcher, StandardCopyOption.COPY_ATTRIBUTES);
    Files.createDirectories(home.resolve("scripts"));
    Files.copy(project.resolve("scripts/find-java.sh"), home.resolve("scripts/find-java.sh"));
    Files.copy(project.resolve("scripts/launch-flags.sh"), home.resolve("scripts/launch-flags.sh"));
    Path target = Files.createDirectories(home.resolve("whisper-cli/target"));
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "io.whisper.cli.WhisperCli");
    manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", entries));
    try (OutputStream file = Files.newOutputStream(target.resolve("whisper.jar"))) {
      new JarOutputStream(file, manifest).finish(); // the manifest is the whole jar
    }
    return new Processes(home, String.join(":", entries.stream()
        .map(uri -> Path.of(java.net.URI.create(uri)).toString()).toList()));
  }

  /** Runs {@code ./whisper args} with no environment but {@code env} (no locale at all). */
  CliRun launcher(Path workingFolder, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(home.resolve("whisper").toString()));
    command.addAll(Arrays.asList(args));
    return withoutLocale(new ProcessBuilder(command), workingFolder, env);
  }

  /**
   * Runs {@code ./whisper} with the arguments of a shell command line, as {@link #launcher}
   * does: for arguments that a Java string cannot hold ({@code "$(printf 'a\377')"}).
   */
  CliRun launcherFromShell(Path workingFolder, String arguments)
      throws IOException, InterruptedException {
    return withoutLocale(new ProcessBuilder("/bin/bash", "-c",
        "exec \"$0\" " + arguments, home.resolve("whisper").toString()), workingFolder, Map.of());
  }

  private CliRun withoutLocale(ProcessBuilder builder, Path workingFolder, Map<String, String> env)
      throws IOException, InterruptedException {
    builder.directory(workingFolder.toFile()).environment().clear();
    builder.environment().putAll(env);
    builder.environment().put("WHISPER_NO_BUILD", "1");
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    return run(builder);
  }

  /** Runs {@code whisper args} as {@link #USER} (or as we are, if that is not root). */
  CliRun unprivileged(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    if (isRoot()) {
      command.addAll(List.of("setpriv", "--reuid=" + id("-u"), "--regid=" + id("-g"),
          "--clear-groups", "--"));
    }
    command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--enable-native-access=ALL-UNNAMED", "-cp", classpath, "io.whisper.cli.WhisperCli"));
    command.addAll(Arrays.asList(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
    builder.environment().put("LC_ALL", "C.UTF-8");
    return run(builder);
  }

  /** Creates {@link #USER} when running as root; an existing one is fine. */
  static void createUser() throws IOException, InterruptedException {
    if (isRoot()) {
      int status = new ProcessBuilder("useradd", "--system", "--no-create-home",
          "--shell", "/usr/sbin/nologin", USER).inheritIO().start().waitFor();
      if (status != 0 && status != 9) { // 9: the user exists
        throw new IOException("useradd " + USER + " failed: exit " + status);
      }
    }
  }

  /** Removes {@link #USER} again. */
  static void removeUser() throws IOException, InterruptedException {
    if (isRoot()) {
      new ProcessBuilder("userdel", USER).inheritIO().start().waitFor();
    }
  }

  static boolean isRoot() throws IOException {
    return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
  }

  private static String id(String which) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("id", which, USER).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
    if (p.waitFor() != 0) {
      throw new IOException("no user " + USER);
    }
    return out;
  }

  private CliRun run(ProcessBuilder builder) throws IOException, InterruptedException {
    Path out = Files.createTempFile(home, "out", ".txt");
    Path err = Files.createTempFile(home, "err", ".txt");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("whisper did not finish in 60 s: " + builder.command());
    }
    try {
      return new CliRun(process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.delete(out);
      Files.delete(err);
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    if (Files.isRegularFile(from)) {
      Files.copy(from, to);
      return;
    }
    Files.walkFileTree(from, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
          throws IOException {
        Files.createDirectories(to.resolve(from.relativize(dir).toString()));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.copy(file, to.resolve(from.relativize(file).toString()));
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
