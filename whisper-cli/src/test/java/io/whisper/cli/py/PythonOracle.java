package io.whisper.cli.py;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the reference {@code /usr/bin/python3} once over many inputs, for comparison tests. */
final class PythonOracle {

    private static final Path PYTHON = Path.of("/usr/bin/python3");

    private PythonOracle() {
    }

    /** Skips the calling test unless {@code /usr/bin/python3} runs and can {@code import json}. */
    static void assumeAvailable() {
        boolean ok = false;
        if (Files.isExecutable(PYTHON)) {
            try {
                Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import json, struct")
                        .redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                ok = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException e) {
                ok = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        assumeTrue(ok, "/usr/bin/python3 with json is not available");
    }

    /**
     * Runs {@code script} with {@code lines} on stdin (one per line) and returns its stdout lines. The
     * script must print exactly one line per input line.
     */
    static List<String> run(String script, List<String> lines) {
        try {
            ProcessBuilder pb = new ProcessBuilder(PYTHON.toString(), "-c", script)
                    .redirectError(ProcessBuilder.Redirect.INHERIT);
            pb.environment().put("PYTHONIOENCODING", "utf-8");
            pb.environment().put("LC_ALL", "C.UTF-8");
            Process p = pb.start();
            Thread writer = new Thread(() -> {
                try (OutputStream in = p.getOutputStream()) {
                    StringBuilder sb = new StringBuilder();
                    for (String line : lines) {
                        sb.append(line).append('\n');
                    }
                    in.write(sb.toString().getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            writer.start();
            List<String> out = new ArrayList<>();
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    out.add(line);
                }
            }
            writer.join();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("python3 failed, exit " + p.exitValue());
            }
            if (out.size() != lines.size()) {
                throw new IllegalStateException(
                        "python3 printed " + out.size() + " lines for " + lines.size() + " inputs");
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Encodes a Java string as hex of its UTF-16BE code units (lone surrogates included). */
    static String utf16Hex(String s) {
        byte[] b = new byte[s.length() * 2];
        for (int i = 0; i < s.length(); i++) {
            b[2 * i] = (byte) (s.charAt(i) >> 8);
            b[2 * i + 1] = (byte) s.charAt(i);
        }
        return HexFormat.of().formatHex(b);
    }

    /** Decodes {@link #utf16Hex(String)}. */
    static String fromUtf16Hex(String hex) {
        byte[] b = HexFormat.of().parseHex(hex);
        char[] c = new char[b.length / 2];
        for (int i = 0; i < c.length; i++) {
            c[i] = (char) (((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff));
        }
        return new String(c);
    }
}
