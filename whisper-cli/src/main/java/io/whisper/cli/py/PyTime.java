package io.whisper.cli.py;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.IsoFields;
import java.util.Locale;

/**
 * Python's {@code time.ctime(t)} and {@code time.strftime(fmt, time.localtime(t))} in the C
 * locale, in the JVM's default time zone (which, like libc, follows {@code TZ}).
 */
public final class PyTime {

  // US English names are the zone database's abbreviations (UTC, EST, CEST) for most zones.
  private static final DateTimeFormatter ZONE_NAME = DateTimeFormatter.ofPattern("zzz", Locale.US);

  private PyTime() {}

  /** {@code time.ctime(t)}: {@code Thu Jan  1 00:00:00 1970}, the day padded with a space. */
  public static String ctime(long epochSecond) {
    return strftime("%a %b %e %H:%M:%S %Y", epochSecond);
  }

  /**
   * {@code time.strftime(format, time.localtime(t))} with glibc's C-locale conversions; an
   * unknown conversion is copied as it is, as glibc does.
   */
  public static String strftime(String format, long epochSecond) {
    return strftime(format, Instant.ofEpochSecond(epochSecond).atZone(ZoneId.systemDefault()));
  }

  static String strftime(String format, ZonedDateTime t) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < format.length(); i++) {
      char c = format.charAt(i);
      if (c != '%' || i + 1 == format.length()) {
        out.append(c);
        continue;
      }
      char d = format.charAt(++i);
      String converted = convert(d, t);
      out.append(converted == null ? "%" + d : converted);
    }
    return out.toString();
  }

  private static String convert(char directive, ZonedDateTime t) {
    return switch (directive) {
      case 'a' -> t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.US);
      case 'A' -> t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.US);
      case 'b', 'h' -> t.getMonth().getDisplayName(TextStyle.SHORT, Locale.US);
      case 'B' -> t.getMonth().getDisplayName(TextStyle.FULL, Locale.US);
      case 'c' -> strftime("%a %b %e %H:%M:%S %Y", t);
      case 'C' -> two(t.getYear() / 100);
      case 'd' -> two(t.getDayOfMonth());
      case 'D', 'x' -> strftime("%m/%d/%y", t);
      case 'e' -> String.format(Locale.ROOT, "%2d", t.getDayOfMonth());
      case 'F' -> strftime("%Y-%m-%d", t);
      case 'g' -> two(Math.floorMod(t.get(IsoFields.WEEK_BASED_YEAR), 100));
      case 'G' -> Integer.toString(t.get(IsoFields.WEEK_BASED_YEAR));
      case 'H' -> two(t.getHour());
      case 'I' -> two((t.getHour() + 11) % 12 + 1);
      case 'j' -> String.format(Locale.ROOT, "%03d", t.getDayOfYear());
      case 'k' -> String.format(Locale.ROOT, "%2d", t.getHour());
      case 'l' -> String.format(Locale.ROOT, "%2d", (t.getHour() + 11) % 12 + 1);
      case 'm' -> two(t.getMonthValue());
      case 'M' -> two(t.getMinute());
      case 'n' -> "\n";
      case 'p' -> t.getHour() < 12 ? "AM" : "PM";
      case 'P' -> t.getHour() < 12 ? "am" : "pm";
      case 'r' -> strftime("%I:%M:%S %p", t);
      case 'R' -> strftime("%H:%M", t);
      case 's' -> Long.toString(t.toEpochSecond());
      case 'S' -> two(t.getSecond());
      case 't' -> "\t";
      case 'T', 'X' -> strftime("%H:%M:%S", t);
      case 'u' -> Integer.toString(t.getDayOfWeek().getValue());
      case 'U' -> two((t.getDayOfYear() + 6 - t.getDayOfWeek().getValue() % 7) / 7);
      case 'V' -> two(t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
      case 'w' -> Integer.toString(t.getDayOfWeek().getValue() % 7);
      case 'W' -> two((t.getDayOfYear() + 6 - (t.getDayOfWeek().getValue() + 6) % 7) / 7);
      case 'y' -> two(Math.floorMod(t.getYear(), 100));
      case 'Y' -> Integer.toString(t.getYear());
      case 'z' -> offset(t.get(ChronoField.OFFSET_SECONDS));
      case 'Z' -> zoneAbbreviation(t);
      case '%' -> "%";
      default -> null;
    };
  }

  // glibc prints the abbreviation the zone database gives for that instant.
  private static String zoneAbbreviation(ZonedDateTime t) {
    return ZONE_NAME.format(t);
  }

  private static String offset(int seconds) {
    int minutes = Math.abs(seconds) / 60;
    return String.format(Locale.ROOT, "%s%02d%02d", seconds < 0 ? "-" : "+", minutes / 60,
        minutes % 60);
  }

  private static String two(int value) {
    return String.format(Locale.ROOT, "%02d", value);
  }
}
