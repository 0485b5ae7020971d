package io.whisper.s3;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the few flat elements of S3's responses (ListObjectsV2, Error) without an XML parser, which
 * would cost start-up time for documents this simple.
 */
final class Xml {
  private Xml() {}

  /**
   * The text inside each {@code <tag>...</tag>} (not nested in itself), unescaped only by {@link
   * #text}.
   */
  static List<String> elements(String xml, String tag) {
    List<String> found = new ArrayList<>();
    String open = "<" + tag + ">";
    String close = "</" + tag + ">";
    int from = 0;
    while (true) {
      int start = xml.indexOf(open, from);
      if (start < 0) {
        return found;
      }
      int end = xml.indexOf(close, start + open.length());
      if (end < 0) {
        return found;
      }
      found.add(xml.substring(start + open.length(), end));
      from = end + close.length();
    }
  }

  /** The unescaped text of the first {@code <tag>}, if there is one. */
  static Optional<String> text(String xml, String tag) {
    List<String> all = elements(xml, tag);
    return all.isEmpty() ? Optional.empty() : Optional.of(unescape(all.getFirst()));
  }

  static String unescape(String s) {
    if (s.indexOf('&') < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      int semi = c == '&' ? s.indexOf(';', i) : -1;
      if (semi < 0) {
        out.append(c);
        i++;
        continue;
      }
      String entity = s.substring(i + 1, semi);
      switch (entity) {
        case "amp" -> out.append('&');
        case "lt" -> out.append('<');
        case "gt" -> out.append('>');
        case "quot" -> out.append('"');
        case "apos" -> out.append('\'');
        default -> {
          if (entity.startsWith("#x")) {
            out.appendCodePoint(Integer.parseInt(entity.substring(2), 16));
          } else if (entity.startsWith("#")) {
            out.appendCodePoint(Integer.parseInt(entity.substring(1)));
          } else {
            out.append(s, i, semi + 1);
          }
        }
      }
      i = semi + 1;
    }
    return out.toString();
  }
}
