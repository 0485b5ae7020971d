package io.whisper.cli.aot;

import io.whisper.cli.WhisperCli;
import io.whisper.cli.serve.Frames;
import io.whisper.cli.serve.ServeCommand;
import io.whisper.core.Point;
import io.whisper.core.Retention;
import io.whisper.core.Whisper;
import io.whisper.core.WhisperFile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;

/**
 * One training run for an AOT cache ({@code -XX:AOTCacheOutput}, started by {@link AotCaches}
 * at build time): runs the commands of one {@link Group} on small sample files, so the classes
 * they load and the code they run are loaded, linked and profiled before the first real call.
 *
 * <p>A cache per group of commands, because a JVM loads every class of its cache at start
 * (about 9 us a class): {@code whisper info} should not pay for the classes of fsck, fill or
 * the FFM linker. The launcher picks the cache by the command's name, with the same groups.
 *
 * <p>Each command is trained on the path it takes in production: a lambda or an indy call
 * site that only a real run links (the wall clock rather than a test's fixed {@code --now}) is
 * otherwise generated at run time, milliseconds each. A command that fails here fails the
 * build: the cache would hold an error's path. Output goes nowhere.
 */
public final class AotTraining {
  /** The groups of commands that share a cache, and what the launcher maps to each. */
  public enum Group {
    INFO("info"),
    READ("fetch", "dump", "diff"),
    WRITE("update", "create", "merge", "resize", "set-aggregation-method", "set-xfilesfactor"),
    MOVE("move"),
    FILL("fill"),
    FSCK("fsck"),
    /** What ssh runs on a storage node for every cluster verb. */
    SERVE("serve"),
    /** Every other call (help, version), trained on every command. */
    ALL();

    /** The commands whose calls the launcher starts with this group's cache. */
    public final List<String> commands;

    Group(String... commands) {
      this.commands = List.of(commands);
    }

    /** The name on the command line and in the cache's file name. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private AotTraining() {}

  /**
   * {@code AotTraining GROUP SAMPLES NOW}: runs GROUP's commands on the sample files that
   * {@link #makeSamples} left in SAMPLES at the epoch second NOW, or on copies of them in
   * SAMPLES/GROUP for the commands that change files.
   */
  public static void main(String... args) throws IOException {
    Group group = Group.valueOf(args[0].toUpperCase(Locale.ROOT));
    Path samples = Path.of(args[1]);
    long now = Long.parseLong(args[2]);
    List<String[]> commands = switch (group) {
      case INFO -> readOnly(samples, now).infoCommands();
      case READ -> readOnly(samples, now).readCommands();
      case WRITE -> scratch(samples, group, now).writeCommands();
      case MOVE -> scratch(samples, group, now).moveCommands();
      case FILL -> scratch(samples, group, now).fillCommands();
      case FSCK -> scratch(samples, group, now).fsckCommands();
      case ALL -> scratch(samples, group, now).allCommands();
      case SERVE -> {
        serve(scratch(samples, group, now).work());
        yield List.of();
      }
    };
    PrintWriter nowhere = new PrintWriter(OutputStream.nullOutputStream());
    // The ring commands stream System.in to System.out.
    System.setIn(new ByteArrayInputStream(
        "sys.web01.cpu.user\nservers.db07.load 1 1700000000\na/b/c.wsp\n"
            .getBytes(StandardCharsets.UTF_8)));
    System.setOut(new PrintStream(OutputStream.nullOutputStream()));
    for (String[] command : commands) {
      int status = WhisperCli.commandLine(command).setOut(nowhere).setErr(nowhere).execute(command);
      if (status != 0) {
        throw new IllegalStateException(
            "exit status " + status + ": whisper " + String.join(" ", command));
      }
    }
  }

