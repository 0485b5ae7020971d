package io.whisper.cli.aot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Makes the AOT caches at build time ({@code AotCaches TARGET JAR}, from the POM): the sample
 * files, then one training JVM per {@link AotTraining.Group} that leaves {@code
 * TARGET/whisper-GROUP.aot}. The launcher uses a cache only when it is newer than the jar.
 */
public final class AotCaches {
  /**
   * The launcher's JVM flags (see ./whisper): a JVM uses a cache only with the flags it was
   * made with (the collector, for one), and trains the code those flags run.
   */
  public static final List<String> LAUNCHER_FLAGS = List.of("--enable-native-access=ALL-UNNAMED",
      "--sun-misc-unsafe-memory-access=allow", "-XX:-UsePerfData", "-XX:TieredStopAtLevel=1",
      "-Xmn16m", "-XX:+UseSerialGC", "-XX:CompileCommand=quiet",
      "-XX:CompileCommand=exclude,jdk.internal.classfile.*::*",
      "-XX:CompileCommand=exclude,jdk.internal.constant.*::*",
      "-XX:CompileCommand=exclude,java.lang.invoke.InvokerBytecodeGenerator::*",
      "-XX:CompileCommand=exclude,java.lang.invoke.MemberName::*");

  /**
   * The training records classes, not method profiles. A profile is for C2, which the
   * launcher's C1-only commands never run; and a cache with profiles replays the training's
   * compilations at start, so each JVM compiled what the training ran rather than what it
   * runs (the installed package without them: a serve walking 100,000 names -7% CPU, {@code
   * info} -9%; docs/startup.md, rule 9).
   */
  static final List<String> TRAINING_FLAGS =
      List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:-AOTRecordTraining");

  private AotCaches() {}

  public static void main(String... args) throws IOException, InterruptedException {
    Path target = Path.of(args[0]);
    Path jar = Path.of(args[1]);
    Path samples = target.resolve("aot-samples");
    deleteTree(samples); // the trainings copy into it and must not find an earlier build's files
    long now = System.currentTimeMillis() / 1000 / 60 * 60;
    AotTraining.makeSamples(samples, now);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    for (AotTraining.Group group : AotTraining.Group.values()) {
      List<String> command = new ArrayList<>(List.of(java));
      command.addAll(LAUNCHER_FLAGS);
      command.addAll(TRAINING_FLAGS);
      command.addAll(List.of(
          "-XX:AOTCacheOutput=" + target.resolve("whisper-" + group.label() + ".aot"),
          "-Xlog:aot=error", "-Xlog:cds=error",
          "-cp", jar.toString(), AotTraining.class.getName(),
          group.label(), samples.toString(), Long.toString(now)));
      ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
      if (group == AotTraining.Group.CLUSTER) { // its "ssh" runs the node's serve here
        builder.environment().put("PATH",
            AotTraining.localSsh(samples) + ":" + System.getenv().getOrDefault("PATH", ""));
      }
      Process training = builder.start();
      if (training.waitFor() != 0) {
        throw new IllegalStateException("the AOT training of " + group.label() + " failed: "
            + String.join(" ", command));
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
