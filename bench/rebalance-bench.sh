#!/usr/bin/env bash
# Benchmark: `whisper cluster rebalance` (node 0 held every metric; the ring now spreads them
# over 3 nodes, so about 2/3 of them move to nodes 1 and 2) against the transfer floor, a plain
# `rsync -aS` over the same ssh of the very files the plan moves, node 0 to each destination
# (both destinations at once), and against carbonate's `carbon-list | carbon-sieve |
# carbon-sync` run on each destination (both at once, as an operator runs it on every node),
# in the same run. The ring is a carbon.conf (carbon_ch, as carbon's relay has it), read by
# both tools, so both move the same metrics (checked).
#
# carbonate runs from its source, vendored in bench/carbonate/ (the carbonate package of
# github.com/graphite-project/carbonate at aa29fdd, MIT, 35 KB of Python; PyPI is not
# reachable here), with Debian's python3, python3-whisper and graphite-carbon (its ring).
# CARBONATE=DIR runs another checkout instead. It syncs with its default rsync options
# (-azpS) over the same ssh options.
#
#   bench/rebalance-bench.sh [METRICS]      # default: 2000
#
# Starts one Debian sshd per node on 127.0.0.2, .3 and .4 as bench/cluster-list-bench.sh does
# (run as root). The metrics are real whisper files (60:1440,3600:720, 26 KB, a point a minute
# for the last day, made once with whisper.py and cached). Between runs the destinations are
# emptied; rebalance runs without --delete, so node 0 stays as it was (--force: two thirds
# of the metrics leave their only node, which the wrong-ring guard would refuse). $RUNS runs each,
# alternating; prints medians of wall-clock seconds, metrics/s, MB/s and the ratio to rsync,
# and checks that both put the same number of files on the destinations.
#
# With FILL=1 the destinations already hold each moving metric as carbon makes it after the
# ring changed (a fresh file of the same schema, the last 10 minutes of points), so rebalance
# and carbon-sync fill into it, as they do in production; rsync -aS still just copies (the
# floor of the transfer).
#
# With SCHEMA=year the metrics have carbon's common retention 1m:1d,5m:30d,1h:1y (226 KB, every
# archive full, as a year of carbon writes leaves them) instead of 60:1440,3600:720.
#
# The destinations a run leaves are moved aside and removed only after the last run: ext4
# (without a journal, as here) skips inodes freed in the last minutes when it allocates, and
# that scan over thousands of fresh deletions cost every tool more than its own work (perf:
# recently_deleted and find_inode_bit, 55% of rsync's samples).
#
# Environment: RUNS (3), FILL (0), SCHEMA (small), WORK (/tmp/whisper-rebalance-bench[-year]),
# JOBS (rebalance -j, 2),
# CARBONATE (bench/carbonate), SKIP_CARBONATE=1 (rsync and rebalance only).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
runs=${RUNS:-3}
schema=${SCHEMA:-small}
case $schema in
  small) archives='[(60, 1440), (3600, 720)]' ;;
  year) archives='[(60, 1440), (300, 8640), (3600, 8760)]' ;;
  *) echo "rebalance-bench: SCHEMA is small or year" >&2; exit 2 ;;
esac
work=${WORK:-/tmp/whisper-rebalance-bench${SCHEMA:+-$schema}}
metrics=${1:-2000}
hosts=(127.0.0.2 127.0.0.3 127.0.0.4)
[[ -x /usr/sbin/sshd ]] || { echo "rebalance-bench: apt-get install openssh-server" >&2; exit 1; }
command -v rsync >/dev/null || { echo "rebalance-bench: apt-get install rsync" >&2; exit 1; }
"$root/whisper" --version >/dev/null 2>&1 # builds the CLI first if needed, outside the timings
mkdir -p "$work" /run/sshd
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
seconds() { local start=$EPOCHREALTIME; "$@"; echo "$EPOCHREALTIME - $start" | bc -l; }

# node 0's tree, once
if [[ ! -f $work/node0/.done-$metrics ]]; then
  rm -rf "$work/node0"
  mkdir -p "$work/node0/whisper"
  /usr/bin/python3 - "$work/node0/whisper" "$metrics" "$archives" <<'PY'
