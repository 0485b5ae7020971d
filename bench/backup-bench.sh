#!/usr/bin/env bash
# Benchmark: `whisper backup` and `whisper restore` against tar and zstd, in the same run.
#
#   bench/backup-bench.sh [FILES]          # default: 20000
#
# Generates (once, kept under $WORK) a tree of FILES whisper files of 1m:1d,5m:30d,1h:1y
# (bench/BackupBenchTree.java: gauges, counters and near-constant metrics, 2 to 400 days
# old), then, $RUNS times each, medians of wall-clock seconds:
#   1. a full backup into a new repository       vs  tar -cf - DIR | zstd -3 > FILE
#   2. a second backup with nothing changed        vs  find DIR -name '*.wsp'
#   3. a restore of the full snapshot into a new folder  vs  zstd -dc FILE | tar -x
# Each row gives wall-clock seconds and, after them, CPU seconds (user + system): on a shared
# machine the wall-clock ratio also depends on how the scheduler shares the cores out, and
# the load average is printed before and after the timed runs.
# Then 4.: seven daily snapshots of the tree, with a day of carbon-like writes into every
# file between them (every minute of the day into archive 0, every 5 minutes into archive 1,
# every hour into archive 2), into a 16 KiB-chunk and a 4 KiB-chunk repository: repository
# size against one `tar | zstd -3` of the final tree, and the index size.
# The page cache is warm for every tool alike (nothing is dropped on a shared machine).
#
# Environment: RUNS (3), WORK (/tmp/whisper-backup-bench), JOBS (whisper -j; default: all
# cores).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
files=${1:-20000}
runs=${RUNS:-3}
work=${WORK:-/tmp/whisper-backup-bench}
jobs=()
[[ -n ${JOBS:-} ]] && jobs=(-j "$JOBS")
# shellcheck source=../scripts/find-java.sh
source "$root/scripts/find-java.sh"
command -v zstd >/dev/null || { echo "backup-bench: zstd is missing (apt-get install zstd)" >&2; exit 1; }
"$root/whisper" --version >/dev/null 2>&1 # builds the CLI first if needed, outside the timings

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
field() { awk -v f="$1" '{print $f}'; }
ratio() { echo "scale=2; $1 / $2" | bc -l; }
# Wall-clock and CPU (user + system, children included) seconds of a command: "WALL CPU".
seconds() {
  local TIMEFORMAT='%R %U %S' times
  times=$({ time "$@" >/dev/null; } 2>&1 | tail -1)
  awk '{printf "%s %.2f\n", $1, $2 + $3}' <<<"$times"
}
size() { du -sb "$1" | cut -f1; }

now=1764892800
tree=$work/tree-$files
mkdir -p "$work"
if [[ ! -f $tree.done ]]; then
  rm -rf "$tree"
  echo "generating $files files in $tree"
  "$java" "$root/bench/BackupBenchTree.java" create "$tree" "$files" 1 "$now"
  touch "$tree.done"
fi
echo "$files files of 1m:1d,5m:30d,1h:1y, $(size "$tree") bytes; $runs runs, medians;" \
  "$(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"

full=() tar=() same=() find=() restore=() untar=()
for ((r = 1; r <= runs; r++)); do
  rm -rf "$work/repo" "$work/tree.tar.zst" "$work/out" "$work/untar"
  full+=("$(seconds "$root/whisper" backup "${jobs[@]}" -r "$work/repo" "$tree")")
  tar+=("$(seconds bash -c "tar -cf - -C '$tree' . | zstd -3 -q -o '$work/tree.tar.zst'")")
  same+=("$(seconds "$root/whisper" backup "${jobs[@]}" -r "$work/repo" "$tree")")
  find+=("$(seconds find "$tree" -name '*.wsp')")
  restore+=("$(seconds "$root/whisper" restore "${jobs[@]}" -r "$work/repo" latest --to "$work/out")")
  mkdir -p "$work/untar"
  untar+=("$(seconds bash -c "zstd -dc '$work/tree.tar.zst' | tar -xf - -C '$work/untar'")")
  diff -rq "$tree" "$work/out" >/dev/null || { echo "backup-bench: the restore differs" >&2; exit 1; }
done
echo "load after the runs $(cut -d' ' -f1 /proc/loadavg)"
printf '%-34s %8s %8s %7s   %8s %8s %7s\n' "" ours peer "ours/peer" "ours cpu" "peer cpu" ratio
row() {
  local o p oc pc
  o=$(printf '%s\n' "${!2}" | field 1 | median) p=$(printf '%s\n' "${!3}" | field 1 | median)
  oc=$(printf '%s\n' "${!2}" | field 2 | median) pc=$(printf '%s\n' "${!3}" | field 2 | median)
  printf '%-34s %8.2f %8.2f %7.2f   %8.2f %8.2f %7.2f\n' "$1" "$o" "$p" "$(ratio "$o" "$p")" \
    "$oc" "$pc" "$(ratio "$oc" "$(echo "$pc" | awk '{print ($1 > 0 ? $1 : 0.01)}')")"
}
row "full backup vs tar|zstd -3 (s)" "full[@]" "tar[@]"
row "no-change backup vs find (s)" "same[@]" "find[@]"
row "restore vs zstd -d|tar -x (s)" "restore[@]" "untar[@]"
echo "full repository $(size "$work/repo") bytes; tar.zst $(size "$work/tree.tar.zst") bytes"
rm -rf "$work/out" "$work/untar" "$work/repo"

# Seven daily snapshots of a tree carbon writes every minute.
days=$work/days-$files
rm -rf "$days" "$work"/repo-*
cp -r "$tree" "$days"
for chunk in 16384 4096; do
  "$root/whisper" init -r "$work/repo-$chunk" --chunk-size "$chunk" >/dev/null
done
for ((day = 1; day <= 7; day++)); do
  if ((day > 1)); then
    "$java" "$root/bench/BackupBenchTree.java" day "$days" "$day" \
      "$((now + (day - 2) * 86400))" "$((now + (day - 1) * 86400))"
  fi
  for chunk in 16384 4096; do
    "$root/whisper" backup "${jobs[@]}" -r "$work/repo-$chunk" "$days" >/dev/null
  done
done
tar -cf - -C "$days" . | zstd -3 -q -o "$work/days.tar.zst"
tarsize=$(size "$work/days.tar.zst")
for chunk in 16384 4096; do
  repo=$work/repo-$chunk
  printf '7 daily snapshots, %5d-byte chunks: repository %d bytes = %.2fx one tar|zstd -3 (%d);' \
    "$chunk" "$(size "$repo")" "$(ratio "$(size "$repo")" "$tarsize")" "$tarsize"
  printf ' index %d bytes\n' "$(size "$repo/index")"
done
rm -rf "$days" "$work"/repo-* "$work/days.tar.zst" "$work/tree.tar.zst"
