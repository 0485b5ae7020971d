package io.whisper.cli.dropin;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** whisper-fetch's {@code --drop}: which values to leave out of the output. */
public enum DropFilter {
  NULLS("nulls"),
  ZEROES("zeroes"),
  EMPTY("empty");

  private final String name;

  DropFilter(String name) {
    this.name = name;
  }

  /** Returns true if {@code value} (null = None) stays; Python's {@code x != 0} keeps NaN. */
  public boolean keeps(Double value) {
    return switch (this) {
      case NULLS -> value != null;
      case ZEROES -> value == null || value != 0;
      case EMPTY -> value != null && value != 0;
    };
  }

  /** Parses the option's value: the lower-case names only, as optparse's choices. */
  public static final class Converter implements ITypeConverter<DropFilter> {
    @Override
    public DropFilter convert(String value) {
      for (DropFilter filter : values()) {
        if (filter.name.equals(value)) {
          return filter;
        }
      }
      throw new TypeConversionException("invalid choice: '" + value
          + "' (choose from 'zeroes', 'nulls', 'empty')");
    }
  }
}
