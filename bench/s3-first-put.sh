#!/usr/bin/env bash
# Benchmark: JVM start to first S3 PUT acknowledged, for the two transports the JDK offers:
#   urlconnection: S3Client as shipped (SigV4 over java.net.HttpURLConnection)
#   httpclient:    the same signature over java.net.http.HttpClient (bench/S3FirstPut.java)
# against s3proxy on loopback (the jar .ci/s3proxy.sh fetches), $RUNS runs each, interleaved.
# Prints the median wall-clock milliseconds of each and their ratio.
#
#   bench/s3-first-put.sh          # RUNS=11
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
runs=${RUNS:-11}
# shellcheck source=../scripts/find-java.sh
source "$root/scripts/find-java.sh"
jar=$("$root/.ci/s3proxy.sh")
work=$(mktemp -d /tmp/s3-first-put.XXXXXX)
server=
cleanup() {
  if [[ -n $server ]]; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true # its status is 143, which set -e would stop the trap at
  fi
  rm -rf "$work"
}
trap cleanup EXIT

(cd "$root" && JAVA_HOME=$java_home MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" \
  mvn -q -B -ntp -pl whisper-s3 compile >&2)
mkdir -p "$work/classes" "$work/data"
"$java_home/bin/javac" -d "$work/classes" -cp "$root/whisper-s3/target/classes" "$root/bench/S3FirstPut.java"
cp=$root/whisper-s3/target/classes:$work/classes

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat > "$work/s3proxy.conf" <<CONF
s3proxy.endpoint=http://127.0.0.1:$port
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=bench
s3proxy.credential=bench-secret
jclouds.provider=filesystem-nio2
jclouds.filesystem.basedir=$work/data
CONF
"$java" -jar "$jar" --properties "$work/s3proxy.conf" >"$work/s3proxy.log" 2>&1 &
server=$!
for _ in $(seq 300); do (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
export AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench-secret AWS_ENDPOINT_URL=http://127.0.0.1:$port
"$java" -cp "$cp" io.whisper.s3.S3FirstPut mkbucket s3://bench/p

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
declare -A times
for ((i = 0; i < runs; i++)); do
  for mode in urlconnection httpclient; do
    start=$(date +%s%N)
    "$java" -cp "$cp" io.whisper.s3.S3FirstPut "$mode" s3://bench/p
    times[$mode]+="$(( ($(date +%s%N) - start) / 1000000 )) "
  done
done
url=$(tr ' ' '\n' <<<"${times[urlconnection]}" | grep . | median)
http=$(tr ' ' '\n' <<<"${times[httpclient]}" | grep . | median)
echo "JVM start to first PUT acknowledged, $runs runs each, medians; $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
printf '%-14s %6s ms\n' urlconnection "$url" httpclient "$http"
printf 'httpclient / urlconnection = %.2f\n' "$(echo "$http / $url" | bc -l)"
