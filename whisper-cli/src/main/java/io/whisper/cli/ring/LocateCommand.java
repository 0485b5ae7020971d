package io.whisper.cli.ring;

import static io.whisper.cli.support.Specs.flag;
import static io.whisper.cli.support.Specs.positionals;

import io.whisper.cli.py.PyJson;
import io.whisper.cli.support.ExitCodes;
import io.whisper.cli.support.Specs;
import io.whisper.cli.support.Subcommand;
import io.whisper.ring.Member;
import io.whisper.ring.MetricName;
import io.whisper.ring.Ring;
import io.whisper.ring.RingException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code whisper locate}: the owners of each metric, in replica order, as the relay places it. */
public final class LocateCommand implements Callable<Integer>, Subcommand {
  private final RingOptions ring = new RingOptions();
  private List<String> metrics = List.of();
  private boolean json;
  private final CommandSpec spec = declare();

  private CommandSpec declare() {
    CommandSpec spec = ring.addTo(Specs.command("locate", this)
        .exitCodeOnInvalidInput(ExitCodes.USAGE)
        .exitCodeOnExecutionException(ExitCodes.FAILED))
        .addOption(flag(v -> json = v, "--json")
            .description("Print one JSON object per name: {\"name\": ..., \"owners\": [{\"host\":"
                + " ..., \"port\": ..., \"instance\": ...}, ...]}.").build())
        .addPositional(positionals(String.class, v -> metrics = v).paramLabel("METRIC")
            .description("Dotted names, or paths relative to a storage root ending in .wsp;"
                + " without any, names are read from standard input, one a line.").build());
    spec.usageMessage()
        .description(
            "Print where each metric lives: the name, a tab, and its owners in replica order"
                + " (host:port, or host:port=instance), separated by spaces, exactly as"
                + " carbon-c-relay (or carbon, for a carbon.conf) places it.",
            "A name ends at its first space, as in the relay's test mode: a whole plaintext line"
                + " places like its name. Blank lines are skipped.")
        .exitCodeListHeading("%nExit status:%n")
        .exitCodeList(Specs.exitCodeList(
            "0:every name located",
            "1:reading or writing failed",
            "2:bad input: an option, or a ring file that is unreadable or wrong"))
        .footer(
            "",
            "Examples:",
            "  whisper locate -r /etc/carbon-c-relay.conf sys.web01.cpu.user",
            "  whisper locate -r /etc/carbon/carbon.conf servers/web01/load.wsp",
            "  whisper list /var/lib/graphite/whisper | whisper locate -r relay.conf --cluster main");
    return Specs.withStandardHelp(spec);
  }

  @Override
  public CommandSpec spec() {
    return spec;
  }

  @Override
  public Integer call() {
    Ring loaded;
    try {
      loaded = ring.load();
    } catch (RingException e) {
      spec.commandLine().getErr().println("whisper locate: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    return Streaming.run("locate", spec.commandLine().getErr(), out -> {
      Printer printer = new Printer(loaded, out, json);
      if (metrics.isEmpty()) {
        LineReader lines = new LineReader(System.in);
        while (lines.next()) {
          printer.locate(lines.buffer(), lines.start(), lines.end() - lines.start());
        }
      } else {
        for (String metric : metrics) {
          byte[] bytes = metric.getBytes(StandardCharsets.UTF_8);
          printer.locate(bytes, 0, bytes.length);
        }
      }
      return ExitCodes.OK;
    });
  }

  /** Writes one line per name; the owners' labels are encoded once per member. */
  private static final class Printer {
    private final Ring ring;
    private final OutputStream out;
    private final boolean json;
    private final Map<Member, byte[]> labels = new IdentityHashMap<>();

    Printer(Ring ring, OutputStream out, boolean json) {
      this.ring = ring;
      this.out = out;
      this.json = json;
    }

    void locate(byte[] line, int offset, int length) throws IOException {
      if (Lines.blank(line, offset, length)) {
        return;
      }
      int n = MetricName.toName(line, offset, length);
      List<Member> owners = ring.owners(line, offset, n);
      if (json) {
        out.write(json(new String(line, offset, n, StandardCharsets.UTF_8), owners));
        out.write('\n');
        return;
      }
      out.write(line, offset, n);
      out.write('\t');
      for (int i = 0; i < owners.size(); i++) {
        if (i > 0) {
          out.write(' ');
        }
        out.write(labels.computeIfAbsent(owners.get(i),
            m -> m.label().getBytes(StandardCharsets.UTF_8)));
      }
      out.write('\n');
    }

    private static byte[] json(String name, List<Member> owners) {
      List<Object> list = new ArrayList<>(owners.size());
      for (Member m : owners) {
        Map<String, Object> owner = new LinkedHashMap<>();
        owner.put("host", m.host());
        owner.put("port", m.port());
        owner.put("instance", m.instance().orElse(null));
        list.add(owner);
      }
      Map<String, Object> record = new LinkedHashMap<>();
      record.put("name", name);
      record.put("owners", list);
      return PyJson.dumps(record).getBytes(StandardCharsets.UTF_8);
    }
  }
}
