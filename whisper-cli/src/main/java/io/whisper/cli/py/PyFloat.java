package io.whisper.cli.py;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Formats doubles exactly as CPython does: {@code repr(x)} / {@code str(x)}, {@code '%.Nf' % x} and
 * {@code '%W.Pg' % x}.
 */
public final class PyFloat {

    private PyFloat() {
    }

    /**
     * Python {@code repr(x)} (equal to {@code str(x)}): the shortest digits that round-trip, in fixed
     * notation when the decimal exponent is in [-4, 16), else as {@code 1e+16}, {@code 1e-05},
     * {@code 1.5e+300}. Integral values keep a {@code .0}; specials are {@code nan}, {@code inf},
     * {@code -inf}, and negative zero is {@code -0.0}.
     *
     * @param x the value
     * @return the Python representation
     */
    public static String repr(double x) {
        if (Double.isNaN(x)) {
            return "nan";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        String sign = isNegative(x) ? "-" : "";
        if (x == 0) {
            return sign + "0.0";
        }
        Decimal shortest = shortest(Math.abs(x));
        return sign + layout(shortest.digits(), shortest.exponent(), 16, true);
    }

    /**
     * A positive decimal {@code 0.DIGITS * 10^(exponent + 1)}: its significant digits, no leading or
     * trailing zeros, and the decimal exponent of the first one ({@code 1.5e3} is "15", 3).
     */
    private record Decimal(String digits, int exponent) {

        static Decimal of(BigDecimal value) {
            BigDecimal v = value.stripTrailingZeros();
            return new Decimal(v.unscaledValue().abs().toString(), v.precision() - v.scale() - 1);
        }

        /** Reads what {@link Double#toString(double)} prints for a positive finite value. */
        static Decimal ofJava(String text) {
            int e = text.indexOf('E');
            String mantissa = e < 0 ? text : text.substring(0, e);
            int exponent = e < 0 ? 0 : Integer.parseInt(text.substring(e + 1));
            int point = mantissa.indexOf('.');
            String all = mantissa.substring(0, point) + mantissa.substring(point + 1);
            int first = 0;
            while (all.charAt(first) == '0') {
                first++;
            }
            int end = all.length();
            while (all.charAt(end - 1) == '0') {
                end--;
            }
            return new Decimal(all.substring(first, end), exponent + point - first - 1);
        }

        /** The double this decimal rounds to. */
        double value() {
            return Double.parseDouble("0." + digits + "E" + (exponent + 1));
        }
    }

    /**
     * Python {@code '%f' % x}, i.e. {@link #percentF(double, int)} with precision 6.
     *
     * @param x the value
     * @return the formatted value
     */
    public static String percentF(double x) {
        return percentF(x, 6);
    }

    /**
     * Python {@code '%.Nf' % x}: the exact binary value rounded half-even to {@code precision}
     * decimals ({@code %.0f} prints no decimal point). A negative value that rounds to zero, and
     * negative zero, keep their minus sign; specials print as {@code nan}, {@code inf}, {@code -inf}.
     *
     * @param x the value
     * @param precision the number of decimals, at least 0
     * @return the formatted value
     */
    public static String percentF(double x, int precision) {
        if (precision < 0) {
            throw new IllegalArgumentException("precision must be >= 0: " + precision);
        }
        if (Double.isNaN(x)) {
            return "nan";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        String fixed = precision <= ExactFixed.MAX_PRECISION ? ExactFixed.format(x, precision) : null;
        if (fixed != null) {
            return fixed;
        }
        String s = new BigDecimal(x).setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
        return isNegative(x) && !s.startsWith("-") ? "-" + s : s;
    }

    /**
     * Python {@code '%g' % x}, i.e. {@link #percentG(double, int, int)} with width 0 and precision 6.
     *
     * @param x the value
     * @return the formatted value
     */
    public static String percentG(double x) {
        return percentG(x, 0, 6);
    }

    /**
     * Python (and C) {@code '%W.Pg' % x}: the exact binary value rounded half-even to {@code P}
     * significant digits (0 means 1); fixed notation when the exponent X of the rounded value satisfies
     * -4 &lt;= X &lt; P, else {@code d.ddde+XX}; trailing zeros and a trailing point are removed; the
     * result is right-aligned in {@code width} columns. Specials print as {@code nan}, {@code inf},
     * {@code -inf}.
     *
     * @param x the value
     * @param width the minimum field width (0 for none)
     * @param precision the number of significant digits, at least 0
     * @return the formatted value
     */
    public static String percentG(double x, int width, int precision) {
        if (precision < 0) {
            throw new IllegalArgumentException("precision must be >= 0: " + precision);
        }
        int p = Math.max(precision, 1);
        String body;
        if (Double.isNaN(x)) {
            body = "nan";
        } else if (Double.isInfinite(x)) {
            body = x > 0 ? "inf" : "-inf";
        } else {
            String sign = isNegative(x) ? "-" : "";
            BigDecimal rounded =
                    new BigDecimal(Math.abs(x)).round(new MathContext(p, RoundingMode.HALF_EVEN));
            Decimal decimal = rounded.signum() == 0 ? new Decimal("0", 0) : Decimal.of(rounded);
            body = sign + layout(decimal.digits(), decimal.exponent(), p, false);
        }
        if (body.length() >= width) {
            return body;
        }
        return " ".repeat(width - body.length()) + body;
    }

    /** True for values with the sign bit set, except NaN (which Python always prints unsigned). */
    private static boolean isNegative(double x) {
        return !Double.isNaN(x) && (Double.doubleToRawLongBits(x) < 0);
    }

    /**
     * The shortest decimal that rounds to {@code a} (finite, positive), closest to {@code a} among the
     * shortest, as Python's repr picks it. {@link Double#toString(double)} gives the shortest digits
     * except that it prefers a closer two-digit decimal over a one-digit one (4.9E-324 where Python
     * prints 5e-324), so one-digit candidates are tried explicitly.
     *
     * <p>No BigDecimal unless two one-digit candidates both round to {@code a} (next to never):
     * BigDecimal's first use costs about 9 ms, a third of a {@code whisper info}.
     */
    private static Decimal shortest(double a) {
        Decimal java = Decimal.ofJava(Double.toString(a));
        if (java.digits().length() != 2) {
            return java;
        }
        int first = java.digits().charAt(0) - '0';
        Decimal down = new Decimal(Integer.toString(first), java.exponent());
        Decimal up = first == 9
                ? new Decimal("1", java.exponent() + 1)
                : new Decimal(Integer.toString(first + 1), java.exponent());
        boolean downFits = down.value() == a;
        boolean upFits = up.value() == a;
        if (downFits != upFits) {
            return downFits ? down : up;
        }
        if (!downFits) {
            return java;
        }
        // Both round to a: the closer to a's exact value, the even digit on a tie.
        BigDecimal exact = new BigDecimal(a);
        BigDecimal low = new BigDecimal("0." + down.digits() + "E" + (down.exponent() + 1));
        BigDecimal high = new BigDecimal("0." + up.digits() + "E" + (up.exponent() + 1));
        int cmp = high.subtract(exact).abs().compareTo(low.subtract(exact).abs());
        boolean upEven = (up.digits().charAt(0) - '0') % 2 == 0;
        return cmp < 0 || (cmp == 0 && upEven) ? up : down;
    }

    /**
     * Lays out a non-negative decimal (its significant digits and the exponent of the first) in
     * fixed notation when the exponent X satisfies -4 &lt;= X &lt; {@code fixedLimit}, else in
     * Python exponent form. {@code pointZero} appends {@code .0} to integral fixed-notation results.
     */
    private static String layout(String digits, int exp, int fixedLimit, boolean pointZero) {
        int n = digits.length();
        StringBuilder out = new StringBuilder(n + 8);
        if (exp >= -4 && exp < fixedLimit) {
            if (exp < 0) {
                out.append("0.").append("0".repeat(-exp - 1)).append(digits);
            } else if (n <= exp + 1) {
                out.append(digits).append("0".repeat(exp + 1 - n));
                if (pointZero) {
                    out.append(".0");
                }
            } else {
                out.append(digits, 0, exp + 1).append('.').append(digits, exp + 1, n);
            }
        } else {
            out.append(digits.charAt(0));
            if (n > 1) {
                out.append('.').append(digits, 1, n);
            }
            out.append('e').append(exp < 0 ? '-' : '+');
            int e = Math.abs(exp);
            if (e < 10) {
                out.append('0');
            }
            out.append(e);
        }
        return out.toString();
    }
}
