package io.whisper.cli.serve;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * graphite's metric pattern ({@code servers.*.cpu.{user,system}}): one glob per dot-separated
 * node of the name, each matching one path component: {@code *} and {@code ?} within a node,
 * {@code [abc]}, {@code [a-z]}, {@code [!x]}, and {@code {a,b}} alternatives.
 *
 * <p>Matched on bytes: the pattern and names are seen as ISO-8859-1 text, one char per byte,
 * so names that are not UTF-8 match too ({@code ?} then matches one byte).
 */
public final class MetricGlob {
  private final List<Pattern> nodes;

  private MetricGlob(List<Pattern> nodes) {
    this.nodes = nodes;
  }

  /**
   * Compiles {@code pattern}.
   *
   * @throws IllegalArgumentException with a one-line reason when it is not a pattern
   */
  public static MetricGlob compile(String pattern) {
    return compile(pattern.getBytes(StandardCharsets.UTF_8));
  }

  /** Compiles a pattern given as the bytes the controller sent. */
  public static MetricGlob compile(byte[] pattern) {
    String text = new String(pattern, StandardCharsets.ISO_8859_1);
    List<Pattern> nodes = new ArrayList<>();
    for (String node : splitNodes(text)) {
      if (node.isEmpty()) {
        throw new IllegalArgumentException("pattern '" + display(pattern) + "' has an empty node");
      }
      try {
        nodes.add(Pattern.compile(regex(node), Pattern.DOTALL));
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(
            "pattern '" + display(pattern) + "' is not a glob: " + e.getDescription());
      }
    }
    return new MetricGlob(List.copyOf(nodes));
  }

  /** Returns true if a folder named {@code name} at {@code depth} (0 for the top) may hold matches. */
  public boolean mayEnter(int depth, byte[] name) {
    return depth < nodes.size() - 1 && matches(depth, name, name.length);
  }

  /** Returns true if the metric whose last node is {@code name[0, length)} at {@code depth} matches. */
  public boolean matchesLast(int depth, byte[] name, int length) {
    return depth == nodes.size() - 1 && matches(depth, name, length);
  }

  private boolean matches(int depth, byte[] name, int length) {
    return nodes.get(depth).matcher(new String(name, 0, length, StandardCharsets.ISO_8859_1))
        .matches();
  }

  // Dots inside {} or [] do not split.
  private static List<String> splitNodes(String text) {
    List<String> parts = new ArrayList<>();
    int braces = 0;
    boolean bracket = false;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (bracket) {
        bracket = c != ']';
      } else if (c == '[') {
        bracket = true;
      } else if (c == '{') {
        braces++;
      } else if (c == '}') {
        braces = Math.max(0, braces - 1);
      } else if (c == '.' && braces == 0) {
        parts.add(text.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(text.substring(start));
    return parts;
  }

  private static String regex(String glob) {
    StringBuilder regex = new StringBuilder();
    int braces = 0;
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        case '{' -> {
          braces++;
          regex.append("(?:");
        }
        case '}' -> {
          if (braces == 0) {
            throw new PatternSyntaxException("unopened }", glob, i);
          }
          braces--;
          regex.append(')');
        }
        case ',' -> regex.append(braces > 0 ? "|" : ",");
        case '[' -> {
          int end = glob.indexOf(']', i + 2);
          if (end < 0) {
            throw new PatternSyntaxException("unclosed [", glob, i);
          }
          String set = glob.substring(i + 1, end);
          regex.append('[');
          if (set.startsWith("!") || set.startsWith("^")) {
            regex.append('^');
            set = set.substring(1);
          }
          for (char s : set.toCharArray()) {
            boolean plain = s == '-' || s > 127 || Character.isLetterOrDigit(s);
            regex.append(plain ? String.valueOf(s) : "\\" + s);
          }
          regex.append(']');
          i = end;
        }
        default -> regex.append(Character.isLetterOrDigit(c) ? String.valueOf(c)
            : Pattern.quote(String.valueOf(c)));
      }
    }
    if (braces != 0) {
      throw new PatternSyntaxException("unclosed {", glob, glob.length());
    }
    return regex.toString();
  }

  private static String display(byte[] pattern) {
    return new String(pattern, StandardCharsets.UTF_8);
  }
}
