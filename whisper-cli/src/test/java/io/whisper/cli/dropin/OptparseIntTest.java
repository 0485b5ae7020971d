package io.whisper.cli.dropin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.whisper.cli.CliRun;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

/** --from/--until parse as optparse's type='int' does, checked against Python's optparse. */
class OptparseIntTest {
  private static final List<String> INPUTS = List.of("10", "-10", "+7", "0x1F", "0X1f", "0b101",
      "0b", "0B11", "010", "0o17", "0O17", "0", "00", "08", "1_000", "1__0", "0x_ff", " 5", "5 ",
      "1.5", "abc", "-0x10", "0b0b1", "0b2", "0x", "0xg", "", "-", "99999999999999999999999",
      "0_7", "٣");

  @Test
  void sameValuesAndRefusalsAsOptparse() {
    ReferenceScripts.assumeInstalled("fetch");
    StringBuilder script = new StringBuilder("import optparse\nfor v in [");
    for (String input : INPUTS) {
      script.append("'").append(input).append("', ");
    }
    script.append("]:\n    try:\n        print(optparse._parse_int(v))\n"
        + "    except ValueError:\n        print('refused')\n");
    CliRun python = ReferenceScripts.python(script.toString());
    List<String> ours = new ArrayList<>();
    for (String input : INPUTS) {
      try {
        ours.add(OptparseInt.parse(input).toString());
      } catch (NumberFormatException e) {
        ours.add("refused");
      }
    }
    assertEquals(python.out().lines().toList(), ours);
  }

  @Test
  void converterClampsAndNamesTheBadValue() {
    assertEquals(1L << 62, new OptparseInt().convert("99999999999999999999999"));
    assertEquals(-(1L << 62), new OptparseInt().convert("-99999999999999999999999"));
    TypeConversionException e =
        assertThrows(TypeConversionException.class, () -> new OptparseInt().convert("1.5"));
    assertEquals("invalid integer value: '1.5'", e.getMessage());
  }
}
