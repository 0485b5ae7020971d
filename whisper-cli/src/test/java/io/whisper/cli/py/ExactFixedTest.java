package io.whisper.cli.py;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The integer-arithmetic {@code %.Nf} gives what the exact decimal expansion rounded half-even
 * gives ({@code BigDecimal}, which CPython's formatting matches), for every value it accepts,
 * and declines only values whose scaled magnitude does not fit in a long.
 */
@Tag("slow")
class ExactFixedTest {

    @Test
    void agreesWithTheExactExpansionOverRandomAndEdgeValues() {
        Random random = new Random(0xf1fed);
        List<Double> values = new ArrayList<>(edgeValues());
        for (int i = 0; i < 100_000; i++) {
            values.add(Double.longBitsToDouble(random.nextLong())); // any bits: all magnitudes
            values.add((random.nextInt(2_000_001) - 1_000_000) / 1000.0); // metric-like values
            values.add(random.nextLong(1L << 40) / (double) (1L << random.nextInt(41))); // ties
            values.add(random.nextGaussian() * Math.pow(10, random.nextInt(25) - 12));
        }
        int declined = 0;
        for (double x : values) {
            if (!Double.isFinite(x)) {
                continue;
            }
            for (int precision = 0; precision <= ExactFixed.MAX_PRECISION; precision++) {
                String fast = ExactFixed.format(x, precision);
                if (fast == null) {
                    declined++;
                    BigDecimal scaled = new BigDecimal(x).abs().movePointRight(precision);
                    assertEquals(1, scaled.compareTo(BigDecimal.valueOf(Long.MAX_VALUE - 1)),
                        "declined " + x + " at precision " + precision);
                    continue;
                }
                assertEquals(exact(x, precision), fast, x + " at precision " + precision);
            }
        }
        assertEquals(true, declined > 0, "the test reaches the values it must decline");
    }

    @Test
    void tiesRoundToEven() {
        assertEquals("0.007812", ExactFixed.format(0.0078125, 6));
        assertEquals("0.007813", ExactFixed.format(0.0078135, 6)); // not a tie in binary
        assertEquals("2", ExactFixed.format(2.5, 0));
        assertEquals("4", ExactFixed.format(3.5, 0));
        assertEquals("-2", ExactFixed.format(-2.5, 0));
        assertEquals("0.12", ExactFixed.format(0.125, 2));
    }

    @Test
    void negativeValuesAndZeroKeepTheirSign() {
        assertEquals("-0.000000", ExactFixed.format(-0.0, 6));
        assertEquals("-0.000000", ExactFixed.format(-1e-9, 6));
        assertEquals("0.000000", ExactFixed.format(0.0, 6));
        assertEquals("-1.500000", ExactFixed.format(-1.5, 6));
        assertEquals("-0.000000", ExactFixed.format(-Double.MIN_VALUE, 6));
    }

    @Test
    void declinesWhatALongCannotHold() {
        assertNotNull(ExactFixed.format(9.2e12, 6));
        assertNull(ExactFixed.format(9.3e12, 6));
        assertNull(ExactFixed.format(1e300, 0));
        assertNotNull(ExactFixed.format(9.2e18, 0));
    }

    private static List<Double> edgeValues() {
        List<Double> values = new ArrayList<>(List.of(0.0, -0.0, Double.MIN_VALUE,
            -Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE, 0.5, 1.5, 2.5, 0.0000005,
            1.0000005, 0.1, 0.2, 0.3, 1e-7, 9.999999999999999e-7, 4503599627370496.0,
            9007199254740993.0, 9.223372036854775E18, 9.223372036854776E18, 1e13, 1e12));
        for (int power = -70; power <= 70; power++) {
            double p = Math.scalb(1.0, power);
            values.add(p);
            values.add(Math.nextUp(p));
            values.add(Math.nextDown(p));
            values.add(-p);
        }
        for (int precision = 0; precision <= ExactFixed.MAX_PRECISION; precision++) {
            double limit = Long.MAX_VALUE / Math.pow(10, precision);
            values.add(limit);
            values.add(Math.nextUp(limit));
            values.add(Math.nextDown(limit));
            values.add(0.5 / Math.pow(10, precision)); // about half a unit of the last place
        }
        return values;
    }

    private static String exact(double x, int precision) {
        String s = new BigDecimal(x).setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
        boolean negative = Double.doubleToRawLongBits(x) < 0;
        return negative && !s.startsWith("-") ? "-" + s : s;
    }
}