  // One session of what a cluster verb asks a node: every walk (names, stats and newest
  // points, counts), a file read, the space, a trash and a purge.
  private static void serve(Path work) throws IOException {
    String root = work.toString();
    ByteArrayOutputStream requests = new ByteArrayOutputStream();
    for (int flags : new int[] {0, Frames.WANT_STAT | Frames.WANT_NEWEST, Frames.COUNT_ONLY}) {
      new Frames.Builder().start(Frames.WALK).putText(root).putInt(flags).putInt(1)
          .putText("*").writeTo(requests);
    }
    new Frames.Builder().start(Frames.READ).putText(root)
        .putBytes("a.wsp".getBytes(StandardCharsets.UTF_8)).writeTo(requests);
    new Frames.Builder().start(Frames.SPACE).putText(root).writeTo(requests);
    new Frames.Builder().start(Frames.TRASH).putText(root)
        .putBytes("20000101T000000Z-0".getBytes(StandardCharsets.UTF_8)).putInt(1)
        .putBytes("b.wsp".getBytes(StandardCharsets.UTF_8)).writeTo(requests);
    new Frames.Builder().start(Frames.PURGE).putText(root).putLong(0).writeTo(requests);
    ServeCommand serve = new ServeCommand(new ByteArrayInputStream(requests.toByteArray()),
        OutputStream.nullOutputStream());
    int status = new CommandLine(serve.spec()).execute("--root", root);
    if (status != 0) {
      throw new IllegalStateException("exit status " + status + ": whisper serve --root " + root);
    }
  }

  /**
   * Makes the two sample files in {@code samples}: 1m:1d and 5m:30d with the hour before
   * {@code now} written. Run once, before the trainings, by a JVM that makes no cache: writing
   * them would put classes the read-only commands never load into their caches.
   */
  static void makeSamples(Path samples, long now) throws IOException {
    Files.createDirectories(samples);
    for (String name : List.of("a.wsp", "b.wsp")) {
      Path path = samples.resolve(name);
      Files.deleteIfExists(path); // from an earlier build
      Whisper.create(path, List.of(Retention.parse("1m:1d"), Retention.parse("5m:30d")));
      List<Point> points = new ArrayList<>();
      for (long t = now - 3600; t < now; t += 60) {
        points.add(new Point(t, t % 7));
      }
      try (WhisperFile file = WhisperFile.openForUpdate(path)) {
        file.updateMany(points, now);
      }
    }
  }

  private static Workspace readOnly(Path samples, long now) {
    return new Workspace(samples, samples.resolve("a.wsp"), samples.resolve("b.wsp"), now);
  }

  // Copies of the samples in a folder of the group's own, made anew: these commands change,
  // move and create files.
  private static Workspace scratch(Path samples, Group group, long now) throws IOException {
    Path work = Files.createDirectories(samples.resolve(group.label()));
    return new Workspace(work,
        Files.copy(samples.resolve("a.wsp"), work.resolve("a.wsp")),
        Files.copy(samples.resolve("b.wsp"), work.resolve("b.wsp")), now);
  }

  /** The sample files a group's commands run on, in the folder {@code work}, at {@code now}. */
  private record Workspace(Path work, Path a, Path b, long now) {
    private List<String[]> infoCommands() {
      return List.of(
          new String[] {"info", a.toString()},
          new String[] {"info", "--json", a.toString()},
          new String[] {"info", a.toString(), "xFilesFactor"});
    }

    private List<String[]> readCommands() {
      return List.of(
          new String[] {"fetch", "--from=" + (now - 600), "--until=" + now, a.toString()},
          new String[] {"fetch", "--json", "--from=" + (now - 600), "--until=" + now, a.toString()},
          new String[] {"dump", a.toString()},
          new String[] {"diff", "--until=" + now, a.toString(), b.toString()});
    }

    // The drop-ins that change one file, which loops over a tree call once per file.
    private List<String[]> writeCommands() {
      String created = work.resolve("created.wsp").toString();
      return List.of(
          new String[] {"create", created, "60:1440", "300:8640"},
          new String[] {"update", b.toString(), "N:1", (now - 60) + ":2"},
          new String[] {"set-xfilesfactor", created, "0.3"},
          new String[] {"set-aggregation-method", created, "max"},
          new String[] {"merge", a.toString(), created},
          new String[] {"resize", "--nobackup", created, "60:2880", "300:8640"});
    }