import ast, os, sys, time, whisper
tree, n, archives = sys.argv[1], int(sys.argv[2]), ast.literal_eval(sys.argv[3])
now = int(time.time())
points, newer = [], 0 # each archive's own window, at its own step: every archive full
for step, count in archives:
    older = step * count
    points += [(now - age, float(age // step)) for age in range(newer, older, step)]
    newer = older
for k in range(n):
    folder = os.path.join(tree, "bench", "host%03d" % (k % 100))
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, "metric%06d.wsp" % k)
    whisper.create(path, archives)
    whisper.update_many(path, points)
PY
  touch "$work/node0/.done-$metrics"
fi
mkdir -p "$work/node1/whisper" "$work/node2/whisper"

# keys, sshds, a ring and a cluster file, for this run
# shellcheck source=bench/loopback-cluster.sh
source "$root/bench/loopback-cluster.sh"


# the ring both tools read: carbon's own carbon_ch over the three nodes
printf '[relay]\nRELAY_METHOD = consistent-hashing\nDESTINATIONS = %s:2003, %s:2003, %s:2003\nREPLICATION_FACTOR = 1\n' \
  "${hosts[@]}" >"$run/carbon.conf"
sed -i 's|^ring = relay.conf$|ring = carbon.conf|' "$run/cluster.conf"
printf '[main]\nDESTINATIONS = %s:2003, %s:2003, %s:2003\nREPLICATION_FACTOR = 1\nSSH_USER = root\n' \
  "${hosts[@]}" >"$run/carbonate.conf"
carbonate_src=${CARBONATE:-$root/bench/carbonate}
carbonate() { # carbonate's console script $1 (carbon_list...), from its source
  local script=$1
  shift
  PYTHONPATH="$carbonate_src" /usr/bin/python3 -c "import sys; from carbonate.cli import $script; sys.argv[0] = '$script'; $script()" "$@"
}

rm -rf "$work/removed" # see above: what runs leave is removed after the last one
reset() {
  mkdir -p "$work/removed"
  local aside
  aside=$(mktemp -d "$work/removed/XXXXXX")
  mv "$work/node1/whisper" "$aside/1" 2>/dev/null || true
  mv "$work/node2/whisper" "$aside/2" 2>/dev/null || true
  mkdir -p "$work/node1/whisper" "$work/node2/whisper"
  if [[ ${FILL:-0} == 1 && -f $run/files_2 ]]; then
    cp -a "$run/carbon_made_1/." "$work/node1/whisper/"
    cp -a "$run/carbon_made_2/." "$work/node2/whisper/"
  fi
}
reset # a run killed before left files there: the plan is made from node 0 alone
plan() { "$root/whisper" cluster -c "$run/cluster.conf" rebalance -n --force 2>/dev/null; }
plan >"$run/plan"
for h in 1 2; do # the files each destination gets, as paths below the root
  awk -F'\t' -v to="${hosts[$h]}:2003" '$1 == "create" && $4 == to {print $2}' "$run/plan" \
    | tr . / | sed 's/$/.wsp/' >"$run/files_$h"
done
moving=$(cat "$run"/files_1 "$run"/files_2 | wc -l)
if [[ ${FILL:-0} == 1 ]]; then # what carbon makes on the new owners: their files, once
  for h in 1 2; do
    /usr/bin/python3 - "$run/carbon_made_$h" "$run/files_$h" "$archives" <<'PY'
import ast, os, sys, time, whisper
tree, names, archives = sys.argv[1], open(sys.argv[2]).read().split(), ast.literal_eval(sys.argv[3])
now = int(time.time())
for name in names:
    path = os.path.join(tree, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    whisper.create(path, archives)
    whisper.update_many(path, [(now - k * 60, -1.0) for k in range(10)])
PY
  done
fi
bytes=$(cd "$work/node0/whisper" && cat "$run"/files_1 "$run"/files_2 | xargs du -cb | tail -1 | cut -f1)
rsync_all() {
  for h in 1 2; do
    rsync -aS --files-from="$run/files_$h" -e "ssh ${ssh_opts[*]} -p ${ports[$h]}" \
      "$work/node0/whisper/" "root@${hosts[$h]}:$work/node$h/whisper/" &
  done
  wait
}
carbonate_all() {
  for h in 1 2; do
    mkdir -p "$run/staging$h"
    { carbonate carbon_list -c "$run/carbonate.conf" -d "$work/node0/whisper" \
        | carbonate carbon_sieve -c "$run/carbonate.conf" -n "${hosts[$h]}" \
        | carbonate carbon_sync -c "$run/carbonate.conf" -s "${hosts[0]}" \
          --source-storage-dir "$work/node0/whisper" -d "$work/node$h/whisper" -t "$run/staging$h" \
          --rsync-options="-azpS -e 'ssh ${ssh_opts[*]} -p ${ports[0]}'"; } >"$run/carbonate_$h.log" 2>&1 &
  done
  wait
}
rebalance_all() { "$root/whisper" cluster -c "$run/cluster.conf" rebalance --force -j "${JOBS:-2}" >/dev/null 2>"$run/rebalance.err"; }
count() { find "$work/node1/whisper" "$work/node2/whisper" -name '*.wsp' | wc -l; }

with_carbonate=1
[[ ${SKIP_CARBONATE:-} == 1 ]] && with_carbonate=0
if ((with_carbonate)); then # the same metrics as the plan, or the comparison is void
  for h in 1 2; do
    carbonate carbon_list -c "$run/carbonate.conf" -d "$work/node0/whisper" \
      | carbonate carbon_sieve -c "$run/carbonate.conf" -n "${hosts[$h]}" | tr . / | sed 's/$/.wsp/' | sort >"$run/sieve_$h"
    sort "$run/files_$h" | cmp -s - "$run/sieve_$h" \
      || { echo "rebalance-bench: carbon-sieve and the plan disagree for ${hosts[$h]}" >&2; exit 1; }
  done
fi

echo "${FILL:+FILL=$FILL: }SCHEMA=$schema: $metrics metrics on node 0, $moving move ($bytes bytes), $runs runs, medians; $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
rsync_s=() ours_s=() carbonate_s=()
for ((r = 1; r <= runs; r++)); do
  reset
  rsync_s+=("$(seconds rsync_all)")
  [[ $(count) == "$moving" ]] || { echo "rebalance-bench: rsync made $(count) files, not $moving" >&2; exit 1; }
  reset
  ours_s+=("$(seconds rebalance_all)")
  [[ $(count) == "$moving" ]] || { echo "rebalance-bench: rebalance made $(count) files, not $moving" >&2; cat "$run/rebalance.err" >&2; exit 1; }
  if ((with_carbonate)); then
    reset
    carbonate_s+=("$(seconds carbonate_all)")
    [[ $(count) == "$moving" ]] || { echo "rebalance-bench: carbonate made $(count) files, not $moving" >&2; tail "$run"/carbonate_*.log >&2; exit 1; }
  fi
done
echo "load after: $(cut -d' ' -f1 /proc/loadavg)"
rm -rf "$work/removed"
s=$(printf '%s\n' "${rsync_s[@]}" | median)
o=$(printf '%s\n' "${ours_s[@]}" | median)
row() { printf '%-34s %8.3f s %9.1f metrics/s %7.2f MB/s' "$1" "$2" "$(echo "$moving / $2" | bc -l)" "$(echo "$bytes / $2 / 1000000" | bc -l)"; }
echo "$(row "rsync -aS (floor)" "$s")"
echo "$(row "whisper cluster rebalance" "$o")   $(printf '%.2f' "$(echo "$o / $s" | bc -l)")x rsync's time"
if ((with_carbonate)); then
  c=$(printf '%s\n' "${carbonate_s[@]}" | median)
  echo "$(row "carbonate list|sieve|sync" "$c")   $(printf '%.2f' "$(echo "$c / $s" | bc -l)")x rsync's time; rebalance $(printf '%.1f' "$(echo "$c / $o" | bc -l)")x carbonate's metrics/s"
fi
echo "runs (s): rsync ${rsync_s[*]}; rebalance ${ours_s[*]}${carbonate_s:+; carbonate ${carbonate_s[*]}}"
echo "last rebalance run: $(tail -1 "$run/rebalance.err")"
