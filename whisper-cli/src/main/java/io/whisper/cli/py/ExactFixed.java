package io.whisper.cli.py;

/**
 * C's {@code %.Nf} of a finite double, without {@code BigDecimal}: the exact binary value times
 * 10^N, rounded half-even to an integer with 128-bit integer arithmetic, then printed. {@code
 * BigDecimal}'s first use costs a one-file command such as {@code whisper fetch} about 8 ms of
 * start-up; this covers every value whose scaled magnitude fits in a long (|x| below about
 * 9.2e18 / 10^N), and says so with null otherwise.
 */
final class ExactFixed {
    /** The largest precision handled: 10^9 keeps the product of a mantissa under 2^83. */
    static final int MAX_PRECISION = 9;

    private static final long[] POW10 = {
        1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L,
        1_000_000_000L};

    private ExactFixed() {
    }

    /**
     * Returns {@code x} with {@code precision} decimals as C's {@code printf("%.*f")} prints it
     * (no decimal point for 0, a minus sign for every negative value and negative zero), or null
     * when the scaled value does not fit in a long.
     *
     * @param x a finite value
     * @param precision 0 to {@link #MAX_PRECISION}
     * @return the digits, or null
     */
    static String format(double x, int precision) {
        long bits = Double.doubleToRawLongBits(x);
        int biasedExponent = (int) (bits >>> 52) & 0x7ff;
        long fraction = bits & ((1L << 52) - 1);
        // |x| = mantissa * 2^exponent exactly
        long mantissa = biasedExponent == 0 ? fraction : fraction | (1L << 52);
        int exponent = biasedExponent == 0 ? -1074 : biasedExponent - 1075;
        long scaled = exponent >= 0
            ? scaleInteger(mantissa, exponent, POW10[precision])
            : scaleAndRound(mantissa, -exponent, POW10[precision]);
        if (scaled < 0) {
            return null;
        }
        return digits(bits < 0, scaled, precision);
    }

    // mantissa * 2^exponent * pow10, an integer: -1 when it does not fit in a long.
    private static long scaleInteger(long mantissa, int exponent, long pow10) {
        if (exponent > 10) { // mantissa < 2^53: the shift alone stays under 2^63 up to here
            return -1;
        }
        long value = mantissa << exponent;
        long high = Math.multiplyHigh(value, pow10);
        long low = value * pow10;
        return high == 0 && low >= 0 ? low : -1;
    }

    // mantissa * pow10 / 2^shift rounded half-even: -1 when it does not fit in a long.
    private static long scaleAndRound(long mantissa, int shift, long pow10) {
        long high = Math.multiplyHigh(mantissa, pow10); // the product is under 2^83
        long low = mantissa * pow10;
        if (shift >= 128) {
            return 0; // under a half: the product is below 2^83, half is 2^(shift - 1)
        }
        long quotient;
        int aboveHalf; // the remainder against half of 2^shift: < 0, 0 or > 0
        if (shift < 64) {
            if ((high >>> shift) != 0) {
                return -1;
            }
            quotient = (high << (64 - shift)) | (low >>> shift);
            long remainder = low & ((1L << shift) - 1);
            aboveHalf = Long.compareUnsigned(remainder, 1L << (shift - 1));
        } else if (shift == 64) {
            quotient = high;
            aboveHalf = Long.compareUnsigned(low, 1L << 63); // the remainder is all of low
        } else {
            // The remainder is high's low bits, then low; half is a single bit of high.
            int highShift = shift - 64;
            quotient = high >>> highShift;
            long remainderHigh = high & ((1L << highShift) - 1);
            long halfHigh = 1L << (highShift - 1);
            aboveHalf = remainderHigh != halfHigh
                ? Long.compareUnsigned(remainderHigh, halfHigh)
                : (low == 0 ? 0 : 1);
        }
        if (quotient < 0) {
            return -1;
        }
        if (aboveHalf > 0 || (aboveHalf == 0 && (quotient & 1) == 1)) {
            quotient++;
        }
        return quotient;
    }

    private static String digits(boolean negative, long scaled, int precision) {
        StringBuilder text = new StringBuilder(24);
        if (negative) {
            text.append('-');
        }
        text.append(scaled / POW10[precision]);
        if (precision > 0) {
            String fraction = Long.toString(scaled % POW10[precision]);
            text.append('.').repeat('0', precision - fraction.length()).append(fraction);
        }
        return text.toString();
    }
}
