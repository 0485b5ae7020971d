#!/usr/bin/env bash
# Benchmark: `whisper fill` over a tree of replica pairs against the reference whisper-fill.
#
#   bench/fill-bench.sh [PAIRS...]          # default: 100 800 5000
#
# For each size it generates (once, cached under $WORK) a tree of replica pairs of the schema
# 1m:1d,5m:30d,1h:1y with random gaps (testdata/replicas.py), then, $RUNS times, fills a fresh
# copy of dst with each tool at the same fixed now:
#   ours:      ./whisper fill SRC DST        the whole command: JVM start, walk, fill, summary
#   reference: /usr/bin/whisper-fill's fill_archives(src, dst, now) called in a loop in one
#              /usr/bin/python3 (testdata/reference_fill.py): its fastest use; only the loop
#              is timed (no interpreter start, no walk)
# and checks that both left byte-identical trees. It prints the medians of wall-clock seconds
# and of CPU seconds (user + system; steadier than wall time on a busy machine) and their
# ratios, then runs the largest size once more with JAVA_OPTS=-Xmx64m to show that memory
# stays bounded (exit status and peak RSS from /usr/bin/time).
#
# Environment: RUNS (3), WORK (/tmp/whisper-fill-bench), JOBS (whisper fill -j; default: all
# cores), GAPS (replicas.py --max-gaps: at most this many gaps per archive of a pair; 6).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
runs=${RUNS:-3}
work=${WORK:-/tmp/whisper-fill-bench}
gaps=${GAPS:-6}
now=1700000217
sizes=("$@")
((${#sizes[@]})) || sizes=(100 800 5000)
jobs=()
[[ -n ${JOBS:-} ]] && jobs=(-j "$JOBS")
python=/usr/bin/python3
"$python" -c 'import whisper' 2>/dev/null \
  || { echo "fill-bench: /usr/bin/python3 cannot import whisper (apt-get install python3-whisper)" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { echo "fill-bench: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }
"$root/whisper" --version >/dev/null 2>&1 # builds the CLI first if needed, outside the timings

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ratio() { echo "$1 / $2" | bc -l; }

echo "schema 1m:1d,5m:30d,1h:1y, up to $gaps gaps per archive, $runs runs, medians; $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
printf '%-6s %9s %9s %7s   %9s %9s %7s   %s\n' pairs ours_s ref_s ratio ours_cpu ref_cpu ratio identical
for n in "${sizes[@]}"; do
  tree=$work/$n-g$gaps
  if [[ ! -f $tree/.done ]]; then
    rm -rf "$tree"
    "$python" "$root/testdata/replicas.py" "$tree" --pairs "$n" --seed "$n" --now "$now" \
      --max-gaps "$gaps"
    touch "$tree/.done"
  fi
  ours_wall=() ours_cpu=() ref_wall=() ref_cpu=() identical=yes
  for ((r = 1; r <= runs; r++)); do
    rm -rf "$tree/ours" "$tree/ref"
    cp -r "$tree/dst" "$tree/ours"
    cp -r "$tree/dst" "$tree/ref"
    sync
    /usr/bin/time -f '%e %U %S' -o "$work/time" \
      "$root/whisper" fill "${jobs[@]}" --now="$now" "$tree/src" "$tree/ours" >/dev/null 2>&1 # the summary: stderr
    read -r wall user sys <"$work/time"
    ours_wall+=("$wall") ours_cpu+=("$(echo "$user + $sys" | bc -l)")
    line=$("$python" "$root/testdata/reference_fill.py" "$now" "$tree/src" "$tree/ref")
    ref_wall+=("$(sed 's/.*seconds=\([0-9.]*\).*/\1/' <<<"$line")")
    ref_cpu+=("$(sed 's/.*cpu=\([0-9.]*\).*/\1/' <<<"$line")")
    diff -rq "$tree/ours" "$tree/ref" >/dev/null || identical=no
  done
  ow=$(printf '%s\n' "${ours_wall[@]}" | median) rw=$(printf '%s\n' "${ref_wall[@]}" | median)
  oc=$(printf '%s\n' "${ours_cpu[@]}" | median) rc=$(printf '%s\n' "${ref_cpu[@]}" | median)
  printf '%-6s %9.2f %9.2f %6.1fx   %9.2f %9.2f %6.1fx   %s\n' \
    "$n" "$ow" "$rw" "$(ratio "$rw" "$ow")" "$oc" "$rc" "$(ratio "$rc" "$oc")" "$identical"
  rm -rf "$tree/ours" "$tree/ref"
done

largest=${sizes[-1]}
tree=$work/$largest-g$gaps
cp -r "$tree/dst" "$tree/ours"
echo "memory: JAVA_OPTS=-Xmx64m whisper fill over $largest pairs"
JAVA_OPTS=-Xmx64m /usr/bin/time -f "  exit status %x, peak RSS %M KB, %e s" \
  "$root/whisper" fill "${jobs[@]}" --now="$now" "$tree/src" "$tree/ours" 2>&1 | sed 's/^\([^ ]\)/  \1/'
rm -rf "$tree/ours"
