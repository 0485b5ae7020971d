package io.whisper.cli.ring;

import static io.whisper.cli.support.Specs.flag;
import static io.whisper.cli.support.Specs.option;

import io.whisper.cli.support.ExitCodes;
import io.whisper.cli.support.Specs;
import io.whisper.cli.support.Subcommand;
import io.whisper.ring.Member;
import io.whisper.ring.MetricName;
import io.whisper.ring.Ring;
import io.whisper.ring.RingException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;

/** {@code whisper sieve}: keeps (or drops) the names on standard input that a node owns. */
public final class SieveCommand implements Callable<Integer>, Subcommand {
  private final RingOptions ring = new RingOptions();
  private String node;
  private boolean invert;
  private final CommandSpec spec = declare();

  private CommandSpec declare() {
    CommandSpec spec = ring.addTo(Specs.command("sieve", this)
        .exitCodeOnInvalidInput(ExitCodes.USAGE)
        .exitCodeOnExecutionException(ExitCodes.FAILED))
        .addOption(option(String.class, v -> node = v, "--node").paramLabel("NODE").required(true)
            .description("The node: host:port=instance, host:port, or a host (every member on"
                + " it), as the ring file names it.").build())
        .addOption(flag(v -> invert = v, "-I", "--invert")
            .description("Keep the names NODE does not own instead.").build());
    spec.usageMessage()
        .description(
            "Read names from standard input, one a line (dotted, or paths ending in .wsp), and"
                + " print those that NODE owns as one of their replicas, unchanged: carbonate's"
                + " carbon-sieve, placed exactly as carbon-c-relay (or carbon) places them.")
        .exitCodeListHeading("%nExit status:%n")
        .exitCodeList(Specs.exitCodeList(
            "0:done",
            "1:reading or writing failed",
            "2:bad input: an option, a NODE that is not in the ring, or a ring file that is"
                + " unreadable or wrong"))
        .footer(
            "",
            "Examples:",
            "  whisper list /var/lib/graphite/whisper | whisper sieve -r relay.conf"
                + " --node 10.0.0.3:2003 --invert",
            "  whisper sieve -r /etc/carbon/carbon.conf --node 10.0.0.3 < names.txt");
    return Specs.withStandardHelp(spec);
  }

  @Override
  public CommandSpec spec() {
    return spec;
  }

  @Override
  public Integer call() {
    Ring loaded;
    Set<Member> mine;
    try {
      loaded = ring.load();
      mine = membersNamed(loaded, node);
    } catch (RingException e) {
      spec.commandLine().getErr().println("whisper sieve: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    return Streaming.run("sieve", spec.commandLine().getErr(), out -> {
      LineReader lines = new LineReader(System.in);
      byte[] name = new byte[256];
      while (lines.next()) {
        int length = lines.end() - lines.start();
        if (Lines.blank(lines.buffer(), lines.start(), length)) {
          continue;
        }
        // The name is worked out on a copy: the line goes out as it came.
        if (name.length < length) {
          name = new byte[Math.max(length, name.length * 2)];
        }
        System.arraycopy(lines.buffer(), lines.start(), name, 0, length);
        int n = MetricName.toName(name, 0, length);
        if (owns(mine, loaded.owners(name, 0, n)) != invert) {
          out.write(lines.buffer(), lines.start(), length);
          out.write('\n');
        }
      }
      return ExitCodes.OK;
    });
  }

  private static boolean owns(Set<Member> mine, List<Member> owners) {
    for (Member owner : owners) {
      if (mine.contains(owner)) {
        return true;
      }
    }
    return false;
  }

  /** The members {@code node} names: by label, by host:port, or by host. */
  static Set<Member> membersNamed(Ring ring, String node) throws RingException {
    Set<Member> found = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Member m : ring.members()) {
      if (m.label().equals(node) || (m.host() + ":" + m.port()).equals(node)
          || m.host().equals(node)) {
        found.add(m);
      }
    }
    if (found.isEmpty()) {
      throw new RingException("node " + node + " is not in the ring (members: "
          + ring.members().stream().map(Member::label).collect(Collectors.joining(" ")) + ")");
    }
    return found;
  }
}
