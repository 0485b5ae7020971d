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
# ratios. Environment: RUNS (default 3), FSCK_ARGS (extra options for whisper fsck).
set -euo pipefail
n=${1:-100000}
runs=${RUNS:-3}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
python=/usr/bin/python3
reference=/usr/bin/find-corrupt-whisper-files
[[ -x $reference ]] || { echo "fsck-bench: $reference is missing: apt-get install python3-whisper" >&2; exit 1; }

if [[ -n ${2:-} ]]; then
  dir=$2
  mkdir -p "$dir"
else
  dir=$(mktemp -d "${TMPDIR:-/tmp}/fsck-bench.XXXXXX")
  trap 'rm -rf "$dir"' EXIT
fi

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

time_one() { # prints seconds taken by "$@", output discarded
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null 2>&1 || true
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}

median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

declare -A times
tools=(find reference fsck fsck-deep)
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
    t=$(run_tool "$tool")
    times[$tool]+="$t "
    printf 'run %d %-10s %8.3f s\n' "$r" "$tool" "$t" >&2
  done
done

echo "files: $n  cores: $(nproc)  runs: $runs  ($(date -u +%Y-%m-%dT%H:%MZ))"
declare -A med
for tool in "${tools[@]}"; do
  med[$tool]=$(tr ' ' '\n' <<<"${times[$tool]}" | grep . | median)
  printf '%-28s median %8.3f s  (%s)\n' "$tool" "${med[$tool]}" "${times[$tool]% }"
done
printf 'reference / fsck      = %.2fx  (goal: >= 2)\n' "$(echo "${med[reference]} / ${med[fsck]}" | bc -l)"
printf 'fsck / find           = %.2fx  (goal: <= 2)\n' "$(echo "${med[fsck]} / ${med[find]}" | bc -l)"
printf 'reference / fsck-deep = %.2fx\n' "$(echo "${med[reference]} / ${med[fsck-deep]}" | bc -l)"
