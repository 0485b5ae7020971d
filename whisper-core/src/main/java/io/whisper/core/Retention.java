package io.whisper.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One archive of a schema: its precision and how many points it keeps, as in carbon's
 * {@code storage-schemas.conf} ("60:1440", "1m:1d", "15m:8", "12h:2y").
 *
 * @param secondsPerPoint the archive's step
 * @param points the number of slots
 */
public record Retention(long secondsPerPoint, long points) {

  // whisper.py's re.match(r'^(\d+)([a-z]+)$'): Python's $ also matches before one final \n,
  // which Java's matches() does not, so "1m\n:1d" must be spelled out to parse as it does there.
  private static final Pattern NUMBER_AND_UNIT = Pattern.compile("(\\d+)([a-z]+)\n?");
  private static final String[] UNITS = {"seconds", "minutes", "hours", "days", "weeks", "years"};
  private static final long[] UNIT_SECONDS = {1, 60, 3600, 86400, 7 * 86400, 365 * 86400};

  /** Returns the time the archive covers, in seconds. */
  public long retention() {
    return secondsPerPoint * points;
  }

  /** Renders the pair as whisper.py does in its messages: {@code (60, 1440)}. */
  @Override
  public String toString() {
    return "(" + secondsPerPoint + ", " + points + ")";
  }

  /**
   * Parses one retention definition exactly as whisper.py's {@code parseRetentionDef}.
   *
   * @throws IllegalArgumentException with whisper.py's message if it is malformed
   */
  public static Retention parse(String definition) {
    String trimmed = definition.strip();
    int colon = trimmed.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("Invalid retention definition '" + definition + "'");
    }
    String precisionText = trimmed.substring(0, colon);
    String pointsText = trimmed.substring(colon + 1);
    long precision = parsePrecision(precisionText);
    long points;
    if (isAsciiDigits(pointsText)) {
      points = parseDigits(pointsText);
    } else {
      Matcher m = NUMBER_AND_UNIT.matcher(pointsText);
      if (!m.matches()) {
        throw new IllegalArgumentException("Invalid retention specification '" + pointsText + "'");
      }
      long seconds = Math.multiplyExact(parseDigits(m.group(1)), unitSeconds(m.group(2)));
      if (precision == 0) {
        throw new IllegalArgumentException("integer division or modulo by zero");
      }
      points = Math.floorDiv(seconds, precision);
    }
    return new Retention(precision, points);
  }

  /**
   * Parses a precision alone ("60", "5m", "1h"): the first half of a retention definition, as
   * {@code fetch}'s archive selection uses it.
   */
  public static long parsePrecision(String text) {
    if (isAsciiDigits(text)) {
      return parseDigits(text);
    }
    Matcher m = NUMBER_AND_UNIT.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("Invalid precision specification '" + text + "'");
    }
    return Math.multiplyExact(parseDigits(m.group(1)), unitSeconds(m.group(2)));
  }

  /**
   * Checks a schema as whisper.py's {@code validateArchiveList} does and returns it sorted by
   * precision; messages are whisper.py's word for word.
   *
   * <p>It also refuses what whisper.py lets through and then fails on or corrupts: zero points,
   * zero seconds per point, and values or retentions that do not fit the file's 32-bit fields.
   *
   * @throws IllegalArgumentException naming the first problem
   */
  public static List<Retention> validate(List<Retention> archives) {
    if (archives.isEmpty()) {
      throw new IllegalArgumentException("You must specify at least one archive configuration!");
    }
    List<Retention> sorted = new ArrayList<>(archives);
    // not Comparator.comparingLong (docs/startup.md)
    sorted.sort((x, y) -> Long.compare(x.secondsPerPoint, y.secondsPerPoint));
    for (int i = 0; i < sorted.size(); i++) {
      Retention archive = sorted.get(i);
      if (archive.secondsPerPoint <= 0 || archive.points <= 0) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "Each archive must have at least one point and one second per point (archive%d: %s)",
            i, archive));
      }
      if (archive.secondsPerPoint > Unsigned.MAX_U32
          || archive.points > Unsigned.MAX_U32
          || Math.multiplyHigh(archive.secondsPerPoint, archive.points) != 0
          || archive.retention() > Unsigned.MAX_U32) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "Archive retention does not fit in 32 bits (archive%d: %s)", i, archive));
      }
      if (i == sorted.size() - 1) {
        break;
      }
      Retention next = sorted.get(i + 1);
      if (archive.secondsPerPoint >= next.secondsPerPoint) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "A Whisper database may not be configured having two archives with the same"
                + " precision (archive%d: %s, archive%d: %s)",
            i, archive, i + 1, next));
      }
      if (next.secondsPerPoint % archive.secondsPerPoint != 0) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "Higher precision archives' precision must evenly divide all lower precision"
                + " archives' precision (archive%d: %s, archive%d: %s)",
            i, archive.secondsPerPoint, i + 1, next.secondsPerPoint));
      }
      if (next.retention() <= archive.retention()) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "Lower precision archives must cover larger time intervals than higher precision"
                + " archives (archive%d: %s seconds, archive%d: %s seconds)",
            i, archive.retention(), i + 1, next.retention()));
      }
      long pointsPerConsolidation = next.secondsPerPoint / archive.secondsPerPoint;
      if (archive.points < pointsPerConsolidation) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "Each archive must have at least enough points to consolidate to the next archive"
                + " (archive%d consolidates %d of archive%d's points but it has only %d total"
                + " points)",
            i + 1, pointsPerConsolidation, i, archive.points));
      }
    }
    return List.copyOf(sorted);
  }

  // Python's str.isdigit() for the ASCII input a schema holds.
  private static boolean isAsciiDigits(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static long parseDigits(String digits) {
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Number too large: '" + digits + "'", e);
    }
  }

  // whisper.py's getUnitString: the first unit whose name starts with the given letters.
  private static long unitSeconds(String unit) {
    for (int i = 0; i < UNITS.length; i++) {
      if (UNITS[i].startsWith(unit)) {
        return UNIT_SECONDS[i];
      }
    }
    throw new IllegalArgumentException("Invalid unit '" + unit + "'");
  }
}
