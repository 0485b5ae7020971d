package io.whisper.cli.dropin;

import io.whisper.cli.py.PyParse;
import io.whisper.cli.py.PyRepr;
import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * An optparse {@code type='int'} option value: {@code 0x..} is hex, {@code 0b..} binary, and a
 * leading {@code 0} means octal ({@code --from=0100} is 64), else decimal as Python's {@code int}.
 * Values beyond +-2^62 are clamped: they compare with any timestamp as the exact value would.
 */
public final class OptparseInt implements ITypeConverter<Long> {
  private static final long LIMIT = 1L << 62;

  @Override
  public Long convert(String value) {
    try {
      return clamp(parse(value));
    } catch (NumberFormatException e) {
      throw new TypeConversionException("invalid integer value: " + PyRepr.quote(value));
    }
  }

  static BigInteger parse(String value) {
    String lower = value.length() >= 2 ? value.substring(0, 2).toLowerCase(Locale.ROOT) : "";
    if (lower.equals("0x")) {
      return radix(value, 16);
    }
    if (lower.equals("0b")) {
      String rest = value.substring(2);
      return radix(rest.isEmpty() ? "0" : rest, 2);
    }
    if (value.startsWith("0")) {
      return radix(value, 8);
    }
    return PyParse.parseBigInteger(value);
  }

  // Python's int(s, radix) for radix 2, 8 or 16: the radix's own prefix is optional, and single
  // underscores may follow it and separate digits.
  private static BigInteger radix(String text, int radix) {
    String prefix = radix == 16 ? "[xX]" : radix == 8 ? "[oO]" : "[bB]";
    String digit = radix == 16 ? "[0-9a-fA-F]" : radix == 8 ? "[0-7]" : "[01]";
    Matcher m = Pattern.compile("\\s*([+-]?)(?:0" + prefix + "_?)?(" + digit + "+(?:_" + digit
        + "+)*)\\s*").matcher(text);
    if (!m.matches()) {
      throw new NumberFormatException(text);
    }
    BigInteger magnitude = new BigInteger(m.group(2).replace("_", ""), radix);
    return m.group(1).equals("-") ? magnitude.negate() : magnitude;
  }

  private static long clamp(BigInteger value) {
    if (value.compareTo(BigInteger.valueOf(LIMIT)) > 0) {
      return LIMIT;
    }
    return value.compareTo(BigInteger.valueOf(-LIMIT)) < 0 ? -LIMIT : value.longValue();
  }
}
