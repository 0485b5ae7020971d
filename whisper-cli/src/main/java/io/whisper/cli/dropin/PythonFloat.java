package io.whisper.cli.dropin;

import io.whisper.cli.py.PyParse;
import io.whisper.cli.py.PyRepr;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * An option or argument of optparse/argparse {@code type=float}: Python's {@code float()}, so
 * {@code nan}, {@code inf} and {@code 1_000} parse and {@code 0x10} does not.
 */
public final class PythonFloat implements ITypeConverter<Double> {
  @Override
  public Double convert(String value) {
    try {
      return PyParse.parseFloat(value);
    } catch (NumberFormatException e) {
      throw new TypeConversionException("invalid float value: " + PyRepr.quote(value));
    }
  }
}
