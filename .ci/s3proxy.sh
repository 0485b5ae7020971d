#!/usr/bin/env bash
# Puts s3proxy (the S3 server the tests run against, its own process, not a dependency) where
# the tests look for it: the jar-with-dependencies of the version pom.xml names, copied from
# Maven Central by Maven itself, to ~/.cache/whisper/s3proxy-VERSION.jar (pom.xml's
# whisper.s3proxy.jar). Does nothing if it is there already. Prints the jar's path.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
version=$(sed -n 's|.*<s3proxy.version>\(.*\)</s3proxy.version>.*|\1|p' "$root/pom.xml")
[[ -n $version ]] || { echo "s3proxy.sh: no <s3proxy.version> in $root/pom.xml" >&2; exit 1; }
cache=$HOME/.cache/whisper
jar=$cache/s3proxy-$version.jar
if [[ ! -s $jar ]]; then
  # shellcheck source=../scripts/find-java.sh
  source "$root/scripts/find-java.sh"
  mkdir -p "$cache"
  tmp=$(mktemp -d "$cache/.s3proxy.XXXXXX")
  trap 'rm -rf "$tmp"' EXIT
  echo "s3proxy.sh: fetching org.gaul:s3proxy:$version (jar-with-dependencies) into $cache" >&2
  JAVA_HOME=$java_home MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" \
    mvn -q -B -ntp -f "$root/pom.xml" -N dependency:copy \
      "-Dartifact=org.gaul:s3proxy:$version:jar:jar-with-dependencies" \
      "-DoutputDirectory=$tmp" -Dmdep.stripClassifier=false >&2
  # Renamed into place, so a concurrent run never starts a half-copied jar.
  mv "$tmp/s3proxy-$version-jar-with-dependencies.jar" "$jar"
fi
echo "$jar"
