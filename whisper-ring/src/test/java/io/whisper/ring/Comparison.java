package io.whisper.ring;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Our ring against an oracle's answers, name by name: the count and the first mismatches. */
record Comparison(int names, List<String> mismatches, int mismatchCount) {
  private static final int SHOWN = 5;

  void assertNone() {
    if (mismatchCount > 0) {
      fail(mismatchCount + " of " + names + " names placed differently, e.g.\n"
          + String.join("\n", mismatches));
    }
  }

  /** Against the relay's test mode: the name it printed, {@code hash_pos}, and host:port. */
  static Comparison relay(Ring ring, List<byte[]> lines, RelayTestOutput relay) {
    Builder b = new Builder();
    for (int i = 0; i < lines.size(); i++) {
      byte[] line = lines.get(i);
      RelayTestOutput.Answer answer = relay.answers().get(i);
      List<String> ours = ring.owners(line, 0, line.length).stream()
          .map(m -> m.label().replaceFirst("=.*", "")).toList(); // the relay omits the instance
      byte[] name = NameLines.name(line);
      int position = answer.hashPosition() < 0 ? -1 : hashPosition(ring, name);
      b.add(Arrays.equals(name, answer.name()) && ours.equals(answer.owners())
              && position == answer.hashPosition(),
          () -> "  " + new String(line, StandardCharsets.UTF_8) + ": relay "
              + answer.nameText() + " " + answer.hashPosition() + " " + answer.owners()
              + ", ours " + position + " " + ours);
    }
    return b.build();
  }

  /** Against carbon_router.py's {@code name TAB owners} lines, one per UTF-8 line. */
  static Comparison carbon(Ring ring, List<byte[]> lines, List<String> carbon) {
    Builder b = new Builder();
    if (carbon.size() != lines.size()) {
      fail("carbon answered " + carbon.size() + " lines for " + lines.size() + " names");
    }
    for (int i = 0; i < lines.size(); i++) {
      byte[] line = lines.get(i);
      String name = new String(NameLines.name(line), StandardCharsets.UTF_8);
      String ours = name + "\t" + String.join(" ",
          ring.owners(line, 0, line.length).stream().map(Member::label).toList());
      String theirs = carbon.get(i);
      b.add(ours.equals(theirs), () -> "  carbon " + theirs + ", ours " + ours);
    }
    return b.build();
  }

  /** What the relay's {@code -d} prints for the whole ring: {@code pos@host:port[=inst]}. */
  static List<String> ringDump(Ring ring) {
    List<String> dump = new ArrayList<>();
    switch (ring.placement()) {
      case PointRing points -> {
        for (PointRing.Point p : points.points()) {
          dump.add(p.position() + "@" + dumpLabel(p.member()));
        }
      }
      case JumpRing jump -> {
        for (Member m : jump.buckets()) {
          dump.add(ring.members().indexOf(m) + "@" + dumpLabel(m));
        }
      }
      default -> { }
    }
    return dump;
  }

  // The relay formats host:port[=instance] into a char[21], an IPv6 host without brackets.
  private static String dumpLabel(Member m) {
    String label = m.host() + ":" + m.port() + m.instance().map(i -> "=" + i).orElse("");
    return label.length() > 20 ? label.substring(0, 20) : label;
  }

  private static int hashPosition(Ring ring, byte[] name) {
    return switch (ring.placement()) {
      case PointRing points -> points.position(name, 0, name.length);
      case JumpRing jump -> jump.firstBucket(name, 0, name.length);
      default -> -1;
    };
  }

  private static final class Builder {
    private int names;
    private int count;
    private final List<String> shown = new ArrayList<>();

    void add(boolean same, java.util.function.Supplier<String> describe) {
      names++;
      if (!same) {
        count++;
        if (shown.size() < SHOWN) {
          shown.add(describe.get());
        }
      }
    }

    Comparison build() {
      return new Comparison(names, List.copyOf(shown), count);
    }
  }
}
