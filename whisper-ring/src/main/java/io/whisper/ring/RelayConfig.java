package io.whisper.ring;

import io.whisper.ring.RelayConfigLexer.Kind;
import io.whisper.ring.RelayConfigLexer.Token;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code cluster} statements of a carbon-c-relay configuration, read by the grammar of the
 * relay's conffile.y; every other statement ({@code match}, {@code rewrite}, {@code aggregate},
 * {@code send}, {@code statistics}, {@code listen}, {@code include}) is recognised and skipped.
 */
final class RelayConfig {
  /** The relay's cluster types, by their keyword. */
  enum Type {
    FORWARD("forward"),
    ANY_OF("any_of"),
    FAILOVER("failover"),
    CARBON_CH("carbon_ch"),
    FNV1A_CH("fnv1a_ch"),
    JUMP_FNV1A_CH("jump_fnv1a_ch"),
    FILE("file");

    final String keyword;

    Type(String keyword) {
      this.keyword = keyword;
    }

    boolean consistentHash() {
      return this == CARBON_CH || this == FNV1A_CH || this == JUMP_FNV1A_CH;
    }
  }

  /** One cluster statement; {@code line} is where it starts; replication 1 but for rings. */
  record Cluster(String name, Type type, int replication, boolean useAll, List<Member> members,
      int line) {}

  // The relay keeps a consistent-hash cluster's destinations in an array of this size.
  static final int MAX_RING_MEMBERS = 64;
  private static final int DEFAULT_PORT = 2003;
  private static final List<String> OTHER_STATEMENTS =
      List.of("match", "rewrite", "aggregate", "send", "statistics", "listen", "include");
  // Words the relay's lexer returns as keywords inside a cluster statement, never as names.
  private static final Set<String> CLUSTER_KEYWORDS = Set.of("useall", "replication", "dynamic",
      "ip", "proto", "udp", "tcp", "type", "linemode", "syslog", "transport", "plain", "gzip",
      "lz4", "snappy", "ssl", "blackhole", "stop");

  private final RelayConfigLexer lexer;
  private Token token;

  private RelayConfig(String file, String text) throws RingException {
    this.lexer = new RelayConfigLexer(file, text);
    this.token = lexer.next();
  }

  /** The clusters of the configuration {@code text}, read from {@code file}, in file order. */
  static List<Cluster> parse(String file, String text) throws RingException {
    return new RelayConfig(file, text).statements();
  }

  private List<Cluster> statements() throws RingException {
    List<Cluster> clusters = new ArrayList<>();
    Set<String> names = new HashSet<>();
    while (token.kind() != Kind.END) {
      if (token.is("cluster")) {
        Cluster cluster = cluster();
        if (!names.add(cluster.name())) {
          throw lexer.error(cluster.line(),
              "cluster '" + cluster.name() + "' is defined twice");
        }
        clusters.add(cluster);
      } else if (token.kind() == Kind.WORD && OTHER_STATEMENTS.contains(token.text())) {
        lexer.skipStatement();
      } else {
        throw lexer.error(token.line(), "syntax error: unexpected '" + token.text()
            + "' (expected a statement: cluster, match, rewrite, aggregate, send, statistics,"
            + " listen or include)");
      }
      token = lexer.next();
    }
    return clusters;
  }

  private Cluster cluster() throws RingException {
    int line = token.line();
    advance();
    String name = string("a cluster name");
    Type type = type();
    int replication = 1;
    boolean useAll = false;
    List<Member> members = new ArrayList<>();
    if (type == Type.FILE) {
      if (token.is("ip")) {
        advance();
      }
      do {
        string("a file name");
      } while (token.kind() != Kind.SEMICOLON && token.kind() != Kind.END);
    } else {
      if (type.consistentHash()) {
        if (token.is("replication")) {
          advance();
          replication = replication();
        }
        if (token.is("dynamic")) {
          advance();
        }
      } else if (token.is("useall")) {
        useAll = true;
        advance();
      }
      do {
        members.add(member());
      } while (token.kind() != Kind.SEMICOLON && token.kind() != Kind.END);
    }
    expect(Kind.SEMICOLON, "';' to end cluster '" + name + "'");
    checkMembers(name, type, replication, members, line);
    return new Cluster(name, type, replication, useAll, List.copyOf(members), line);
  }

