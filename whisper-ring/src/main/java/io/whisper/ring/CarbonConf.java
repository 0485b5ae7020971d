package io.whisper.ring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The ring of a carbon.conf: its {@code [relay]} section (overridden by {@code [relay:NAME]} for
 * an instance), read as carbon reads it with Python's ConfigParser and carbon.util's
 * parseDestination.
 */
final class CarbonConf {
  /** A value and the line it was set on. */
  private record Setting(String value, int line) {}

  private CarbonConf() {}

  /**
   * True when {@code text} has a carbon.conf section header: {@code [cache]}, {@code [relay]} or
   * {@code [aggregator]}, or an instance's {@code [relay:NAME]}. (Not any bracketed line: a relay
   * configuration may list an IPv6 member such as {@code [fe80::2]} on a line of its own.)
   */
  static boolean looksLikeCarbonConf(String text) {
    for (String line : text.split("\n", -1)) {
      if (line.strip().matches("\\[(cache|relay|aggregator)(:[^]]*)?]")) {
        return true;
      }
    }
    return false;
  }

  static Ring load(String file, String text, Optional<String> instance)
      throws RingException {
    Map<String, Map<String, Setting>> sections = sections(file, text);
    Map<String, Setting> relay = sections.get("relay");
    if (relay == null) {
      throw new RingException(file + ": no [relay] section");
    }
    Map<String, Setting> settings = new LinkedHashMap<>(relay);
    String where = "[relay]";
    if (instance.isPresent()) {
      Map<String, Setting> own = sections.get("relay:" + instance.get());
      if (own == null) {
        throw new RingException(file + ": no [relay:" + instance.get() + "] section");
      }
      settings.putAll(own);
      where = "[relay:" + instance.get() + "]";
    }
    String method = value(settings, "RELAY_METHOD", "consistent-hashing");
    if (!method.equals("consistent-hashing")) {
      throw new RingException(at(file, settings, "RELAY_METHOD") + "RELAY_METHOD " + method
          + " is not supported (only consistent-hashing places metrics by a ring whisper reads)");
    }
    String hashType = value(settings, "ROUTER_HASH_TYPE", "carbon_ch");
    CarbonPointRing.HashType type = switch (hashType) {
      case "carbon_ch" -> CarbonPointRing.HashType.CARBON_CH;
      case "fnv1a_ch" -> CarbonPointRing.HashType.FNV1A_CH;
      default -> throw new RingException(at(file, settings, "ROUTER_HASH_TYPE")
          + "unknown ROUTER_HASH_TYPE '" + hashType + "' (expected carbon_ch or fnv1a_ch)");
    };
    int replication = replication(file, settings);
    boolean diverse = diverse(file, settings);
    List<Member> nodes = destinations(file, settings);
    if (replication > nodes.size()) {
      throw new RingException(at(file, settings, "REPLICATION_FACTOR") + "REPLICATION_FACTOR "
          + replication + " is larger than the number of DESTINATIONS (" + nodes.size() + ")");
    }
    String description = "carbon " + hashType + " ring of " + file + " " + where
        + (diverse ? "" : " without DIVERSE_REPLICAS");
    return new Ring(CarbonPointRing.build(type, nodes, replication, diverse), nodes, replication,
        description);
  }

  private static int replication(String file, Map<String, Setting> settings)
      throws RingException {
    String text = value(settings, "REPLICATION_FACTOR", "1");
    try {
      int r = Integer.parseInt(text.replace("_", ""));
      if (r < 1) {
        throw new NumberFormatException();
      }
      return r;
    } catch (NumberFormatException e) {
      throw new RingException(at(file, settings, "REPLICATION_FACTOR")
          + "REPLICATION_FACTOR must be a whole number of 1 or more, not '" + text + "'");
    }
  }

