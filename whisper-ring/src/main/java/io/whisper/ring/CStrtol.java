package io.whisper.ring;

/**
 * C's {@code strtol(s, &end, 10)}: the value, and whether it used the whole string ({@code *end
 * == '\0'}), which is how the relay tells numeric instance names from others.
 */
record CStrtol(long value, boolean whole) {

  static CStrtol parse(String s) {
    int i = 0;
    while (i < s.length() && isCSpace(s.charAt(i))) {
      i++;
    }
    boolean negative = false;
    if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      negative = s.charAt(i) == '-';
      i++;
    }
    int digitsStart = i;
    long value = 0;
    boolean overflow = false;
    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      int digit = s.charAt(i) - '0';
      if (!overflow) {
        try {
          value = Math.addExact(Math.multiplyExact(value, 10), negative ? -digit : digit);
        } catch (ArithmeticException e) {
          overflow = true;
          value = negative ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
      }
      i++;
    }
    if (i == digitsStart) {
      // No digits: strtol sets end to the start of the string.
      return new CStrtol(0, s.isEmpty());
    }
    return new CStrtol(value, i == s.length());
  }

  private static boolean isCSpace(char c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
  }
}
