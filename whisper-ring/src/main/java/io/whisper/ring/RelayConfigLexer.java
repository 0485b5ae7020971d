package io.whisper.ring;

/**
 * The tokens of a carbon-c-relay configuration, as its conffile.l cuts them: words of the
 * relay's identifier characters (with {@code \ } kept inside), double-quoted strings,
 * {@code =}, {@code ;}, and {@code #} comments to the end of the line.
 */
final class RelayConfigLexer {
  enum Kind {
    WORD,
    QUOTED,
    EQUALS,
    SEMICOLON,
    UNEXPECTED,
    END
  }

  record Token(Kind kind, String text, int line) {
    /** A word that is all digits: the relay's integer token. */
    boolean isInteger() {
      return kind == Kind.WORD && !text.isEmpty() && text.chars().allMatch(Character::isDigit);
    }

    boolean is(String keyword) {
      return kind == Kind.WORD && text.equals(keyword);
    }
  }

  private static final String ID_PUNCTUATION = "[](){}|\\^?*$&%<>:/,._+-";

  private final String file;
  private final String text;
  private int pos;
  private int line = 1;
  private int lastTokenLine = 1; // where an error at the end of the file is reported

  RelayConfigLexer(String file, String text) {
    this.file = file;
    this.text = text;
  }

  Token next() throws RingException {
    skipBlanksAndComments();
    if (pos >= text.length()) {
      return new Token(Kind.END, "", lastTokenLine);
    }
    lastTokenLine = line;
    char c = text.charAt(pos);
    if (c == '"') {
      return quoted();
    }
    if (c == '=' || c == ';') {
      pos++;
      return new Token(c == '=' ? Kind.EQUALS : Kind.SEMICOLON, String.valueOf(c), line);
    }
    if (!isIdChar(c)) {
      pos++;
      return new Token(Kind.UNEXPECTED, String.valueOf(c), line);
    }
    int start = pos;
    while (pos < text.length()) {
      if (isIdChar(text.charAt(pos))) {
        pos++;
      } else if (text.startsWith("\\ ", pos) && pos + 2 < text.length()
          && isIdChar(text.charAt(pos + 2))) {
        pos += 2; // an escaped space stays in the word, backslash and all, as the relay keeps it
      } else {
        break;
      }
    }
    return new Token(Kind.WORD, text.substring(start, pos), line);
  }

  /** Skips to the end of the statement: past the next {@code ;} outside quotes. */
  int skipStatement() throws RingException {
    for (Token t = next(); ; t = next()) {
      if (t.kind() == Kind.SEMICOLON) {
        return t.line();
      }
      if (t.kind() == Kind.END) {
        throw error(t.line(), "statement not ended with ';'");
      }
    }
  }

  RingException error(int atLine, String message) {
    return new RingException(file + ":" + atLine + ": " + message);
  }

  private Token quoted() throws RingException {
    int startLine = line;
    StringBuilder value = new StringBuilder();
    pos++;
    while (true) {
      if (pos >= text.length() || text.charAt(pos) == '\n') {
        throw error(startLine, "unterminated string");
      }
      char c = text.charAt(pos++);
      if (c == '"') {
        break;
      }
      if (c == '\\' && pos < text.length() && text.charAt(pos) != '\n') {
        c = text.charAt(pos++);
      }
      value.append(c);
    }
    if (value.isEmpty()) {
      throw error(startLine, "empty string");
    }
    return new Token(Kind.QUOTED, value.toString(), startLine);
  }

  private void skipBlanksAndComments() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '\n') {
        line++;
        pos++;
      } else if (c == ' ' || c == '\t' || c == '\r') {
        pos++;
      } else if (c == '#') {
        while (pos < text.length() && text.charAt(pos) != '\n') {
          pos++;
        }
      } else {
        return;
      }
    }
  }

  private static boolean isIdChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || ID_PUNCTUATION.indexOf(c) >= 0;
  }
}