  private void checkMembers(String name, Type type, int replication, List<Member> members,
      int line) throws RingException {
    if (!type.consistentHash()) {
      return;
    }
    if (members.size() > MAX_RING_MEMBERS) {
      throw lexer.error(line, "cluster '" + name + "' has " + members.size()
          + " members; carbon-c-relay allows at most " + MAX_RING_MEMBERS);
    }
    if (replication > members.size()) {
      throw lexer.error(line, "cluster '" + name + "': replication " + replication
          + " is larger than the number of members (" + members.size() + ")");
    }
    Set<String> seen = new HashSet<>();
    for (Member m : members) {
      if (!seen.add(m.host() + ":" + m.port())) {
        throw lexer.error(line, "cluster '" + name + "' lists " + m.host() + ":" + m.port()
            + " twice");
      }
    }
  }

  private Type type() throws RingException {
    for (Type t : Type.values()) {
      if (token.is(t.keyword)) {
        advance();
        return t;
      }
    }
    throw lexer.error(token.line(), "unknown cluster type '" + token.text()
        + "' (expected forward, any_of, failover, carbon_ch, fnv1a_ch, jump_fnv1a_ch or file)");
  }

  private int replication() throws RingException {
    if (!token.isInteger()) {
      throw lexer.error(token.line(), "replication needs a number, not '" + token.text() + "'");
    }
    int line = token.line();
    String digits = token.text();
    advance();
    long value = digits.length() > 4 ? Long.MAX_VALUE : Long.parseLong(digits);
    if (value < 1 || value > 255) {
      throw lexer.error(line, "replication count must be between 1 and 255, not " + digits);
    }
    return (int) value;
  }

  private Member member() throws RingException {
    int line = token.line();
    String address = string("a member host:port");
    Optional<String> instance = Optional.empty();
    if (token.kind() == Kind.EQUALS) {
      advance();
      if (token.isInteger()) {
        // The relay reads a numeric instance with atoi and prints it back: 007 becomes 7.
        instance = Optional.of(String.valueOf((int) CStrtol.parse(token.text()).value()));
        advance();
      } else {
        instance = Optional.of(string("an instance name after '='"));
      }
    }
    option("proto", "udp", "tcp");
    option("type", "linemode", "syslog");
    if (option("transport", "plain", "gzip", "lz4", "snappy") && token.is("ssl")) {
      advance();
    }
    return address(address, instance, line);
  }

  /** {@code keyword value}, if there; true when it was. */
  private boolean option(String keyword, String... values) throws RingException {
    if (!token.is(keyword)) {
      return false;
    }
    advance();
    for (String v : values) {
      if (token.is(v)) {
        advance();
        return true;
      }
    }
    throw lexer.error(token.line(), keyword + " must be one of " + String.join(", ", values)
        + ", not '" + token.text() + "'");
  }

  /** The relay's router_validate_address: the port after the last colon, brackets around IPv6. */
  private Member address(String address, Optional<String> instance, int line)
      throws RingException {
    String host = address;
    int port = DEFAULT_PORT;
    int lastColon = address.endsWith("]") ? -1 : address.lastIndexOf(':');
    if (lastColon >= 0) {
      String digits = address.substring(lastColon + 1);
      CStrtol parsed = CStrtol.parse(digits);
      if (!parsed.whole() || digits.isEmpty() || parsed.value() < 1 || parsed.value() > 65535) {
        throw lexer.error(line, "invalid port number '" + digits + "' in '" + address + "'");
      }
      port = (int) parsed.value();
      host = address.substring(0, lastColon);
    }
    if (host.startsWith("[")) {
      if (!host.endsWith("]")) {
        throw lexer.error(line, "expected ']' in '" + address + "'");
      }
      host = host.substring(1, host.length() - 1);
    }
    if (host.isEmpty()) {
      throw lexer.error(line, "no host in member '" + address + "'");
    }
    return new Member(host, port, instance);
  }

  /** A name: a word that is not a keyword or a number, or a quoted string. */
  private String string(String what) throws RingException {
    boolean word = token.kind() == Kind.WORD && !token.isInteger()
        && !CLUSTER_KEYWORDS.contains(token.text());
    if (!word && token.kind() != Kind.QUOTED) {
      throw lexer.error(token.line(), "expected " + what + ", found "
          + (token.kind() == Kind.END ? "the end of the file" : "'" + token.text() + "'"));
    }
    String text = token.text();
    advance();
    return text;
  }

  private void expect(Kind kind, String what) throws RingException {
    if (token.kind() != kind) {
      throw lexer.error(token.line(), "expected " + what + ", found "
          + (token.kind() == Kind.END ? "the end of the file" : "'" + token.text() + "'"));
    }
  }

  private void advance() throws RingException {
    token = lexer.next();
  }
}
