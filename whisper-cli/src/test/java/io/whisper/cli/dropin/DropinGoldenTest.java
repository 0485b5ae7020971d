package io.whisper.cli.dropin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.whisper.cli.CliRun;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * merge, diff and resize on testdata/good against golden outputs the reference made
 * (golden/cases.tsv, written by make_golden.py): runs without python.
 */
class DropinGoldenTest {
  private static final long NOW = 1_700_000_000L;

  @TempDir Path work;

  /** One line of cases.tsv. */
  record Case(String id, String command, List<String> files, List<String> args, int status,
      String sha256) {
    @Override
    public String toString() {
      return id;
    }
  }

  static Stream<Case> cases() throws IOException {
    List<Case> cases = new ArrayList<>();
    for (String line : resource("golden/cases.tsv").split("\n")) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      String[] f = line.split("\t");
      cases.add(new Case(f[0], f[1], List.of(f[2].split(",")), List.of(f[3].split(" ")),
          Integer.parseInt(f[4]), f[5]));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void command_onTestdata_matchesTheReferencesGoldenOutput(Case golden) throws Exception {
    Path good = Path.of(System.getProperty("whisper.testdata", "../testdata")).resolve("good");
    assertTrue(Files.isDirectory(good), "testdata/good at " + good);
    Path a = work.resolve("a.wsp");
    Path b = work.resolve("b.wsp");
    List<Path> targets = List.of(a, b);
    for (int i = 0; i < golden.files().size(); i++) {
      Files.copy(good.resolve(golden.files().get(i) + ".wsp"), targets.get(i));
    }
    List<String> args = new ArrayList<>(List.of(golden.command()));
    for (String arg : golden.args()) {
      args.add(arg.equals("A") ? a.toString() : arg.equals("B") ? b.toString() : arg);
    }
    CliRun run = CliRun.of(FixedClock.at(NOW), args.toArray(String[]::new));
    assertEquals(golden.status(), run.status(), run.err());
    assertEquals(resource("golden/" + golden.id() + ".out"),
        run.out().replace(work + "/", ""));
    if (!golden.sha256().equals("-")) {
      Path written = golden.command().equals("merge") ? b : a;
      assertEquals(golden.sha256(), sha256(Files.readAllBytes(written)));
    }
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = DropinGoldenTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
