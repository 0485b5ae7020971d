package io.whisper.cli.py;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PyFloatTest {

    // ---- repr ----

    @Test
    void repr_integralValue_keepsPointZero() {
        assertEquals("2.0", PyFloat.repr(2.0));
        assertEquals("100.0", PyFloat.repr(100.0));
        assertEquals("-3.0", PyFloat.repr(-3.0));
        assertEquals("1000000000000000.0", PyFloat.repr(1e15));
        assertEquals("9007199254740992.0", PyFloat.repr(9007199254740992.0));
    }

    @Test
    void repr_fraction_usesShortestRoundTripDigits() {
        assertEquals("0.1", PyFloat.repr(0.1));
        assertEquals("2.5", PyFloat.repr(2.5));
        assertEquals("0.30000000000000004", PyFloat.repr(0.1 + 0.2));
        assertEquals("0.30000001192092896", PyFloat.repr((double) 0.3f));
        assertEquals("1.0000005", PyFloat.repr(1.0000005));
        assertEquals("123456.789", PyFloat.repr(123456.789));
    }

    @Test
    void repr_exponentFrom16_usesExponentForm() {
        assertEquals("1e+16", PyFloat.repr(1e16));
        assertEquals("9999999999999998.0", PyFloat.repr(9999999999999998.0));
        assertEquals("1.5e+300", PyFloat.repr(1.5e300));
        assertEquals("1.7976931348623157e+308", PyFloat.repr(Double.MAX_VALUE));
        assertEquals("1.2345678901234567e+19", PyFloat.repr(12345678901234567890.0));
    }

    @Test
    void repr_smallExponent_usesTwoDigitExponent() {
        assertEquals("1e-05", PyFloat.repr(1e-5));
        assertEquals("0.0001", PyFloat.repr(1e-4));
        assertEquals("0.00015", PyFloat.repr(1.5e-4));
        assertEquals("-2.5e-07", PyFloat.repr(-2.5e-7));
        assertEquals("1e+100", PyFloat.repr(1e100));
    }

    @Test
    void repr_specialValues_matchPython() {
        assertEquals("nan", PyFloat.repr(Double.NaN));
        assertEquals("nan", PyFloat.repr(Double.longBitsToDouble(0xfff8000000000000L)));
        assertEquals("inf", PyFloat.repr(Double.POSITIVE_INFINITY));
        assertEquals("-inf", PyFloat.repr(Double.NEGATIVE_INFINITY));
        assertEquals("0.0", PyFloat.repr(0.0));
        assertEquals("-0.0", PyFloat.repr(-0.0));
    }

    @Test
    void repr_oneDigitSuffices_printsOneDigitWhereJavaPrintsTwo() {
        // Double.toString gives 4.9E-324 and 9.9E-323; Python picks the shortest.
        assertEquals("5e-324", PyFloat.repr(Double.MIN_VALUE));
        assertEquals("1e-322", PyFloat.repr(1e-322));
        assertEquals("2e-323", PyFloat.repr(2e-323));
        assertEquals("2e+23", PyFloat.repr(2e23));
        assertEquals("1e+23", PyFloat.repr(1e23));
        assertEquals("2.2250738585072014e-308", PyFloat.repr(Double.MIN_NORMAL));
    }

    // ---- %f ----

    @Test
    void percentF_exactTie_roundsHalfEvenUnlikeJavaFormat() {
        assertEquals("0.007812", PyFloat.percentF(0.0078125));
        assertEquals("1.000001", PyFloat.percentF(1.0000005));
        assertEquals("0.000000", PyFloat.percentF(0.0000005));
        assertEquals("2", PyFloat.percentF(2.5, 0));
        assertEquals("4", PyFloat.percentF(3.5, 0));
        assertEquals("0.125", PyFloat.percentF(0.125, 3));
        assertEquals("0.12", PyFloat.percentF(0.125, 2));
    }

    @Test
    void percentF_ordinaryValues_printSixDecimals() {
        assertEquals("1.500000", PyFloat.percentF(1.5));
        assertEquals("-2.250000", PyFloat.percentF(-2.25));
        assertEquals("0.100000", PyFloat.percentF(0.1));
        assertEquals("100000000000000000000.000000", PyFloat.percentF(1e20));
        assertEquals("0.00000000000000000000", PyFloat.percentF(1e-30, 20));
    }

    @Test
    void percentF_negativeZeroAndTinyNegative_keepMinusSign() {
        assertEquals("-0.000000", PyFloat.percentF(-0.0));
        assertEquals("-0.000000", PyFloat.percentF(-1e-9));
        assertEquals("-0", PyFloat.percentF(-0.4, 0));
        assertEquals("0.000000", PyFloat.percentF(0.0));
    }

    @Test
    void percentF_specialValues_printPythonNames() {
        assertEquals("nan", PyFloat.percentF(Double.NaN));
        assertEquals("nan", PyFloat.percentF(Double.longBitsToDouble(0xfff8000000000000L)));
        assertEquals("inf", PyFloat.percentF(Double.POSITIVE_INFINITY));
        assertEquals("-inf", PyFloat.percentF(Double.NEGATIVE_INFINITY, 2));
    }

    @Test
    void percentF_negativePrecision_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> PyFloat.percentF(1.0, -1));
    }

    // ---- %g ----

    @Test
    void percentG_dumpFormat_printsExactBinaryDigits() {
        assertEquals("0.1000000000000000055511151231257827", PyFloat.percentG(0.1, 10, 35));
        assertEquals("1.0000000000000000525047602552044202e+300", PyFloat.percentG(1e300, 10, 35));
        assertEquals("9.9999999999999995474811182588625869e-08", PyFloat.percentG(1e-7, 10, 35));
        assertEquals("-2.5000000000000001312619006380110506e+300", PyFloat.percentG(-2.5e300, 10, 35));
    }

    @Test
    void percentG_zeroWithWidth_padsToTenColumns() {
        assertEquals("         0", PyFloat.percentG(0.0, 10, 35));
        assertEquals("        -0", PyFloat.percentG(-0.0, 10, 35));
        assertEquals("       2.5", PyFloat.percentG(2.5, 10, 35));
        assertEquals("       nan", PyFloat.percentG(Double.NaN, 10, 35));
        assertEquals("      -inf", PyFloat.percentG(Double.NEGATIVE_INFINITY, 10, 35));
    }

    @Test
    void percentG_defaultPrecision_matchesPythonPercentG() {
        assertEquals("0.5", PyFloat.percentG(0.5));
        assertEquals("0.3", PyFloat.percentG((double) 0.3f));
        assertEquals("100000", PyFloat.percentG(100000.0));
        assertEquals("1e+06", PyFloat.percentG(999999.5));
        assertEquals("1.23457e+08", PyFloat.percentG(123456789.0));
        assertEquals("1e-05", PyFloat.percentG(1e-5));
        assertEquals("0.0001", PyFloat.percentG(1e-4));
        assertEquals("inf", PyFloat.percentG(Double.POSITIVE_INFINITY));
        assertEquals("nan", PyFloat.percentG(Double.NaN));
    }

    @Test
    void percentG_precisionZero_actsAsOne() {
        assertEquals("1e+02", PyFloat.percentG(123.0, 0, 0));
        assertEquals("0", PyFloat.percentG(0.0, 0, 0));
        assertEquals("2", PyFloat.percentG(2.5, 0, 0));
        assertEquals("4", PyFloat.percentG(3.5, 0, 1));
    }

    @Test
    void percentG_negativePrecision_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> PyFloat.percentG(1.0, 0, -1));
    }

    // ---- against the reference Python ----

    private static final String PY_FORMATS = """
            import sys, struct
            for line in sys.stdin:
                x = struct.unpack('>d', bytes.fromhex(line.strip()))[0]
                print('\\t'.join([repr(x), '%f' % x, '%10.35g' % x, '%g' % x, '%.0f' % x, '%.3f' % x,
                                  '%.17g' % x, '%.0g' % x, '%12.4g' % x, str(x)]))
            """;

    @Test
    void allFormats_randomDoubles_matchReferencePython() {
        PythonOracle.assumeAvailable();
        List<Double> values = randomDoubles(2000);
        List<String> hex = new ArrayList<>();
        for (double d : values) {
            hex.add(String.format("%016x", Double.doubleToRawLongBits(d)));
        }
        List<String> expected = PythonOracle.run(PY_FORMATS, hex);
        for (int i = 0; i < values.size(); i++) {
            double x = values.get(i);
            String actual = String.join("\t", PyFloat.repr(x), PyFloat.percentF(x),
                    PyFloat.percentG(x, 10, 35), PyFloat.percentG(x), PyFloat.percentF(x, 0), PyFloat.percentF(x, 3),
                    PyFloat.percentG(x, 0, 17), PyFloat.percentG(x, 0, 0), PyFloat.percentG(x, 12, 4),
                    PyRepr.str(x));
            assertEquals(expected.get(i), actual, "bits " + hex.get(i));
        }
    }

    /** Doubles of every awkward kind, from a fixed seed. */
    static List<Double> randomDoubles(int n) {
        Random r = new Random(0x5eed_2024L);
        List<Double> out = new ArrayList<>(List.of(0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE,
                Double.MAX_VALUE, Double.MIN_NORMAL, Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, Double.longBitsToDouble(0xfff8000000000001L), 1e16, 1e-5, 1e-4,
                9999999999999998.0, 0.0078125, 1.0000005, 999999.5, 9.9999995, 0.1, 1e300, 1e-7, 2e23,
                1e23, 5e-324, 1e-322, 0.5, 1.5, 2.5, -2.5, 1e22, 1e21, 123456789012345680.0));
        while (out.size() < n) {
            double d = switch (r.nextInt(10)) {
                case 0 -> Double.longBitsToDouble(r.nextLong());
                case 1 -> Double.longBitsToDouble(r.nextLong() & 0x800f_ffff_ffff_ffffL); // subnormal
                case 2 -> Double.longBitsToDouble((r.nextLong() & 0x800f_ffff_ffff_ffffL)
                        | ((long) (2000 + r.nextInt(47)) << 52)); // huge
                case 3 -> Double.longBitsToDouble((r.nextLong() & 0x800f_ffff_ffff_ffffL)
                        | ((long) (1 + r.nextInt(40)) << 52)); // tiny normal
                case 4 -> (double) (r.nextLong() >> r.nextInt(64)); // integers of all sizes
                case 5 -> (r.nextInt(2_000_001) - 1_000_000) / (double) (1L << r.nextInt(25)); // dyadic ties
                case 6 -> Double.parseDouble((r.nextInt(2000) - 1000) + "." + r.nextInt(10_000_000)
                        + "e" + (r.nextInt(50) - 25)); // short decimals
                case 7 -> {
                    double p = Math.pow(10, r.nextInt(40) - 20);
                    yield switch (r.nextInt(3)) {
                        case 0 -> Math.nextUp(p);
                        case 1 -> Math.nextDown(p);
                        default -> p;
                    };
                }
                case 8 -> (r.nextInt(20_000_000) + 0.5) / 1e6; // near %f ties
                default -> r.nextGaussian() * Math.pow(10, r.nextInt(30) - 15);
            };
            out.add(d);
        }
        return out;
    }
}
