#!/usr/bin/env bash
# Benchmarks `whisper fsck` against `find` and the reference find-corrupt-whisper-files.
#
# Usage: bench/fsck-bench.sh [N [DIR]]
#   N    number of healthy files to generate (default 100000)
#   DIR  where to generate them (default: a new temporary folder, removed at the end)
#
# Generates N healthy sparse files with the reference whisper.py (100 folders of N/100 files,
# schema 1m:1d,5m:30d,1h:1y, every 10th file with a day of data), then times, in the same run,
# each tool 3 times in alternation over the same warm page cache, and prints the medians and the
# ratios of wall-clock and of CPU (user + sys) time; CPU time is the steadier figure on a shared
# machine. Environment: RUNS (default 3), FSCK_ARGS (extra options for whisper fsck),
# BENCH_DEEP=1 (also time --deep, which reads every slot: slow on big schemas).
set -euo pipefail
n=${1:-100000}
runs=${RUNS:-3}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
python=/usr/bin/python3
reference=/usr/bin/find-corrupt-whisper-files
[[ -x $reference ]] || { echo "fsck-bench: $reference is missing: apt-get install python3-whisper" >&2; exit 1; }

# shellcheck source=bench/work-dir.sh
source "$root/bench/work-dir.sh"
work_dir "${2:-}" fsck-bench

if [[ ! -f $dir/.generated-$n ]]; then
  echo "generating $n files in $dir ..." >&2
  "$python" - "$dir" "$n" <<'PY'
import os, sys, whisper
root, n = sys.argv[1], int(sys.argv[2])
now = 1700000000
schema = [(60, 1440), (300, 8640), (3600, 8760)]
per_dir = max(1, n // 100)
for i in range(n):
    d = os.path.join(root, "carbon", "host%03d" % (i // per_dir))
    if i % per_dir == 0:
        os.makedirs(d, exist_ok=True)
    path = os.path.join(d, "metric%06d.wsp" % i)
    whisper.create(path, schema, sparse=True)
    if i % 10 == 0:
        whisper.update_many(path, [(now - 60 * k, float(k)) for k in range(1440)], now=now)
PY
  touch "$dir/.generated-$n"
fi

# Make sure the CLI is built before timing it.
"$root/whisper" --version >/dev/null

time_one() { # prints "wall cpu" seconds taken by "$@" (cpu = user + sys), output discarded
  local log
  log=$(mktemp)
  /usr/bin/time -f '%e %U %S' -o "$log" "$@" >/dev/null 2>&1 || true
  awk '{printf "%s %.2f\n", $1, $2 + $3}' "$log"
  rm -f "$log"
}

median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

declare -A wall cpu
tools=(find reference fsck)
[[ ${BENCH_DEEP:-0} == 1 ]] && tools+=(fsck-deep)
run_tool() {
  case $1 in
    find) time_one find "$dir" -name '*.wsp' -size 0 ;;
    reference) time_one "$reference" "$dir" ;;
    fsck) time_one "$root/whisper" fsck ${FSCK_ARGS:-} "$dir" ;;
    fsck-deep) time_one "$root/whisper" fsck --deep ${FSCK_ARGS:-} "$dir" ;;
  esac
}

# One untimed pass warms the page cache for everyone.
find "$dir" -name '*.wsp' -size 0 >/dev/null
for ((r = 1; r <= runs; r++)); do
  for tool in "${tools[@]}"; do
    read -r w c < <(run_tool "$tool")
    wall[$tool]+="$w "
    cpu[$tool]+="$c "
    printf 'run %d %-10s %8.3f s wall %8.2f s cpu\n' "$r" "$tool" "$w" "$c" >&2
  done
done

med() { tr ' ' '\n' <<<"$1" | grep . | median; }
echo "files: $n  cores: $(nproc)  runs: $runs  load before: $(cut -d' ' -f1-3 /proc/loadavg)  ($(date -u +%Y-%m-%dT%H:%MZ))"
declare -A mw mc
for tool in "${tools[@]}"; do
  mw[$tool]=$(med "${wall[$tool]}")
  mc[$tool]=$(med "${cpu[$tool]}")
  printf '%-10s median wall %8.3f s  cpu %7.2f s   (wall: %s)\n' "$tool" "${mw[$tool]}" "${mc[$tool]}" "${wall[$tool]% }"
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b < 0.01) b = 0.01; print a / b}'; }
printf 'wall: reference / fsck = %.2fx (goal >= 2)   fsck / find = %.2fx (goal <= 2)\n' \
  "$(ratio "${mw[reference]}" "${mw[fsck]}")" "$(ratio "${mw[fsck]}" "${mw[find]}")"
printf 'cpu:  reference / fsck = %.2fx               fsck / find = %.2fx\n' \
  "$(ratio "${mc[reference]}" "${mc[fsck]}")" "$(ratio "${mc[fsck]}" "${mc[find]}")"
if [[ -n ${mw[fsck-deep]:-} ]]; then
  printf 'wall: reference / fsck --deep = %.2fx\n' "$(ratio "${mw[reference]}" "${mw[fsck-deep]}")"
fi
