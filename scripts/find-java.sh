# Sourced by ./whisper and ./run-tests: finds a Java 25 or newer and sets $java and $java_home.
# Order: JAVA_HOME if it is 25+, a JDK 25+ under /usr/lib/jvm, java on PATH if 25+.
# On failure prints one line naming what to install and exits 1.

readonly REQUIRED_JAVA=25

# Prints the feature version (25 for "25.0.1") of the java binary $1, or nothing.
java_feature_version() {
  local release=${1%/bin/java}/release
  if [[ -r $release ]]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release"
  else
    "$1" -XshowSettings:properties -version 2>&1 |
      sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'
  fi
}

is_java_25() {
  [[ -x $1 ]] || return 1
  local v
  v=$(java_feature_version "$1")
  [[ -n $v && $v -ge $REQUIRED_JAVA ]]
}

find_java() {
  if [[ -n ${JAVA_HOME:-} ]] && is_java_25 "$JAVA_HOME/bin/java"; then
    printf '%s\n' "$JAVA_HOME/bin/java"; return
  fi
  local candidate
  for candidate in /usr/lib/jvm/*/bin/java; do
    if is_java_25 "$candidate"; then printf '%s\n' "$candidate"; return; fi
  done
  candidate=$(command -v java || true)
  if [[ -n $candidate ]] && is_java_25 "$candidate"; then
    printf '%s\n' "$candidate"; return
  fi
  return 1
}

if ! java=$(find_java); then
  printf '%s\n' "whisper: no Java $REQUIRED_JAVA found (looked at JAVA_HOME, /usr/lib/jvm and PATH); install a JDK $REQUIRED_JAVA (e.g. Debian's temurin-25-jdk or openjdk-25-jdk) or set JAVA_HOME to one" >&2
  exit 1
fi
java_home=${java%/bin/java}
