package io.whisper.cli.py;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PyTime against CPython's time.strftime for the same instants, in UTC and a DST zone. */
class PyTimeTest {
  private static final String FORMATS =
      "%a %A %b %B %c %C %d %D %e %F %g %G %h %H %I %j %k %l %m %M %n %p %P %r %R %s %S %t %T"
          + " %u %U %V %w %W %x %X %y %Y %z %Z %% %q";
  private static final long[] TIMES = {0, 86399, 951782400, 1104537600, 1230767999, 1700000000,
      1711846800, 1729990800, 1795564560, 4102444800L};

  @Test
  void ctimePadsTheDay() {
    assertEquals("Thu Jan  1 00:00:00 1970",
        PyTime.strftime("%a %b %e %H:%M:%S %Y", Instant.EPOCH.atZone(ZoneOffset.UTC)));
  }

  @Test
  void everyDirectiveMatchesPython() {
    PythonOracle.assumeAvailable();
    for (String zone : List.of("UTC", "Europe/Berlin", "America/New_York")) {
      List<String> inputs = new ArrayList<>();
      for (long t : TIMES) {
        for (String format : FORMATS.split(" ")) {
          inputs.add(t + " " + format);
        }
      }
      String script = "import os, sys, time\n"
          + "os.environ['TZ'] = '" + zone + "'; time.tzset()\n"
          + "for line in sys.stdin:\n"
          + "    t, fmt = line.rstrip('\\n').split(' ', 1)\n"
          + "    print(repr(time.strftime(fmt, time.localtime(int(t)))))\n";
      List<String> expected = PythonOracle.run(script, inputs);
      for (int i = 0; i < inputs.size(); i++) {
        String[] input = inputs.get(i).split(" ", 2);
        String ours = PyTime.strftime(input[1],
            Instant.ofEpochSecond(Long.parseLong(input[0])).atZone(ZoneId.of(zone)));
        assertEquals(expected.get(i), PyRepr.quote(ours), zone + " " + inputs.get(i));
      }
    }
  }
}
