package io.whisper.cli.py;

import java.math.BigInteger;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Python {@code repr()} and {@code str()} of simple values: {@code null} (None), Boolean, integer types,
 * Double/Float, String, List and Map (in the map's iteration order, as a Python dict keeps insertion
 * order).
 */
public final class PyRepr {

    private PyRepr() {
    }

    /**
     * Python {@code str(value)}, as {@code print(value)} shows it: a String prints as itself, everything
     * else as {@link #repr(Object)} (so strings inside lists and dicts are quoted).
     *
     * @param value the value
     * @return the Python {@code str}
     * @throws IllegalArgumentException for an unsupported type
     */
    public static String str(Object value) {
        return value instanceof String s ? s : repr(value);
    }

    /**
     * Python {@code repr(value)}: {@code None}, {@code True}/{@code False}, integers, float repr,
     * quoted strings, {@code [a, b]} and {@code {'k': v}}. A list or map that contains itself prints as
     * {@code [...]} / {@code {...}}.
     *
     * @param value the value
     * @return the Python {@code repr}
     * @throws IllegalArgumentException for an unsupported type
     */
    public static String repr(Object value) {
        StringBuilder out = new StringBuilder();
        append(out, value, Collections.newSetFromMap(new IdentityHashMap<>()));
        return out.toString();
    }

    /**
     * Python {@code repr(s)} of a string, as {@link #repr(Object)} prints a String: single quotes
     * unless the string contains a single quote and no double quote; backslash escapes for that quote,
     * the backslash, tab, newline and carriage return; 2-, 4- or 8-digit hex escapes (backslash
     * followed by x, u or U) for other non-printable characters, lone surrogates included; printable
     * non-ASCII characters are kept.
     *
     * @param s the string
     * @return the quoted string
     */
    public static String quote(String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder out = new StringBuilder(s.length() + 2);
        out.append(quote);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == quote || cp == '\\') {
                out.append('\\').appendCodePoint(cp);
            } else if (cp == '\t') {
                out.append("\\t");
            } else if (cp == '\n') {
                out.append("\\n");
            } else if (cp == '\r') {
                out.append("\\r");
            } else if (cp < ' ' || cp == 0x7f) {
                hex(out, "\\x", cp, 2);
            } else if (cp < 0x7f || isPrintable(cp)) {
                out.appendCodePoint(cp);
            } else if (cp <= 0xff) {
                hex(out, "\\x", cp, 2);
            } else if (cp <= 0xffff) {
                hex(out, "\\u", cp, 4);
            } else {
                hex(out, "\\U", cp, 8);
            }
        }
        return out.append(quote).toString();
    }

    /** Python's {@code str.isprintable()} for one non-ASCII code point. */
    private static boolean isPrintable(int cp) {
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                    Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SPACE_SEPARATOR -> false;
            default -> true;
        };
    }

    private static void hex(StringBuilder out, String prefix, int cp, int width) {
        String h = Integer.toHexString(cp);
        out.append(prefix).append("0".repeat(width - h.length())).append(h);
    }

    // An if chain, not a pattern switch (docs/startup.md).
    private static void append(StringBuilder out, Object value, Set<Object> active) {
        if (value == null) {
            out.append("None");
        } else if (value instanceof Boolean b) {
            out.append(b ? "True" : "False");
        } else if (isInteger(value)) {
            out.append(((Number) value).longValue());
        } else if (value instanceof BigInteger b) {
            out.append(b);
        } else if (value instanceof Double d) {
            out.append(PyFloat.repr(d));
        } else if (value instanceof Float f) {
            out.append(PyFloat.repr(f));
        } else if (value instanceof String s) {
            out.append(quote(s));
        } else if (value instanceof List<?> list) {
            if (!active.add(list)) {
                out.append("[...]");
                return;
            }
            out.append('[');
            boolean first = true;
            for (Object item : list) {
                if (!first) {
                    out.append(", ");
                }
                first = false;
                append(out, item, active);
            }
            out.append(']');
            active.remove(list);
        } else if (value instanceof Map<?, ?> map) {
            if (!active.add(map)) {
                out.append("{...}");
                return;
            }
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    out.append(", ");
                }
                first = false;
                append(out, e.getKey(), active);
                out.append(": ");
                append(out, e.getValue(), active);
            }
            out.append('}');
            active.remove(map);
        } else {
            throw new IllegalArgumentException("no Python repr for " + value.getClass().getName());
        }
    }

    /** True for the Java types that stand for a Python int (BigInteger aside). */
    static boolean isInteger(Object value) {
        return value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte;
    }
}
