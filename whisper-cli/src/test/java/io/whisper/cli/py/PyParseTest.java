package io.whisper.cli.py;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PyParseTest {

    // ---- int() ----

    @Test
    void parseInt_plainAndSigned_parses() {
        assertEquals(1700000000L, PyParse.parseInt("1700000000"));
        assertEquals(-5L, PyParse.parseInt("-5"));
        assertEquals(5L, PyParse.parseInt("+5"));
        assertEquals(7L, PyParse.parseInt("007"));
        assertEquals(0L, PyParse.parseInt("-0"));
    }

    @Test
    void parseInt_whitespaceAndUnderscores_acceptedAsPythonDoes() {
        assertEquals(1700000000L, PyParse.parseInt(" \t1_700_000_000\n "));
        assertEquals(5L, PyParse.parseInt("\u00855\u3000"));
        assertEquals(12L, PyParse.parseInt("\uff11\uff12"));
        assertEquals(3L, PyParse.parseInt("\u0663"));
    }

    @Test
    void parseInt_invalidLiteral_throwsPythonMessage() {
        assertEquals("invalid literal for int() with base 10: 'abc'",
                assertThrows(NumberFormatException.class, () -> PyParse.parseInt("abc")).getMessage());
        assertEquals("invalid literal for int() with base 10: '1700000000.7'",
                assertThrows(NumberFormatException.class, () -> PyParse.parseInt("1700000000.7")).getMessage());
        assertEquals("invalid literal for int() with base 10: ''",
                assertThrows(NumberFormatException.class, () -> PyParse.parseInt("")).getMessage());
        for (String bad : List.of("1__2", "_1", "1_", "+_1", "- 1", "1\u00002", "\u001c5", "5\u001f", "\u00b2",
                "0x10", "1e3", "++1", "1 2")) {
            assertThrows(NumberFormatException.class, () -> PyParse.parseInt(bad), bad);
        }
    }

    @Test
    void parseInt_longRepr_isCutTo200Characters() {
        String msg = assertThrows(NumberFormatException.class, () -> PyParse.parseInt("a".repeat(300)))
                .getMessage();
        assertEquals("invalid literal for int() with base 10: '" + "a".repeat(199), msg);
    }

    @Test
    void parseInt_overLongRange_throwsOverflow() {
        assertEquals(Long.MAX_VALUE, PyParse.parseInt("9223372036854775807"));
        assertEquals(Long.MIN_VALUE, PyParse.parseInt("-9223372036854775808"));
        assertThrows(ArithmeticException.class, () -> PyParse.parseInt("9223372036854775808"));
        assertThrows(ArithmeticException.class, () -> PyParse.parseInt("-9223372036854775809"));
        assertEquals(new BigInteger("-9223372036854775809"), PyParse.parseBigInteger("-9223372036854775809"));
    }

    @Test
    void parseBigInteger_over4300Digits_throwsLimitMessage() {
        assertEquals("Exceeds the limit (4300 digits) for integer string conversion: value has 5000 digits; "
                + "use sys.set_int_max_str_digits() to increase the limit",
                assertThrows(NumberFormatException.class, () -> PyParse.parseBigInteger("1".repeat(5000) + "x"))
                        .getMessage());
        assertEquals(4300, PyParse.parseBigInteger("9".repeat(4300)).toString().length());
    }

    // ---- float() ----

    @Test
    void parseFloat_decimalForms_parse() {
        assertEquals(1.5, PyParse.parseFloat("1.5"));
        assertEquals(5.0, PyParse.parseFloat("5."));
        assertEquals(0.5, PyParse.parseFloat(".5"));
        assertEquals(5000.0, PyParse.parseFloat("5.e3"));
        assertEquals(-0.0015, PyParse.parseFloat("  -1.5e-3  "));
        assertEquals(100000.0, PyParse.parseFloat("1E+5"));
        assertEquals(1e50, PyParse.parseFloat("1e5_0"));
        assertEquals(1000.5, PyParse.parseFloat("1_000.5"));
        assertEquals(1.5, PyParse.parseFloat("\u0661.\u0665"));
        assertEquals(1.0, PyParse.parseFloat(" \u00a0 1 \u3000"));
    }

    @Test
    void parseFloat_specialNames_anyCase() {
        assertEquals(Double.POSITIVE_INFINITY, PyParse.parseFloat("inf"));
        assertEquals(Double.POSITIVE_INFINITY, PyParse.parseFloat("+Infinity"));
        assertEquals(Double.NEGATIVE_INFINITY, PyParse.parseFloat("-InFiNiTy"));
        assertEquals(Double.NEGATIVE_INFINITY, PyParse.parseFloat(" -INF "));
        assertEquals(0x7ff8000000000000L, Double.doubleToRawLongBits(PyParse.parseFloat("NaN")));
        assertEquals(0xfff8000000000000L, Double.doubleToRawLongBits(PyParse.parseFloat("-nan")));
    }

    @Test
    void parseFloat_outOfRange_overflowsOrUnderflows() {
        assertEquals(Double.POSITIVE_INFINITY, PyParse.parseFloat("1e400"));
        assertEquals(Double.NEGATIVE_INFINITY, PyParse.parseFloat("-1e99999999999999999999"));
        assertEquals(0.0, PyParse.parseFloat("0e9999999999999999"));
        assertEquals(-0.0, PyParse.parseFloat("-1e-400"));
        assertEquals(Double.MIN_VALUE, PyParse.parseFloat("5e-324"));
    }

    @Test
    void parseFloat_javaOnlySyntax_isRejected() {
        for (String bad : List.of("0x10", "1.5d", "1f", "1D", "0x1p3", "NaN1", "nan(1)", "infinit", "Infinityy",
                ".", "1e", "e5", "1_.5", "1._5", "1e_5", "1e5_", "1e+_5", "0_.5", "+-1", "- 1", "1\u0000", "",
                " ", "+", "\u001c5", "1,5", "\u00b2", "i nf")) {
            assertThrows(NumberFormatException.class, () -> PyParse.parseFloat(bad), bad);
        }
    }

    @Test
    void parseFloat_invalid_throwsPythonMessage() {
        assertEquals("could not convert string to float: 'abc'",
                assertThrows(NumberFormatException.class, () -> PyParse.parseFloat("abc")).getMessage());
        assertEquals("could not convert string to float: \" it's \"",
                assertThrows(NumberFormatException.class, () -> PyParse.parseFloat(" it's ")).getMessage());
        assertEquals("could not convert string to float: '1_'",
                assertThrows(NumberFormatException.class, () -> PyParse.parseFloat("1_")).getMessage());
    }

    // ---- against the reference Python ----

    private static final String PY_PARSE = """
            import sys, struct
            for line in sys.stdin:
                s = bytes.fromhex(line.strip()[1:]).decode('utf-16-be', 'surrogatepass')
                try:
                    a = 'OK\\t' + str(int(s))
                except ValueError as e:
                    a = 'ERR\\t' + str(e)
                try:
                    b = 'OK\\t' + struct.pack('>d', float(s)).hex()
                except ValueError as e:
                    b = 'ERR\\t' + str(e)
                print((a + '\\t' + b).encode('utf-16-be', 'surrogatepass').hex())
            """;

    @Test
    void parseIntAndFloat_trickyStrings_matchReferencePython() {
        PythonOracle.assumeAvailable();
        List<String> inputs = trickyStrings(3000);
        List<String> hex = new ArrayList<>();
        for (String s : inputs) {
            hex.add("x" + PythonOracle.utf16Hex(s));
        }
        List<String> expected = PythonOracle.run(PY_PARSE, hex);
        int parsedInts = 0;
        int parsedFloats = 0;
        for (int i = 0; i < inputs.size(); i++) {
            String s = inputs.get(i);
            String[] want = PythonOracle.fromUtf16Hex(expected.get(i)).split("\t", -1);
            assertEquals(4, want.length, s);
            String gotInt;
            try {
                gotInt = "OK\t" + PyParse.parseBigInteger(s);
                parsedInts++;
            } catch (NumberFormatException e) {
                gotInt = "ERR\t" + e.getMessage();
            }
            String gotFloat;
            try {
                gotFloat = "OK\t" + String.format("%016x", Double.doubleToRawLongBits(PyParse.parseFloat(s)));
                parsedFloats++;
            } catch (NumberFormatException e) {
                gotFloat = "ERR\t" + e.getMessage();
            }
            assertEquals(want[0] + "\t" + want[1], gotInt, "int(" + PyRepr.quote(s) + ")");
            assertEquals(want[2] + "\t" + want[3], gotFloat, "float(" + PyRepr.quote(s) + ")");
        }
        // The generator must exercise both outcomes.
        assertTrue(parsedInts > 200, "ints parsed: " + parsedInts);
        assertTrue(parsedFloats > 500, "floats parsed: " + parsedFloats);
    }

    /** Curated and fixed-seed random strings around Python's int()/float() grammar. */
    static List<String> trickyStrings(int n) {
        List<String> out = new ArrayList<>(List.of("", " ", "0", "-0", "+0", "007", "1_000", "1__0", "_1", "1_",
                "1.", ".5", ".", "5.e3", "1e", "e5", "1e5_0", "1_.5", "1._5", "1e_5", "1e+_5", "0x10", "0X10",
                "1.5d", "1f", "1D", "0x1p3", "inf", "-inf", "+inf", "Infinity", "-InFiNiTy", "infinit", "nan",
                "-nan", "+NaN", "nan(1)", "1e400", "-1e400", "1e-400", "-1e-400", "1e99999999999999999999",
                "0e99999999999999999999", "4.9e-324", "2.4703282292062327e-324", "2.4703282292062328e-324",
                "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308",
                "9223372036854775807", "9223372036854775808", "-9223372036854775809",
                "0.1000000000000000055511151231257827", "123456789012345678901234567890e-10",
                "\u00855\u0085", "\u00a01\u3000", "\uff11\uff12", "\u0663", "\u0661.\u0665", "\u00b2",
                "\u001c5", "5\u001f", "1\u00002", "\u000b7\u000c", "\r\n8\t", "\ud800", "\ud83d\ude00",
                "\ud835\udfce", "it's", "\"1\"", "1" + "0".repeat(400), "0." + "0".repeat(400) + "1",
                "1".repeat(4300), "1".repeat(4301), "1".repeat(5000) + "x", "1_".repeat(4400) + "1",
                " " + "1".repeat(4301) + "_", "a".repeat(300), "\ud83d\ude00".repeat(300)));
        String[] atoms = {"0", "1", "5", "9", "12", "_", ".", "e", "E", "+", "-", " ", "\t", "\n", "x", "d", "f",
            "inf", "nan", "INF", "inity", "i", "n", "\u00a0", "\u0663", "\uff11", "\u001c", "\u0000", "\ud83d\ude00",
            "'", "\"", "\\", "\u00e9"};
        Random r = new Random(42);
        while (out.size() < n) {
            StringBuilder sb = new StringBuilder();
            if (r.nextBoolean()) {
                // Mostly numeric shapes: [ws][sign]digits[.digits][e[sign]digits][ws], with mutations.
                if (r.nextInt(4) == 0) {
                    sb.append(" ");
                }
                if (r.nextInt(3) == 0) {
                    sb.append(r.nextBoolean() ? '-' : '+');
                }
                digits(sb, r);
                if (r.nextInt(3) == 0) {
                    sb.append('.');
                    if (r.nextBoolean()) {
                        digits(sb, r);
                    }
                }
                if (r.nextInt(4) == 0) {
                    sb.append(r.nextBoolean() ? 'e' : 'E');
                    if (r.nextBoolean()) {
                        sb.append(r.nextBoolean() ? '-' : '+');
                    }
                    digits(sb, r);
                }
                if (r.nextInt(4) == 0) {
                    sb.append("\t ");
                }
                if (r.nextInt(5) == 0 && sb.length() > 0) {
                    sb.insert(r.nextInt(sb.length() + 1), atoms[r.nextInt(atoms.length)]);
                }
            } else {
                int len = r.nextInt(8);
                for (int k = 0; k < len; k++) {
                    sb.append(atoms[r.nextInt(atoms.length)]);
                }
            }
            out.add(sb.toString());
        }
        return out;
    }

    private static void digits(StringBuilder sb, Random r) {
        int len = 1 + r.nextInt(r.nextInt(10) == 0 ? 30 : 6);
        for (int k = 0; k < len; k++) {
            sb.append((char) ('0' + r.nextInt(10)));
            if (k + 1 < len && r.nextInt(8) == 0) {
                sb.append('_');
            }
        }
    }
}
