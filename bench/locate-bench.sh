#!/usr/bin/env bash
# Benchmark: `whisper locate` against carbon-c-relay's test mode on the same names and ring.
#
#   bench/locate-bench.sh [CONF...]     # default: the golden carbon_ch-40, fnv1a_ch-40 and
#                                       # jump_fnv1a_ch-40 rings of testdata/ring/golden
#
# Makes 1,000,000 random metric names (dotted, 2 to 8 parts; fixed seed; cached under $WORK),
# then, $RUNS times per ring, times each tool over all of them, output to /dev/null:
#   ours:  ./whisper locate -r CONF --cluster NAME < names    the whole command: JVM start
#                                                             included, the launcher's AOT cache
#   relay: carbon-c-relay -t -f CONF < names                  the relay's own test mode (C)
# and prints the medians of wall-clock seconds and of CPU seconds (user + system) and the
# ratios ours/relay (below 1: we are faster). Before timing it checks on the first 20,000
# names that both tools name the same owners.
#
# Environment: RUNS (5), NAMES (1000000), WORK (/tmp/whisper-locate-bench).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
runs=${RUNS:-5}
count=${NAMES:-1000000}
work=${WORK:-/tmp/whisper-locate-bench}
confs=("$@")
((${#confs[@]})) || confs=("$root"/testdata/ring/golden/{carbon_ch,fnv1a_ch,jump_fnv1a_ch}-40.conf)
command -v carbon-c-relay >/dev/null \
  || { echo "locate-bench: carbon-c-relay is not installed (apt-get install carbon-c-relay)" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { echo "locate-bench: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }
"$root/whisper" --version >/dev/null 2>&1 # builds the CLI first if needed, outside the timings

mkdir -p "$work"
names=$work/names-$count.txt
if [[ ! -f $names ]]; then
  /usr/bin/python3 - "$count" >"$names.tmp" <<'PY'
import random, sys
rng = random.Random(15)
words = ['servers', 'web', 'db', 'cpu', 'user', 'idle', 'memory', 'used', 'load', 'disk',
         'requests', 'p99', 'latency', 'count', 'eu-west', 'app_x', 'collectd', 'sys']
out = sys.stdout
for _ in range(int(sys.argv[1])):
    out.write('.'.join(rng.choice(words) + str(rng.randrange(1000))
                       for _ in range(rng.randint(2, 8))) + '\n')
PY
  mv "$names.tmp" "$names"
fi

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ratio() { printf '%.2f' "$(echo "$1 / $2" | bc -l)"; }
timed() { # timed OUTVAR command...: wall and cpu seconds of one run
  /usr/bin/time -f '%e %U %S' -o "$work/time" "${@:2}" <"$names" >/dev/null
  read -r wall user sys <"$work/time"
  printf -v "$1" '%s %s' "$wall" "$(echo "$user + $sys" | bc -l)"
}

echo "$count names, $runs runs, medians; $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
printf '%-22s %8s %8s %6s   %8s %8s %6s\n' ring ours_s relay_s ratio ours_cpu relay_cpu ratio
for conf in "${confs[@]}"; do
  cluster=$(basename "$conf" .conf)
  # The same owners, name for name, on a sample: relay blocks to "name owners" lines.
  head -n 20000 "$names" | carbon-c-relay -t -f "$conf" 2>/dev/null | awk '
    /^match$/ { if (name != "") print name "\t" owners; name = ""; owners = ""; next }
    /^    \* -> / { name = substr($0, 10); next }
    /^        [^ ]/ { sub(/^ +/, ""); owners = owners (owners == "" ? "" : " ") $0 }
    END { if (name != "") print name "\t" owners }' >"$work/relay-sample"
  head -n 20000 "$names" | "$root/whisper" locate -r "$conf" --cluster "$cluster" \
    | sed -E 's/=[^ ]*//g' >"$work/ours-sample"
  cmp -s "$work/relay-sample" "$work/ours-sample" \
    || { echo "locate-bench: $cluster: whisper locate and the relay disagree (see $work/*-sample)" >&2; exit 1; }
  ours_wall=() ours_cpu=() relay_wall=() relay_cpu=()
  for ((r = 1; r <= runs; r++)); do
    timed t "$root/whisper" locate -r "$conf" --cluster "$cluster"
    ours_wall+=("${t% *}") ours_cpu+=("${t#* }")
    timed t carbon-c-relay -t -f "$conf"
    relay_wall+=("${t% *}") relay_cpu+=("${t#* }")
  done
  ow=$(printf '%s\n' "${ours_wall[@]}" | median) rw=$(printf '%s\n' "${relay_wall[@]}" | median)
  oc=$(printf '%s\n' "${ours_cpu[@]}" | median) rc=$(printf '%s\n' "${relay_cpu[@]}" | median)
  printf '%-22s %8.2f %8.2f %6s   %8.2f %8.2f %6s\n' "$cluster" "$ow" "$rw" "$(ratio "$ow" "$rw")" \
    "$oc" "$rc" "$(ratio "$oc" "$rc")"
done
