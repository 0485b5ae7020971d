package io.whisper.cli.cluster;

import io.whisper.cli.serve.MetricGlob;
import io.whisper.cli.support.ExitCodes;
import io.whisper.cli.support.Specs;
import io.whisper.cli.support.StandardOut;
import io.whisper.cli.support.Subcommand;
import io.whisper.cli.support.TimeArgument;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Model.CommandSpec;

/** A verb of {@code whisper cluster}: loads the cluster, runs, and maps failures to a status. */
abstract class Verb implements Callable<Integer>, Subcommand {
  final ClusterContext context;
  final CommandSpec spec;

  Verb(ClusterContext context, String name) {
    this.context = context;
    this.spec = Specs.command(name, this);
  }

  /** Finishes the model: help, exit codes; call at the end of the subclass's declarations. */
  final CommandSpec finish(String... examples) {
    spec.usageMessage()
        .exitCodeListHeading("%nExit status:%n")
        .exitCodeList(Specs.exitCodeList(exitCodes()))
        .footerHeading("%nExamples:%n")
        .footer(examples);
    Specs.withStandardHelp(spec);
    return spec;
  }

  String[] exitCodes() {
    return new String[] {
        ExitCodes.OK + ":every node answered",
        ExitCodes.NODE_FAILED
            + ":errors: a node failed (named on stderr; the answer is partial), or bad usage"};
  }

  @Override
  public CommandSpec spec() {
    return spec;
  }

  @Override
  public final Integer call() {
    try {
      return run(context.load());
    } catch (IOException e) {
      err().println("whisper cluster " + spec.name() + ": " + e.getMessage());
      return ExitCodes.NODE_FAILED;
    }
  }

  abstract int run(ClusterContext.Loaded cluster) throws IOException;

  /** Checks graphite patterns here, so a typo is one usage error rather than one per node. */
  static void checkPatterns(List<String> patterns) throws IOException {
    for (String pattern : patterns) {
      try {
        MetricGlob.compile(pattern);
      } catch (IllegalArgumentException e) {
        throw new IOException(e.getMessage(), e);
      }
    }
  }

  /** Parses an age ({@code 30d}, {@code 12h}, {@code 90m}, {@code 45s}, {@code 2w}) in seconds. */
  static long ageSeconds(String age) throws IOException {
    try {
      return -TimeArgument.parse("-" + age, 0);
    } catch (IllegalArgumentException e) {
      throw new IOException("invalid age '" + age + "': expected a number and a unit, like 30d,"
          + " 12h, 90m, 45s, 2w", e);
    }
  }

  /** Appends an entry's line of output to {@code lines}, or nothing to leave it out. */
  interface LineOf {
    void line(Entry entry, Node node, TextLines lines);
  }

  /**
   * Walks every node with {@code flags} and {@code patterns}, printing each entry's line as
   * the batches arrive (a batch's lines in one write, as bytes), and returns the exit status:
   * ExitCodes.NODE_FAILED if a node failed or reported a problem.
   */
  final int streamLines(ClusterContext.Loaded cluster, int flags, List<String> patterns,
      LineOf lineOf) {
    OutputStream out = StandardOut.bytes(out());
    AtomicLong problems = new AtomicLong();
    List<NodeOutcome> outcomes = Fanout.run(cluster.nodes(), cluster.transport(), err(),
        session -> {
          TextLines lines = new TextLines();
          Requests.walk(session, flags, patterns, new Requests.Answers() {
            @Override
            public void entries(List<Entry> batch) {
              for (Entry entry : batch) {
                lineOf.line(entry, session.node(), lines);
              }
              synchronized (out) {
                lines.writeTo(out);
              }
            }

            @Override
            public void warning(String message) {
              problems.incrementAndGet();
              warn(session.node(), message);
            }
          });
        });
    out().flush();
    return Fanout.anyFailed(outcomes) || problems.get() > 0 ? ExitCodes.NODE_FAILED : ExitCodes.OK;
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /** Prints a problem a node reported about one name (the request went on). */
  void warn(Node node, String message) {
    PrintWriter err = err();
    synchronized (err) {
      err.println("whisper cluster: " + node.label() + ": " + message);
      err.flush();
    }
  }
}
