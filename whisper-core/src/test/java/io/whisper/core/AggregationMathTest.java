package io.whisper.core;

import static io.whisper.core.AggregationMethod.ABSMAX;
import static io.whisper.core.AggregationMethod.ABSMIN;
import static io.whisper.core.AggregationMethod.AVERAGE;
import static io.whisper.core.AggregationMethod.AVG_ZERO;
import static io.whisper.core.AggregationMethod.LAST;
import static io.whisper.core.AggregationMethod.MAX;
import static io.whisper.core.AggregationMethod.MIN;
import static io.whisper.core.AggregationMethod.SUM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * whisper.aggregate's arithmetic on CPython 3.11 (spec 1.4, conformance M-24): naive sums,
 * Python's first-wins max/min, and the raw NaN bits whisper.py stores. Values are compared by
 * their raw bits so -0.0 and NaN payloads count.
 */
class AggregationMathTest {
  private static final double NAN = Double.NaN;
  private static final double INF = Double.POSITIVE_INFINITY;

  private static void assertBits(double expected, double actual) {
    assertEquals(Bytes.bits(expected), Bytes.bits(actual));
  }

  @Test
  void sum_addsLeftToRightWithoutCompensation() {
    assertBits(0.0, SUM.aggregate(1e16, 1.0, -1e16));
    assertBits(0.0, AVERAGE.aggregate(1e16, 1.0, -1e16));
  }

  @Test
  void max_tieOfSignedZeros_keepsTheFirst() {
    assertBits(-0.0, MAX.aggregate(-0.0, 0.0));
    assertBits(0.0, MAX.aggregate(0.0, -0.0));
    assertBits(-0.0, MIN.aggregate(-0.0, 0.0));
    assertBits(0.0, MIN.aggregate(0.0, -0.0));
  }

  @Test
  void average_ofInfinities_isTheX86DefaultNaN() {
    assertEquals("fff8000000000000", Bytes.bits(AVERAGE.aggregate(INF, -INF)));
    assertEquals("fff8000000000000", Bytes.bits(SUM.aggregate(INF, -INF)));
  }

  @Test
  void maxAndMin_nanFirst_winsAndNanLater_isSkipped() {
    assertTrue(Double.isNaN(MAX.aggregate(NAN, 1, 3)));
    assertBits(3.0, MAX.aggregate(1, NAN, 3));
    assertBits(3.0, MAX.aggregate(1, 3, NAN));
    assertTrue(Double.isNaN(MIN.aggregate(NAN, 3, 1)));
    assertBits(1.0, MIN.aggregate(3, NAN, 1));
    assertBits(1.0, MIN.aggregate(3, 1, NAN));
    assertTrue(Double.isNaN(ABSMAX.aggregate(NAN, 1)));
    assertBits(-4.0, ABSMAX.aggregate(1, NAN, -4));
    assertBits(1.0, ABSMIN.aggregate(1, NAN, -4));
  }

  @Test
  void absmaxAndAbsmin_ties_keepTheFirst() {
    assertBits(-5.0, ABSMAX.aggregate(-5, 5));
    assertBits(5.0, ABSMAX.aggregate(5, -5));
    assertBits(-5.0, ABSMIN.aggregate(-5, 5));
    assertBits(5.0, ABSMIN.aggregate(5, -5));
    assertBits(INF, ABSMAX.aggregate(INF, -INF));
    assertBits(-INF, ABSMAX.aggregate(-INF, INF));
  }

  @Test
  void last_returnsTheLastKnownValue_evenNaN() {
    assertBits(2.0, LAST.aggregate(new double[] {1, 2, 99}, new boolean[] {true, true, false}, 3));
    assertTrue(Double.isNaN(LAST.aggregate(1, NAN)));
  }

  @Test
  void avgZero_dividesByEverySlot_andKeepsNaN() {
    double[] values = {3, 0, -7, 2, 0};
    boolean[] known = {true, false, true, true, false};
    assertBits(-0.4, AVG_ZERO.aggregate(values, known, 5));
    assertBits(-0.6666666666666666, AVERAGE.aggregate(values, known, 5));
    assertTrue(Double.isNaN(AVG_ZERO.aggregate(new double[] {NAN, 1}, new boolean[] {true, false}, 2)));
  }

  @Test
  void aggregate_usesOnlyTheFirstCountSlots() {
    double[] values = {1, 2, 100};
    boolean[] known = {true, true, true};
    assertBits(1.5, AVERAGE.aggregate(values, known, 2));
  }

  @ParameterizedTest(name = "{0} is code {1}")
  @CsvSource({"average,1", "sum,2", "last,3", "max,4", "min,5", "avg_zero,6", "absmax,7",
      "absmin,8"})
  void methodNamesAndCodes_matchWhisperPy(String name, int code) {
    AggregationMethod method = AggregationMethod.fromName(name);
    assertEquals(code, method.code());
    assertEquals(method, AggregationMethod.fromCode(code));
    assertEquals(name, method.pythonName());
  }

  @Test
  void fromName_unknown_throwsWhisperPyMessage() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> AggregationMethod.fromName("foo"));
    assertEquals("Unrecognized aggregation method: foo", e.getMessage());
  }

  @Test
  void fromCode_outsideOneToEight_throws() {
    assertThrows(IllegalArgumentException.class, () -> AggregationMethod.fromCode(0));
    assertThrows(IllegalArgumentException.class, () -> AggregationMethod.fromCode(9));
  }
}
