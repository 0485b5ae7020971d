package io.whisper.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Schema parsing and validation: conformance C-07 to C-09 and spec 2.1 / 6.11. */
class RetentionTest {

  private static Retention r(long secondsPerPoint, long points) {
    return new Retention(secondsPerPoint, points);
  }

  @ParameterizedTest(name = "''{0}'' -> ({1}, {2})")
  @CsvSource(delimiter = '|', value = {
      "1h:7d|3600|168", "7s:1m|7|8", "1min:1h|60|60", "12h:2y|43200|1460", "1w:1y|604800|52",
      "' 60:10 '|60|10", "1d:1h|86400|0", "0:10|0|10", "60:1440|60|1440", "5m:1y|300|105120"})
  void parse_specVectors(String definition, long secondsPerPoint, long points) {
    assertEquals(r(secondsPerPoint, points), Retention.parse(definition));
  }

  @ParameterizedTest(name = "''{0}'' -> {1}")
  @CsvSource(delimiter = '|', value = {
      "60:10:5|Invalid retention specification '10:5'",
      "1H:1d|Invalid precision specification '1H'",
      "'60 :10'|Invalid precision specification '60 '",
      "1s:1mo|Invalid unit 'mo'",
      "10|Invalid retention definition '10'"})
  void parse_malformed_throwsWhisperPyMessage(String definition, String message) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Retention.parse(definition));
    assertEquals(message, e.getMessage());
  }

  @Test
  void parse_zeroPrecisionWithUnitPoints_throwsLikeZeroDivision() {
    assertThrows(IllegalArgumentException.class, () -> Retention.parse("0:1d"));
  }

  @Test
  void parsePrecision_acceptsUnitsAsFetchArchiveSelectionDoes() {
    assertEquals(300, Retention.parsePrecision("5m"));
    assertEquals(300, Retention.parsePrecision("300"));
    assertEquals(120, Retention.parsePrecision("2m"));
    assertEquals(300, Retention.parsePrecision("300s"));
  }

  @Test
  void validate_sortsByPrecision() {
    assertEquals(List.of(r(60, 10), r(300, 12), r(3600, 24)),
        Retention.validate(List.of(r(3600, 24), r(60, 10), r(300, 12))));
  }

  @Test
  void validate_emptyList_throwsWhisperPyMessage() {
    assertValidateFails(List.of(), "You must specify at least one archive configuration!");
  }

  @Test
  void validate_samePrecisionTwice_throwsWhisperPyMessage() {
    assertValidateFails(List.of(r(60, 10), r(60, 20)),
        "A Whisper database may not be configured having two archives with the same precision"
            + " (archive0: (60, 10), archive1: (60, 20))");
  }

  @Test
  void validate_precisionNotDividing_throwsWhisperPyMessage() {
    assertValidateFails(List.of(r(60, 10), r(90, 100)),
        "Higher precision archives' precision must evenly divide all lower precision archives'"
            + " precision (archive0: 60, archive1: 90)");
  }

  @Test
  void validate_retentionNotGrowing_throwsWhisperPyMessage() {
    assertValidateFails(List.of(r(60, 10), r(120, 5)),
        "Lower precision archives must cover larger time intervals than higher precision"
            + " archives (archive0: 600 seconds, archive1: 600 seconds)");
    assertValidateFails(List.of(r(1, 5), r(5, 1)),
        "Lower precision archives must cover larger time intervals than higher precision"
            + " archives (archive0: 5 seconds, archive1: 5 seconds)");
  }

  @Test
  void validate_tooFewPointsToConsolidate_throwsWhisperPyMessage() {
    assertValidateFails(List.of(r(60, 1), r(120, 100)),
        "Each archive must have at least enough points to consolidate to the next archive"
            + " (archive1 consolidates 2 of archive0's points but it has only 1 total points)");
  }

  @Test
  void validate_exactlyEnoughPointsToConsolidate_isAccepted() {
    assertEquals(List.of(r(1, 5), r(5, 2)), Retention.validate(List.of(r(1, 5), r(5, 2))));
  }

  @Test
  void validate_zeroPointsOrZeroStep_isRefusedUnlikeWhisperPy() {
    assertThrows(IllegalArgumentException.class, () -> Retention.validate(List.of(r(60, 0))));
    assertThrows(IllegalArgumentException.class, () -> Retention.validate(List.of(r(0, 10))));
  }

  @Test
  void validate_retentionBeyond32Bits_isRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> Retention.validate(List.of(r(86400, 1L << 20))));
    assertThrows(IllegalArgumentException.class,
        () -> Retention.validate(List.of(r(1L << 32, 1))));
  }

  private static void assertValidateFails(List<Retention> archives, String message) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Retention.validate(archives));
    assertEquals(message, e.getMessage());
  }
}
