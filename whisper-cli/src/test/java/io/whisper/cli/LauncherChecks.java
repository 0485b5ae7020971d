package io.whisper.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.whisper.cli.aot.AotCaches;
import io.whisper.cli.aot.AotTraining;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * What both launchers (./whisper and the installed one) guarantee, checked on the arguments
 * they pass to java: each command starts with its group's AOT cache, with the flags the caches
 * were made with.
 */
final class LauncherChecks {
  /** Runs the launcher with these arguments; returns what it passed to java, one per element. */
  @FunctionalInterface
  interface Launch {
    List<String> run(String... args) throws IOException, InterruptedException;
  }

  private LauncherChecks() {}

  /** Every command of every group, and help and version for ALL, gets its group's cache. */
  static void everyCommandGetsItsGroupsCache(Launch launch, Function<AotTraining.Group, Path> cache)
      throws IOException, InterruptedException {
    for (AotTraining.Group group : AotTraining.Group.values()) {
      List<String> commands = group == AotTraining.Group.ALL
          ? List.of("--version", "--help", "help")
          : group.commands;
      for (String command : commands) {
        List<String> jvm = launch.run(command, "x.wsp");
        assertTrue(jvm.contains("-XX:AOTCache=" + cache.apply(group)),
            command + " should use the " + group.label() + " cache: " + jvm);
      }
    }
  }

  /**
   * The JIT each kind of command gets: C1 alone for what start-up dominates, C2 (the last
   * TieredStopAtLevel wins) for the commands that hash and compress gigabytes.
   */
  static void theCommandsThatMoveDataGetC2(Launch launch)
      throws IOException, InterruptedException {
    for (String[] args : List.of(new String[] {"backup", "-r", "repo", "tree"},
        new String[] {"cluster", "-c", "c.conf", "rebalance", "-n"},
        new String[] {"cluster", "-c", "c.conf", "restore", "a.tar"})) {
      assertEquals("-XX:TieredStopAtLevel=4", lastTieredStop(launch.run(args)),
          String.join(" ", args));
    }
    for (String[] args : List.of(new String[] {"info", "x.wsp"},
        new String[] {"cluster", "-c", "c.conf", "list"}, new String[] {"serve", "--root", "r"})) {
      assertEquals("-XX:TieredStopAtLevel=1", lastTieredStop(launch.run(args)),
          String.join(" ", args));
    }
  }

  private static String lastTieredStop(List<String> jvm) {
    return jvm.stream().filter(arg -> arg.startsWith("-XX:TieredStopAtLevel=")).reduce(
        (first, second) -> second).orElse("none");
  }

  /** The launcher passed the flags the caches are made with, in one run. */
  static void theCachesAreMadeWithTheLaunchersFlags(List<String> jvm) {
    int first = jvm.indexOf(AotCaches.LAUNCHER_FLAGS.getFirst());
    assertEquals(AotCaches.LAUNCHER_FLAGS,
        jvm.subList(first, first + AotCaches.LAUNCHER_FLAGS.size()), "in " + jvm);
  }
}
