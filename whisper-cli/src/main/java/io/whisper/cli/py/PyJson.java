package io.whisper.cli.py;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Python's {@code json.dumps} (with {@code ensure_ascii=True}, {@code allow_nan=True}) for nested
 * Map/List/String/integer/Double/Boolean/{@code null} values. Maps are written in iteration order
 * (a {@code LinkedHashMap} behaves like a Python dict) unless keys are sorted.
 */
public final class PyJson {

    private PyJson() {
    }

    /**
     * {@code json.dumps(obj)}: no indentation, separators {@code (', ', ': ')}.
     *
     * @param obj the value
     * @return the JSON text
     * @throws IllegalArgumentException where Python raises (unsupported type, bad key, cycle)
     */
    public static String dumps(Object obj) {
        return dumps(obj, null, false);
    }

    /**
     * {@code json.dumps(obj, indent=indent, sort_keys=sortKeys)} with Python's default separators:
     * {@code (', ', ': ')} without indent, {@code (',', ': ')} with one.
     *
     * @param obj the value
     * @param indent spaces per level, or {@code null} for a single line
     * @param sortKeys whether to sort each map's keys
     * @return the JSON text
     * @throws IllegalArgumentException where Python raises (unsupported type, bad key, cycle)
     */
    public static String dumps(Object obj, Integer indent, boolean sortKeys) {
        return dumps(obj, indent, indent == null ? ", " : ",", ": ", sortKeys);
    }

    /**
     * {@code json.dumps(obj, indent=indent, separators=(itemSeparator, keySeparator),
     * sort_keys=sortKeys)}. With an indent, each item goes on its own line indented by
     * {@code indent * depth} spaces (none for 0 or less), the item separator ending the line as given;
     * empty lists and maps are always {@code []} and {@code {}}. Floats use Python's repr (and
     * {@code NaN}, {@code Infinity}, {@code -Infinity}); strings are escaped to ASCII, with lowercase
     * four-digit hex escapes for characters outside space..tilde. Map keys may be strings, integers,
     * floats, booleans or {@code null} (converted as Python does); sorting compares strings by code
     * point and numbers by value, and rejects a mix of the two as Python's {@code TypeError}.
     *
     * @param obj the value
     * @param indent spaces per level, or {@code null} for a single line
     * @param itemSeparator written between items
     * @param keySeparator written between a key and its value
     * @param sortKeys whether to sort each map's keys
     * @return the JSON text
     * @throws IllegalArgumentException where Python raises (unsupported type, bad key, cycle)
     */
    public static String dumps(Object obj, Integer indent, String itemSeparator, String keySeparator,
            boolean sortKeys) {
        Writer w = new Writer(indent == null ? null : " ".repeat(Math.max(indent, 0)), itemSeparator,
                keySeparator, sortKeys);
        w.value(obj, 0);
        return w.out.toString();
    }

    /** One {@code dumps} call's options, output and cycle check. */
    private static final class Writer {
        private final String indent;
        private final String itemSeparator;
        private final String keySeparator;
        private final boolean sortKeys;
        private final StringBuilder out = new StringBuilder();
        private final Set<Object> active = Collections.newSetFromMap(new IdentityHashMap<>());

        Writer(String indent, String itemSeparator, String keySeparator, boolean sortKeys) {
            this.indent = indent;
            this.itemSeparator = itemSeparator;
            this.keySeparator = keySeparator;
            this.sortKeys = sortKeys;
        }

        // An if chain, not a pattern switch (docs/startup.md).
        void value(Object o, int level) {
            if (o instanceof String s) {
                string(s);
            } else if (o == null) {
                out.append("null");
            } else if (o instanceof Boolean b) {
                out.append(b ? "true" : "false");
            } else if (PyRepr.isInteger(o)) {
                out.append(((Number) o).longValue());
            } else if (o instanceof BigInteger b) {
                out.append(b);
            } else if (o instanceof Double d) {
                out.append(floatText(d));
            } else if (o instanceof Float f) {
                out.append(floatText(f));
            } else if (o instanceof List<?> list) {
                list(list, level);
            } else if (o instanceof Map<?, ?> map) {
                map(map, level);
            } else {
                throw new IllegalArgumentException(
                        "Object of type " + o.getClass().getSimpleName() + " is not JSON serializable");
            }
        }

        private void list(List<?> list, int level) {
            if (list.isEmpty()) {
                out.append("[]");
                return;
            }
            enter(list);
            out.append('[');
            String separator = open(level + 1);
            boolean first = true;
            for (Object item : list) {
                if (!first) {
                    out.append(separator);
                }
                first = false;
                value(item, level + 1);
            }
            close(level);
            out.append(']');
            active.remove(list);
        }

