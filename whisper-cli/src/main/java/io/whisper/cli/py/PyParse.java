package io.whisper.cli.py;

import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * Parses strings as CPython's {@code int(s)} (base 10) and {@code float(s)} do, with the same
 * {@code ValueError} messages (as {@link NumberFormatException}s).
 */
public final class PyParse {

    /** CPython's default {@code sys.get_int_max_str_digits()}. */
    private static final int INT_MAX_STR_DIGITS = 4300;

    /** What {@code _Py_dg_strtod} accepts once the sign, underscores and inf/nan are dealt with. */
    private static final Pattern DECIMAL =
            Pattern.compile("(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");

    private static final long NEGATIVE_NAN_BITS = 0xfff8000000000000L;

    private PyParse() {
    }

    /**
     * Python {@code int(s)} in base 10, limited to the {@code long} range.
     *
     * @param s the text
     * @return the value
     * @throws NumberFormatException as {@link #parseBigInteger(String)}
     * @throws ArithmeticException if the value does not fit in a {@code long}, with Python's
     *     {@code OverflowError} text "Python int too large to convert to C long"
     */
    public static long parseInt(String s) {
        BigInteger value = parseBigInteger(s);
        if (value.bitLength() > 63) {
            throw new ArithmeticException("Python int too large to convert to C long");
        }
        return value.longValue();
    }

    /**
     * Python {@code int(s)} in base 10: surrounding whitespace, an optional sign, and digits (any
     * Unicode decimal digits) with single underscores between them; at most 4300 digits.
     *
     * @param s the text
     * @return the value
     * @throws NumberFormatException with Python's message, e.g.
     *     {@code invalid literal for int() with base 10: 'abc'} (the repr cut to 200 characters)
     */
    public static BigInteger parseBigInteger(String s) {
        String t = toAscii(s);
        int end = t.length();
        int i = 0;
        while (i < end && isSpace(t.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < end && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
            negative = t.charAt(i) == '-';
            i++;
        }
        if (i < end && t.charAt(i) == '_') {
            throw invalidInt(s);
        }
        StringBuilder digits = new StringBuilder(end - i + 1);
        digits.append(negative ? '-' : '+');
        char prev = 0;
        for (; i < end; i++) {
            char c = t.charAt(i);
            if (c == '_') {
                if (prev == '_') {
                    throw invalidInt(s);
                }
            } else if (c >= '0' && c <= '9') {
                digits.append(c);
            } else {
                break;
            }
            prev = c;
        }
        int count = digits.length() - 1;
        if (prev == '_' || count == 0) {
            throw invalidInt(s);
        }
        if (count > INT_MAX_STR_DIGITS) {
            throw new NumberFormatException("Exceeds the limit (" + INT_MAX_STR_DIGITS
                    + " digits) for integer string conversion: value has " + count
                    + " digits; use sys.set_int_max_str_digits() to increase the limit");
        }
        while (i < end && isSpace(t.charAt(i))) {
            i++;
        }
        if (i != end) {
            throw invalidInt(s);
        }
        return new BigInteger(digits.toString());
    }

    /**
     * Python {@code float(s)}: surrounding whitespace, an optional sign, then {@code inf},
     * {@code infinity} or {@code nan} in any case, or a decimal number ({@code 1}, {@code 1.},
     * {@code .5}, {@code 1.5e-3}; any Unicode decimal digits) with single underscores only between
     * digits. Out-of-range values become infinity or zero. Hex ({@code 0x10}) and Java suffixes
     * ({@code 1.5d}, {@code 1f}) are rejected.
     *
     * @param s the text
     * @return the value ({@code -nan} gives a NaN with the sign bit set, as in Python)
     * @throws NumberFormatException with Python's message {@code could not convert string to float: 'abc'}
     */
    public static double parseFloat(String s) {
        String t = toAscii(s);
        int start = 0;
        int end = t.length();
        while (start < end && isSpace(t.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(t.charAt(end - 1))) {
            end--;
        }
        String body = t.substring(start, end);
        if (body.indexOf('_') >= 0) {
            body = removeUnderscores(body, s);
        }
        boolean negative = false;
        int i = 0;
        if (!body.isEmpty() && (body.charAt(0) == '+' || body.charAt(0) == '-')) {
            negative = body.charAt(0) == '-';
            i = 1;
        }
        String rest = body.substring(i);
        if (rest.equalsIgnoreCase("inf") || rest.equalsIgnoreCase("infinity")) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (rest.equalsIgnoreCase("nan")) {
            return negative ? Double.longBitsToDouble(NEGATIVE_NAN_BITS) : Double.NaN;
        }
        if (!DECIMAL.matcher(rest).matches()) {
            throw invalidFloat(s);
        }
        // Validated as plain decimal text, for which Java's parser is correctly rounded like Python's.
        return Double.parseDouble(body);
    }

    /**
     * CPython's {@code _Py_string_to_number_with_underscores}: an underscore must follow a digit and
     * be followed by one; the underscores are then dropped.
     */
    private static String removeUnderscores(String body, String original) {
        StringBuilder out = new StringBuilder(body.length());
        char prev = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '_') {
                if (!isDigit(prev)) {
                    throw invalidFloat(original);
                }
            } else {
                if (prev == '_' && !isDigit(c)) {
                    throw invalidFloat(original);
                }
                out.append(c);
            }
            prev = c;
        }
        if (prev == '_') {
            throw invalidFloat(original);
        }
        return out.toString();
    }

    /**
     * CPython's {@code _PyUnicode_TransformDecimalAndSpaceToASCII}: ASCII is kept, other Unicode
     * whitespace becomes a space, other decimal digits become ASCII digits, and anything else becomes
     * {@code ?} (which no parser accepts).
     */
    private static String toAscii(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp < 0x80) {
                out.append((char) cp);
            } else if (isUnicodeSpace(cp)) {
                out.append(' ');
            } else if (Character.getType(cp) == Character.DECIMAL_DIGIT_NUMBER) {
                out.append((char) ('0' + Character.digit(cp, 10)));
            } else {
                out.append('?');
            }
        }
        return out.toString();
    }

    /** Python's {@code str.isspace()} for a non-ASCII code point. */
    private static boolean isUnicodeSpace(int cp) {
        return cp == 0x85 || cp == 0xa0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200a)
                || cp == 0x2028 || cp == 0x2029 || cp == 0x202f || cp == 0x205f || cp == 0x3000;
    }

    /** CPython's {@code Py_ISSPACE}: the six ASCII whitespace characters only (not 0x1c-0x1f). */
    private static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static NumberFormatException invalidInt(String s) {
        String repr = PyRepr.quote(s);
        if (repr.codePointCount(0, repr.length()) > 200) {
            repr = repr.substring(0, repr.offsetByCodePoints(0, 200));
        }
        return new NumberFormatException("invalid literal for int() with base 10: " + repr);
    }

    private static NumberFormatException invalidFloat(String s) {
        return new NumberFormatException("could not convert string to float: " + PyRepr.quote(s));
    }
}
