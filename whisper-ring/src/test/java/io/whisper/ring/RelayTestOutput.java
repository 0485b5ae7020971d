package io.whisper.ring;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What {@code carbon-c-relay -t [-d]} printed: the ring dump and one answer per name. */
record RelayTestOutput(List<String> ringDump, List<Answer> answers) {

  /**
   * One name's block: {@code match / * -> NAME / TYPE(cluster) / [hash_pos(N)] / host:port...}.
   *
   * @param hashPosition the {@code hash_pos} the relay printed with {@code -d}, or -1
   */
  record Answer(byte[] name, int hashPosition, List<String> owners) {
    String nameText() {
      return new String(name, StandardCharsets.UTF_8);
    }
  }

  private static final Pattern DUMP_ENTRY = Pattern.compile("(\\d+)@(\\S+)");
  private static final Pattern HASH_POS = Pattern.compile(" {8}hash_pos\\((\\d+)\\)");
  private static final byte[] NAME_PREFIX = "    * -> ".getBytes(StandardCharsets.US_ASCII);

  static RelayTestOutput parse(byte[] out) {
    List<byte[]> lines = lines(out);
    List<String> dump = new ArrayList<>();
    List<Answer> answers = new ArrayList<>();
    int i = 0;
    for (; i < lines.size(); i++) {
      String line = ascii(lines.get(i));
      if (line.startsWith("# hash ring for ")) {
        for (i++; i < lines.size() && !ascii(lines.get(i)).isBlank(); i++) {
          Matcher m = DUMP_ENTRY.matcher(ascii(lines.get(i)));
          while (m.find()) {
            dump.add(m.group(1) + "@" + m.group(2));
          }
        }
      } else if (line.equals("match") && i + 1 < lines.size()
          && startsWith(lines.get(i + 1), NAME_PREFIX)) {
        break;
      }
    }
    while (i < lines.size()) {
      if (!ascii(lines.get(i)).equals("match")) {
        throw new IllegalStateException("expected 'match' at output line " + (i + 1) + ": "
            + ascii(lines.get(i)));
      }
      byte[] nameLine = lines.get(i + 1);
      byte[] name = Arrays.copyOfRange(nameLine, NAME_PREFIX.length, nameLine.length);
      i += 3; // match, * -> NAME, TYPE(cluster)
      int hashPosition = -1;
      List<String> owners = new ArrayList<>();
      for (; i < lines.size() && ascii(lines.get(i)).startsWith("        "); i++) {
        String line = ascii(lines.get(i));
        Matcher m = HASH_POS.matcher(line);
        if (m.matches()) {
          hashPosition = Integer.parseInt(m.group(1));
        } else {
          owners.add(line.strip());
        }
      }
      if (i < lines.size() && ascii(lines.get(i)).equals("    stop")) {
        i++;
      }
      answers.add(new Answer(name, hashPosition, List.copyOf(owners)));
    }
    return new RelayTestOutput(List.copyOf(dump), List.copyOf(answers));
  }

  private static List<byte[]> lines(byte[] out) {
    List<byte[]> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < out.length; i++) {
      if (out[i] == '\n') {
        lines.add(Arrays.copyOfRange(out, start, i));
        start = i + 1;
      }
    }
    if (start < out.length) {
      lines.add(Arrays.copyOfRange(out, start, out.length));
    }
    return lines;
  }

  private static boolean startsWith(byte[] line, byte[] prefix) {
    return line.length >= prefix.length
        && Arrays.equals(line, 0, prefix.length, prefix, 0, prefix.length);
  }

  private static String ascii(byte[] line) {
    return new String(line, StandardCharsets.ISO_8859_1);
  }
}
