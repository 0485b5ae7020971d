package io.whisper.cli.support;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A point in time on the command line: {@code now}, epoch seconds ({@code 1700000000}), or an
 * age relative to now ({@code -30s}, {@code -90m}, {@code -12h}, {@code -3d}, {@code -2w}).
 */
public final class TimeArgument {
  private static final Pattern RELATIVE = Pattern.compile("-(\\d{1,12})([smhdw])");
  private static final Pattern EPOCH = Pattern.compile("\\d{1,12}");

  private TimeArgument() {}

  /**
   * Returns the epoch second {@code text} names, relative ages counted back from {@code now}.
   *
   * @throws IllegalArgumentException naming the accepted forms if {@code text} is none of them
   */
  public static long parse(String text, long now) {
    String trimmed = text.strip();
    if (trimmed.equals("now")) {
      return now;
    }
    if (EPOCH.matcher(trimmed).matches()) {
      return Long.parseLong(trimmed);
    }
    Matcher relative = RELATIVE.matcher(trimmed);
    if (relative.matches()) {
      return now - Long.parseLong(relative.group(1)) * unitSeconds(relative.group(2).charAt(0));
    }
    throw new IllegalArgumentException("invalid time '" + text
        + "': expected epoch seconds, 'now' or an age like -30s, -90m, -12h, -3d, -2w");
  }

  private static long unitSeconds(char unit) {
    return switch (unit) {
      case 's' -> 1;
      case 'm' -> 60;
      case 'h' -> 3600;
      case 'd' -> 86_400;
      case 'w' -> 604_800;
      default -> throw new IllegalArgumentException("unit " + unit);
    };
  }
}
