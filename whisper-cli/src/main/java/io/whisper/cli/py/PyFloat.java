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
        double a = Math.abs(x);
        BigDecimal shortest = shortest(a);
        return sign + layout(shortest, 16, true);
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
            body = sign + layout(rounded, p, false);
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
     */
    private static BigDecimal shortest(double a) {
        BigDecimal java = new BigDecimal(Double.toString(a)).stripTrailingZeros();
        if (java.precision() != 2) {
            return java;
        }
        BigDecimal exact = new BigDecimal(a);
        BigDecimal best = null;
        for (RoundingMode mode : new RoundingMode[] {RoundingMode.FLOOR, RoundingMode.CEILING}) {
            BigDecimal candidate = exact.round(new MathContext(1, mode));
            if (candidate.signum() == 0 || Double.parseDouble(candidate.toString()) != a) {
                continue;
            }
            if (best == null) {
                best = candidate;
                continue;
            }
            int cmp = candidate.subtract(exact).abs().compareTo(best.subtract(exact).abs());
            if (cmp < 0 || (cmp == 0 && !candidate.unscaledValue().testBit(0))) {
                best = candidate;
            }
        }
        return best == null ? java : best.stripTrailingZeros();
    }

    /**
     * Lays out a non-negative decimal, trailing zeros stripped, in fixed notation when its exponent X
     * satisfies -4 &lt;= X &lt; {@code fixedLimit}, else in Python exponent form. {@code pointZero}
     * appends {@code .0} to integral fixed-notation results.
     */
    private static String layout(BigDecimal value, int fixedLimit, boolean pointZero) {
        String digits;
        int exp;
        if (value.signum() == 0) {
            digits = "0";
            exp = 0;
        } else {
            BigDecimal v = value.stripTrailingZeros();
            digits = v.unscaledValue().abs().toString();
            exp = v.precision() - v.scale() - 1;
        }
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
