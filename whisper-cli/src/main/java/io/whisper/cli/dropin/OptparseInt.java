package io.whisper.cli.dropin;

import io.whisper.cli.py.PyParse;
import io.whisper.cli.py.PyRepr;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;

/**
 * Reads an integer option as Python's optparse {@code type='int'} does: {@code 0x} hex,
 * {@code 0b} binary, a leading {@code 0} octal ({@code --until=010} is 8), otherwise Python
 * {@code int()}. A value it refuses is a usage error (exit 2), as with optparse.
 */
public final class OptparseInt implements ITypeConverter<Long> {

  @Override
  public Long convert(String value) {
    String prefix = value.length() >= 2 ? value.substring(0, 2).toLowerCase(Locale.ROOT) : "";
    try {
      if (prefix.equals("0x")) {
        return Long.parseLong(value.substring(2), 16);
      }
      if (prefix.equals("0b")) {
        return value.length() == 2 ? 0 : Long.parseLong(value.substring(2), 2);
      }
      if (value.startsWith("0")) {
        return Long.parseLong(value, 8);
      }
      return PyParse.parseInt(value);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException("invalid integer value: " + PyRepr.quote(value), e);
    }
  }
}
