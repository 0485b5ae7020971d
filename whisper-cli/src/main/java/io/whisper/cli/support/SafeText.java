package io.whisper.cli.support;

import java.util.Locale;

/**
 * Makes a line of text output safe to print when it holds file names, which may contain any
 * byte but NUL and '/': a newline would split one record over two lines and an escape sequence
 * would drive the reader's terminal. Control characters (C0, DEL, C1) and the backslash are
 * escaped as JSON escapes them ({@code \n}, {@code \t}, {@code \r}, {@code \\}, {@code \u001b});
 * everything else is printed as it is. A name whose bytes are not UTF-8 shows U+FFFD for each
 * byte that is not.
 */
public final class SafeText {
  private SafeText() {}

  /** Returns {@code text} with its control characters and backslashes escaped. */
  public static String line(String text) {
    int first = 0;
    while (first < text.length() && !escaped(text.charAt(first))) {
      first++;
    }
    if (first == text.length()) {
      return text; // the usual case: nothing to escape, nothing copied
    }
    StringBuilder line = new StringBuilder(text.length() + 16).append(text, 0, first);
    for (int i = first; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> line.append("\\\\");
        case '\n' -> line.append("\\n");
        case '\r' -> line.append("\\r");
        case '\t' -> line.append("\\t");
        default -> {
          if (escaped(c)) {
            line.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            line.append(c);
          }
        }
      }
    }
    return line.toString();
  }

  private static boolean escaped(char c) {
    return c < 0x20 || c == '\\' || (c >= 0x7f && c < 0xa0);
  }
}
