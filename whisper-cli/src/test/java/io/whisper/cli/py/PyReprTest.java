package io.whisper.cli.py;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PyReprTest {

    @Test
    void repr_scalars_matchPython() {
        assertEquals("None", PyRepr.repr(null));
        assertEquals("True", PyRepr.repr(true));
        assertEquals("False", PyRepr.repr(false));
        assertEquals("300", PyRepr.repr(300L));
        assertEquals("-7", PyRepr.repr(-7));
        assertEquals("123456789012345678901234567890", PyRepr.repr(new BigInteger("123456789012345678901234567890")));
        assertEquals("0.30000001192092896", PyRepr.repr(0.30000001192092896));
        assertEquals("2.0", PyRepr.repr(2.0));
        assertEquals("nan", PyRepr.repr(Double.NaN));
        assertEquals("'max'", PyRepr.repr("max"));
    }

    @Test
    void str_topLevelString_isUnquoted() {
        assertEquals("max", PyRepr.str("max"));
        assertEquals("None", PyRepr.str(null));
        assertEquals("3600", PyRepr.str(3600L));
        assertEquals("0.5", PyRepr.str(0.5));
        assertEquals("['a']", PyRepr.str(List.of("a")));
    }

    @Test
    void quote_quotesChoice_followsPython() {
        assertEquals("'abc'", PyRepr.quote("abc"));
        assertEquals("\"it's\"", PyRepr.quote("it's"));
        assertEquals("'a\"b'", PyRepr.quote("a\"b"));
        assertEquals("'a\\'b\"c'", PyRepr.quote("a'b\"c"));
        assertEquals("''", PyRepr.quote(""));
    }

    @Test
    void quote_controlAndNonAscii_escapedAsPython() {
        assertEquals("'\\x00\\x7f\\x80\\xa0\\xad\\u2028\ud83d\ude00\\ud800\u00e9\\\\\\t\\n\\r'",
                PyRepr.quote("\u0000\u007f\u0080\u00a0\u00ad\u2028\ud83d\ude00\ud800\u00e9\\\t\n\r"));
        assertEquals("'\\U000f0000'", PyRepr.quote(new String(Character.toChars(0xf0000))));
        assertEquals("'\\u0378'", PyRepr.quote("\u0378"));
    }

    @Test
    void repr_listAndMap_useInsertionOrderAndPythonSpacing() {
        Map<String, Object> archive = new LinkedHashMap<>();
        archive.put("offset", 40L);
        archive.put("secondsPerPoint", 60L);
        archive.put("points", 10L);
        archive.put("retention", 600L);
        archive.put("size", 120L);
        assertEquals("[{'offset': 40, 'secondsPerPoint': 60, 'points': 10, 'retention': 600, 'size': 120}]",
                PyRepr.repr(List.of(archive)));
        assertEquals("[]", PyRepr.repr(List.of()));
        assertEquals("{}", PyRepr.repr(Map.of()));
        Map<Object, Object> mixed = new LinkedHashMap<>();
        mixed.put(1L, null);
        mixed.put(null, Arrays.asList(1.5, "x", true, null));
        assertEquals("{1: None, None: [1.5, 'x', True, None]}", PyRepr.repr(mixed));
    }

    @Test
    void repr_selfContainingList_printsEllipsis() {
        List<Object> list = new ArrayList<>();
        list.add(1L);
        list.add(list);
        assertEquals("[1, [...]]", PyRepr.repr(list));
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("me", map);
        assertEquals("{'me': {...}}", PyRepr.repr(map));
    }

    @Test
    void repr_unsupportedType_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> PyRepr.repr(new Object()));
    }

    private static final String PY_REPR = """
            import sys
            for line in sys.stdin:
                s = bytes.fromhex(line.strip()[1:]).decode('utf-16-be', 'surrogatepass')
                print(repr(s).encode('utf-16-be', 'surrogatepass').hex())
            """;

    @Test
    void quote_randomStrings_matchReferencePython() {
        PythonOracle.assumeAvailable();
        int[] pool = {'a', 'Z', '0', ' ', '\'', '"', '\\', '\t', '\n', '\r', 0, 1, 0x1b, 0x1f, 0x7e, 0x7f, 0x80,
            0x85, 0x9f, 0xa0, 0xa1, 0xad, 0xe9, 0xff, 0x100, 0x378, 0x3b1, 0x600, 0x2000, 0x200b, 0x2028,
            0x2029, 0x202f, 0x3000, 0x4e2d, 0xd800, 0xdc00, 0xe000, 0xfeff, 0xfffd, 0xffff, 0x1f600, 0x1d7ce,
            0xe0001, 0xf0000, 0x10ffff};
        Random r = new Random(7);
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            StringBuilder sb = new StringBuilder();
            int len = r.nextInt(6);
            for (int k = 0; k < len; k++) {
                sb.appendCodePoint(pool[r.nextInt(pool.length)]);
            }
            inputs.add(sb.toString());
        }
        List<String> hex = inputs.stream().map(s -> "x" + PythonOracle.utf16Hex(s)).toList();
        List<String> expected = PythonOracle.run(PY_REPR, hex);
        for (int i = 0; i < inputs.size(); i++) {
            assertEquals(PythonOracle.fromUtf16Hex(expected.get(i)), PyRepr.quote(inputs.get(i)),
                    "input hex " + hex.get(i));
        }
    }
}
