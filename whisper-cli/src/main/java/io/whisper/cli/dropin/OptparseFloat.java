package io.whisper.cli.dropin;

import io.whisper.cli.py.PyParse;
import picocli.CommandLine.ITypeConverter;

/** Reads a float option as optparse's {@code type='float'}: Python {@code float()}. */
public final class OptparseFloat implements ITypeConverter<Double> {

  @Override
  public Double convert(String value) {
    return PyParse.parseFloat(value);
  }
}
