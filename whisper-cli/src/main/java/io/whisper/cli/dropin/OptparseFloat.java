package io.whisper.cli.dropin;

import io.whisper.cli.py.PyParse;
import io.whisper.cli.py.PyRepr;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a float option or argument as optparse's and argparse's {@code type=float}: Python
 * {@code float()}, so {@code nan}, {@code inf} and {@code 1_000} parse and {@code 0x10} does
 * not. A value it refuses is a usage error (exit 2), as with the scripts.
 */
public final class OptparseFloat implements ITypeConverter<Double> {

  @Override
  public Double convert(String value) {
    try {
      return PyParse.parseFloat(value);
    } catch (NumberFormatException e) {
      throw new TypeConversionException("invalid float value: " + PyRepr.quote(value));
    }
  }
}