        private void map(Map<?, ?> map, int level) {
            if (map.isEmpty()) {
                out.append("{}");
                return;
            }
            enter(map);
            List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
            if (sortKeys) {
                entries.sort((a, b) -> compareKeys(a.getKey(), b.getKey()));
            }
            out.append('{');
            String separator = open(level + 1);
            boolean first = true;
            for (Map.Entry<?, ?> e : entries) {
                if (!first) {
                    out.append(separator);
                }
                first = false;
                string(keyText(e.getKey()));
                out.append(keySeparator);
                value(e.getValue(), level + 1);
            }
            close(level);
            out.append('}');
            active.remove(map);
        }

        private void enter(Object container) {
            if (!active.add(container)) {
                throw new IllegalArgumentException("Circular reference detected");
            }
        }

        /** Starts the items of a container at {@code level}; returns the separator between items. */
        private String open(int level) {
            if (indent == null) {
                return itemSeparator;
            }
            String newlineIndent = "\n" + indent.repeat(level);
            out.append(newlineIndent);
            return itemSeparator + newlineIndent;
        }

        private void close(int level) {
            if (indent != null) {
                out.append('\n').append(indent.repeat(level));
            }
        }

        /** {@code py_encode_basestring_ascii}: escapes everything outside space..tilde. */
        private void string(String s) {
            out.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '\\' -> out.append("\\\\");
                    case '"' -> out.append("\\\"");
                    case '\b' -> out.append("\\b");
                    case '\f' -> out.append("\\f");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (c >= ' ' && c <= '~') {
                            out.append(c);
                        } else {
                            String h = Integer.toHexString(c);
                            out.append('\\').append('u').append("0".repeat(4 - h.length())).append(h);
                        }
                    }
                }
            }
            out.append('"');
        }
    }

    /** Python json's float text: {@code float.__repr__}, with NaN and the infinities spelled out. */
    private static String floatText(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        return PyFloat.repr(d);
    }

    /** How Python json turns a dict key into a string (an if chain: see PyRepr.append). */
    private static String keyText(Object key) {
        if (key instanceof String s) {
            return s;
        } else if (key instanceof Double d) {
            return floatText(d);
        } else if (key instanceof Float f) {
            return floatText(f);
        } else if (key instanceof Boolean b) {
            return b ? "true" : "false";
        } else if (key == null) {
            return "null";
        } else if (PyRepr.isInteger(key) || key instanceof BigInteger) {
            return key.toString();
        }
        throw new IllegalArgumentException("keys must be str, int, float, bool or None, not "
                + key.getClass().getSimpleName());
    }

    /** Python's {@code <} on two dict keys: strings by code point, numbers (and booleans) by value. */
    private static int compareKeys(Object a, Object b) {
        if (a instanceof String x && b instanceof String y) {
            return compareCodePoints(x, y);
        }
        BigDecimal x = numericKey(a);
        BigDecimal y = numericKey(b);
        if (x == null || y == null) {
            throw new IllegalArgumentException("'<' not supported between instances of "
                    + typeName(a) + " and " + typeName(b));
        }
        return x.compareTo(y);
    }

    private static int compareCodePoints(String x, String y) {
        int i = 0;
        int j = 0;
        while (i < x.length() && j < y.length()) {
            int cx = x.codePointAt(i);
            int cy = y.codePointAt(j);
            if (cx != cy) {
                return Integer.compare(cx, cy);
            }
            i += Character.charCount(cx);
            j += Character.charCount(cy);
        }
        return Boolean.compare(i < x.length(), j < y.length());
    }

    /** The exact value of a numeric or boolean key; {@code null} for other keys and non-finite floats. */
    private static BigDecimal numericKey(Object k) {
        return switch (k) {
            case Boolean b -> b ? BigDecimal.ONE : BigDecimal.ZERO;
            case BigInteger b -> new BigDecimal(b);
            case Long l -> BigDecimal.valueOf(l);
            case Integer i -> BigDecimal.valueOf(i);
            case Short s -> BigDecimal.valueOf(s);
            case Byte b -> BigDecimal.valueOf(b);
            case Double d -> Double.isFinite(d) ? new BigDecimal(d) : null;
            case Float f -> Float.isFinite(f) ? new BigDecimal(f) : null;
            case null, default -> null;
        };
    }

    private static String typeName(Object o) {
        return switch (o) {
            case null -> "'NoneType'";
            case String _ -> "'str'";
            case Boolean _ -> "'bool'";
            case Double _, Float _ -> "'float'";
            default -> o instanceof Number ? "'int'" : "'" + o.getClass().getSimpleName() + "'";
        };
    }
}