    // A rebalance script calls move once per metric: a rename, then a merge into it.
    private List<String[]> moveCommands() {
      String moved = work.resolve("moved/a.wsp").toString();
      return List.of(
          new String[] {"move", a.toString(), moved},
          new String[] {"move", "--json", b.toString(), moved});
    }

    // fill over two small replica trees with gaps (tree mode is how operators run it), a dry run
    // with JSON, and a pair, with a fixed clock (points to fill) and with the wall clock.
    private List<String[]> fillCommands() throws IOException {
      Path src = work.resolve("fill-src");
      Path dst = work.resolve("fill-dst");
      for (int i = 0; i < 64; i++) {
        String name = "g" + (i % 4) + "/m" + i + ".wsp";
        Files.createDirectories(src.resolve(name).getParent());
        Files.createDirectories(dst.resolve(name).getParent());
        Files.copy(a, src.resolve(name));
        Files.copy(a, dst.resolve(name));
        try (WhisperFile file = WhisperFile.openForUpdate(dst.resolve(name))) {
          for (long t = now - 3000 + 60L * (i % 7); t < now - 2000; t += 240) {
            file.writeSlot(0, t - t % 60 - 86_400, 0); // stale: a gap
          }
        }
      }
      String fixedNow = "--now=" + now;
      String srcPair = src.resolve("g0/m0.wsp").toString();
      String dstPair = dst.resolve("g0/m0.wsp").toString();
      return List.of(
          new String[] {"fill", fixedNow, "-n", "--json", src.toString(), dst.toString()},
          new String[] {"fill", fixedNow, src.toString(), dst.toString()},
          new String[] {"fill", fixedNow, srcPair, dstPair},
          new String[] {"fill", srcPair, dstPair},
          new String[] {"fill", src.toString(), dst.toString()});
    }

    // fsck runs once over a tree, but its start-up is still a share of a nightly cron run.
    private List<String[]> fsckCommands() {
      return List.of(
          new String[] {"fsck", work.toString()},
          new String[] {"fsck", "-j", "1", work.toString()},
          new String[] {"fsck", "--deep", "--json", "-j", "1", work.toString()});
    }

    // The ring commands over a small relay configuration and a carbon.conf; sieve reads the
    // names that main puts on System.in.
    private List<String[]> ringCommands() throws IOException {
      Path relay = Files.writeString(work.resolve("relay.conf"), """
          cluster main
              fnv1a_ch replication 2
                  10.0.0.1:2003 10.0.0.2:2003=b 10.0.0.3:2004
              ;
          match * send to main stop;
          """);
      Path carbon = Files.writeString(work.resolve("carbon.conf"), """
          [relay]
          RELAY_METHOD = consistent-hashing
          REPLICATION_FACTOR = 2
          DESTINATIONS = 10.0.0.1:2004:a, 10.0.0.2:2004:b, 10.0.0.3:2004:c
          """);
      return List.of(
          new String[] {"locate", "-r", relay.toString(), "sys.web01.cpu.user", "a/b/c.wsp"},
          new String[] {"locate", "--json", "-r", carbon.toString(), "sys.web01.cpu.user"},
          new String[] {"list", work.toString()},
          new String[] {"sieve", "-r", relay.toString(), "--node", "10.0.0.1:2003"});
    }

    private List<String[]> allCommands() throws IOException {
      List<String[]> commands = new ArrayList<>();
      commands.add(new String[] {"--version"});
      commands.add(new String[] {"--help"});
      commands.addAll(infoCommands());
      commands.addAll(readCommands());
      commands.addAll(writeCommands());
      commands.addAll(fillCommands()); // before move takes a and b away
      commands.addAll(moveCommands());
      commands.addAll(fsckCommands());
      commands.addAll(ringCommands());
      return commands;
    }
  }
}
