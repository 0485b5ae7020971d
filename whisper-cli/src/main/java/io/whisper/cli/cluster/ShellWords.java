package io.whisper.cli.cluster;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Splitting a setting into words and quoting words for a remote shell, as sh does. */
final class ShellWords {
  private ShellWords() {}

  /** Splits {@code text} at blanks, honouring single and double quotes and backslashes. */
  static List<String> split(String text, String where) throws IOException {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else if (c == '\\' && quote == '"' && i + 1 < text.length()) {
          word.append(text.charAt(++i));
        } else {
          word.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else if (c == '\\' && i + 1 < text.length()) {
        word.append(text.charAt(++i));
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (quote != 0) {
      throw new IOException(where + ": unclosed " + quote);
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }

  /** Returns {@code word} quoted for a POSIX shell: {@code 'it'\''s'}. */
  static String quote(String word) {
    if (!word.isEmpty() && word.matches("[A-Za-z0-9_./:=@%+-]+")) {
      return word;
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }
}