  // ConfigParser.getboolean's words.
  private static boolean diverse(String file, Map<String, Setting> settings)
      throws RingException {
    String text = value(settings, "DIVERSE_REPLICAS", "true");
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "1", "yes", "true", "on" -> true;
      case "0", "no", "false", "off" -> false;
      default -> throw new RingException(at(file, settings, "DIVERSE_REPLICAS")
          + "DIVERSE_REPLICAS must be true or false, not '" + text + "'");
    };
  }

  /** carbon.util.parseDestinations over the comma-separated list. */
  private static List<Member> destinations(String file, Map<String, Setting> settings)
      throws RingException {
    Setting setting = settings.get("DESTINATIONS");
    if (setting == null || setting.value().isBlank()) {
      throw new RingException(file + ": DESTINATIONS is not set");
    }
    String where = file + ":" + setting.line() + ": ";
    List<Member> nodes = new ArrayList<>();
    for (String part : setting.value().split(",", -1)) {
      Member node = destination(where, part.strip());
      for (Member other : nodes) {
        if (other.host().equals(node.host()) && other.instance().equals(node.instance())) {
          throw new RingException(where + "destination instance (" + node.host() + ", "
              + node.instance().orElse("None") + ") is listed twice");
        }
      }
      nodes.add(node);
    }
    return nodes;
  }

  private static Member destination(String where, String s) throws RingException {
    String server;
    String port;
    int close = s.lastIndexOf("]:");
    if (s.startsWith("[") && close >= 0) {
      server = s.substring(1, close);
      port = s.substring(close + 2);
    } else if (s.indexOf(':') >= 0) {
      server = s.substring(0, s.indexOf(':'));
      port = s.substring(s.indexOf(':') + 1);
    } else {
      throw new RingException(where + "destination '" + s + "' is not host:port[:instance]");
    }
    Optional<String> instance = Optional.empty();
    int colon = port.indexOf(':');
    if (colon >= 0) {
      instance = Optional.of(port.substring(colon + 1));
      port = port.substring(0, colon);
    }
    try {
      return new Member(server, Integer.parseInt(port.strip()), instance);
    } catch (NumberFormatException e) {
      throw new RingException(where + "destination '" + s + "' has no port number");
    }
  }

  private static String value(Map<String, Setting> settings, String key, String otherwise) {
    Setting s = settings.get(key);
    return s == null ? otherwise : s.value();
  }

  private static String at(String file, Map<String, Setting> settings, String key) {
    Setting s = settings.get(key);
    return s == null ? file + ": " : file + ":" + s.line() + ": ";
  }

  /**
   * ConfigParser's reading: {@code [section]} headers, {@code key = value} or {@code key: value}
   * (keys case-insensitive), indented continuation lines, {@code #} and {@code ;} comment lines,
   * {@code %%} for a percent sign.
   */
  private static Map<String, Map<String, Setting>> sections(String file, String text)
      throws RingException {
    Map<String, Map<String, Setting>> sections = new LinkedHashMap<>();
    Map<String, Setting> current = null;
    String lastKey = null;
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String raw = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1)
          : lines[i];
      String line = raw.strip();
      int number = i + 1;
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      if (Character.isWhitespace(raw.charAt(0)) && current != null && lastKey != null) {
        Setting s = current.get(lastKey);
        current.put(lastKey, new Setting(s.value() + "\n" + line, s.line()));
        continue;
      }
      if (line.startsWith("[") && line.endsWith("]")) {
        String name = line.substring(1, line.length() - 1);
        if (sections.containsKey(name)) {
          throw new RingException(file + ":" + number + ": section [" + name + "] appears twice");
        }
        current = new LinkedHashMap<>();
        sections.put(name, current);
        lastKey = null;
        continue;
      }
      int eq = line.indexOf('=');
      int colon = line.indexOf(':');
      int split = eq < 0 ? colon : colon < 0 ? eq : Math.min(eq, colon);
      if (current == null || split <= 0) {
        throw new RingException(file + ":" + number + ": "
            + (current == null ? "a setting before any [section]" : "not 'KEY = VALUE'")
            + ": " + line);
      }
      String key = line.substring(0, split).strip().toUpperCase(Locale.ROOT);
      if (current.containsKey(key)) {
        throw new RingException(file + ":" + number + ": " + key + " is set twice");
      }
      current.put(key, new Setting(line.substring(split + 1).strip().replace("%%", "%"), number));
      lastKey = key;
    }
    return sections;
  }
}
