package io.whisper.cli.py;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PyJsonTest {

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void dumps_infoLayout_matchesPythonIndent2() {
        Map<String, Object> info = map("aggregationMethod", "max", "maxRetention", 3600L,
                "xFilesFactor", (double) 0.3f, "archives", List.of(
                        map("offset", 40L, "secondsPerPoint", 60L, "points", 10L, "retention", 600L, "size", 120L),
                        map("offset", 160L, "secondsPerPoint", 300L, "points", 12L, "retention", 3600L,
                                "size", 144L)),
                "fileSize", 304L);
        String expected = """
                {
                  "aggregationMethod": "max",
                  "maxRetention": 3600,
                  "xFilesFactor": 0.30000001192092896,
                  "archives": [
                    {
                      "offset": 40,
                      "secondsPerPoint": 60,
                      "points": 10,
                      "retention": 600,
                      "size": 120
                    },
                    {
                      "offset": 160,
                      "secondsPerPoint": 300,
                      "points": 12,
                      "retention": 3600,
                      "size": 144
                    }
                  ],
                  "fileSize": 304
                }""";
        assertEquals(expected, PyJson.dumps(info, 2, ",", ": ", false));
        assertEquals(expected, PyJson.dumps(info, 2, false));
    }

    @Test
    void dumps_diffLayout_sortsKeysAndRendersEmptyList() {
        Map<String, Object> diff = map("path_a", "a.wsp", "path_b", "b.wsp", "archives", List.of(
                map("archive", 0L, "total", 4L, "points", 3L, "datapoint", List.of(
                        map("timestamp", 1795564560L, "value_a", 2.0, "value_b", 2.5),
                        map("timestamp", 1795564620L, "value_a", 3.0, "value_b", null))),
                map("archive", 1L, "total", 0L, "points", 0L, "datapoint", List.of())));
        String expected = """
                {
                  "archives" : [
                    {
                      "archive" : 0,
                      "datapoint" : [
                        {
                          "timestamp" : 1795564560,
                          "value_a" : 2.0,
                          "value_b" : 2.5
                        },
                        {
                          "timestamp" : 1795564620,
                          "value_a" : 3.0,
                          "value_b" : null
                        }
                      ],
                      "points" : 3,
                      "total" : 4
                    },
                    {
                      "archive" : 1,
                      "datapoint" : [],
                      "points" : 0,
                      "total" : 0
                    }
                  ],
                  "path_a" : "a.wsp",
                  "path_b" : "b.wsp"
                }""";
        assertEquals(expected, PyJson.dumps(diff, 2, ",", " : ", true));
    }

    @Test
    void dumps_noIndent_usesDefaultSeparatorsAndCompactEmpties() {
        assertEquals("{\"b\": [1, {}], \"a\": [[]]}",
                PyJson.dumps(map("b", List.of(1L, map()), "a", List.of(List.of()))));
        assertEquals("[]", PyJson.dumps(List.of(), 4, false));
        assertEquals("{}", PyJson.dumps(map(), 4, true));
        assertEquals("[1,2]", PyJson.dumps(List.of(1, 2), null, ",", ":", false));
    }

    @Test
    void dumps_indentZeroOrNegative_breaksLinesWithoutSpaces() {
        assertEquals("{\n\"b\": [\n1,\n{}\n],\n\"a\": \"\\u00e9\\\"\\\\\\u001f\\u007f\"\n}",
                PyJson.dumps(map("b", List.of(1L, map()), "a", "\u00e9\"\\\u001f\u007f"), 0, false));
        assertEquals("[\n1,\n[\n2\n]\n]", PyJson.dumps(List.of(1L, List.of(2L)), -1, false));
    }

    @Test
    void dumps_scalars_matchPython() {
        assertEquals("null", PyJson.dumps(null));
        assertEquals("true", PyJson.dumps(true));
        assertEquals("[NaN, Infinity, -Infinity, -0.0, 1e+16, 1e-05, 5e-324]", PyJson.dumps(Arrays.asList(
                Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 1e16, 1e-5, Double.MIN_VALUE)));
        assertEquals("[123456789012345678901234567890, -5]",
                PyJson.dumps(List.of(new BigInteger("123456789012345678901234567890"), -5)));
        assertEquals("\"\\b\\f\\n\\r\\t\\u0000 ~\\u0080\\ud83d\\ude00\\ud800\"",
                PyJson.dumps("\b\f\n\r\t\u0000 ~\u0080\ud83d\ude00\ud800"));
    }

    @Test
    void dumps_sortKeys_comparesByCodePoint() {
        Map<String, Object> m = map("z", 1L, "\ud83d\ude00", 2L, "\uffff", 3L, "A", 4L);
        assertEquals("{\"A\": 4, \"z\": 1, \"\\uffff\": 3, \"\\ud83d\\ude00\": 2}", PyJson.dumps(m, null, true));
    }

    @Test
    void dumps_nonStringKeys_convertedAndSortedByValue() {
        Map<Object, Object> m = new LinkedHashMap<>();
        m.put(3L, 1L);
        m.put(1.5, 2L);
        m.put(true, 3L);
        m.put(2, 4L);
        assertEquals("{\"true\": 3, \"1.5\": 2, \"2\": 4, \"3\": 1}", PyJson.dumps(m, null, true));
        assertEquals("{\"3\": 1, \"1.5\": 2, \"true\": 3, \"2\": 4}", PyJson.dumps(m));
        Map<Object, Object> mixed = new LinkedHashMap<>();
        mixed.put("a", 1L);
        mixed.put(1L, 2L);
        assertThrows(IllegalArgumentException.class, () -> PyJson.dumps(mixed, null, true));
        assertEquals("{\"a\": 1, \"1\": 2}", PyJson.dumps(mixed));
        Map<Object, Object> special = new LinkedHashMap<>();
        special.put(null, 1L);
        special.put(Double.NaN, 2L);
        special.put(false, 3L);
        assertEquals("{\"null\": 1, \"NaN\": 2, \"false\": 3}", PyJson.dumps(special));
    }

    @Test
    void dumps_unsupportedOrCircular_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> PyJson.dumps(new Object()));
        assertThrows(IllegalArgumentException.class, () -> PyJson.dumps(Map.of(List.of(), 1L)));
        List<Object> self = new ArrayList<>();
        self.add(self);
        assertEquals("Circular reference detected",
                assertThrows(IllegalArgumentException.class, () -> PyJson.dumps(self)).getMessage());
    }

    // ---- against the reference Python ----

    private static final String PY_JSON = """
            import sys, json
            for line in sys.stdin:
                obj = json.loads(bytes.fromhex(line.strip()).decode('ascii'))
                outs = [json.dumps(obj),
                        json.dumps(obj, indent=2, separators=(',', ': ')),
                        json.dumps(obj, sort_keys=True, indent=2, separators=(',', ' : ')),
                        json.dumps(obj, indent=0),
                        json.dumps(obj, indent=4, sort_keys=True),
                        json.dumps(obj, separators=(',', ':'), sort_keys=True)]
                print('\\t'.join(o.encode('ascii').hex() for o in outs))
            """;

    @Test
    void dumps_randomNestedValues_matchReferencePython() {
        PythonOracle.assumeAvailable();
        Random r = new Random(99);
        List<Object> values = new ArrayList<>();
        List<Double> doubles = PyFloatTest.randomDoubles(400);
        for (int i = 0; i < 300; i++) {
            values.add(randomValue(r, doubles, 0));
        }
        HexFormat hf = HexFormat.of();
        List<String> lines = values.stream()
                .map(v -> hf.formatHex(PyJson.dumps(v).getBytes(StandardCharsets.US_ASCII))).toList();
        List<String> expected = PythonOracle.run(PY_JSON, lines);
        for (int i = 0; i < values.size(); i++) {
            Object v = values.get(i);
            String[] want = expected.get(i).split("\t");
            String[] got = {PyJson.dumps(v), PyJson.dumps(v, 2, ",", ": ", false),
                PyJson.dumps(v, 2, ",", " : ", true), PyJson.dumps(v, 0, false), PyJson.dumps(v, 4, true),
                PyJson.dumps(v, null, ",", ":", true)};
            assertEquals(got.length, want.length);
            for (int k = 0; k < got.length; k++) {
                assertEquals(new String(hf.parseHex(want[k]), StandardCharsets.US_ASCII), got[k],
                        "value " + i + " option set " + k);
            }
        }
    }

    private static final String[] KEY_PARTS = {"a", "b", "Z", "_", " ", "\u00e9", "\ud83d\ude00", "\uffff",
        "\"", "\\", "\n", "\u0001", "\u007f", "\ud800", "10", "2"};

    private static Object randomValue(Random r, List<Double> doubles, int depth) {
        int kind = r.nextInt(depth >= 3 ? 6 : 8);
        return switch (kind) {
            case 0 -> null;
            case 1 -> r.nextBoolean();
            case 2 -> r.nextInt(3) == 0 ? (Object) r.nextLong() : (Object) (long) r.nextInt(1000);
            case 3, 4 -> doubles.get(r.nextInt(doubles.size()));
            case 5 -> randomString(r);
            case 6 -> {
                List<Object> list = new ArrayList<>();
                int n = r.nextInt(5);
                for (int i = 0; i < n; i++) {
                    list.add(randomValue(r, doubles, depth + 1));
                }
                yield list;
            }
            default -> {
                Map<String, Object> m = new LinkedHashMap<>();
                int n = r.nextInt(5);
                for (int i = 0; i < n; i++) {
                    m.put(randomString(r), randomValue(r, doubles, depth + 1));
                }
                yield m;
            }
        };
    }

    private static String randomString(Random r) {
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
            sb.append(KEY_PARTS[r.nextInt(KEY_PARTS.length)]);
        }
        return sb.toString();
    }
}
