#!/usr/bin/env bash
# Benchmark: `whisper cluster list` of 3 nodes against the floor, `ssh NODE find ROOT -name
# '*.wsp'` run on the three nodes in parallel, in the same run; `cluster check` reported too.
#
#   bench/cluster-list-bench.sh [METRICS_PER_NODE]      # default: 100000
#
# Starts one Debian sshd per node on 127.0.0.2, .3 and .4 (free ports, a host key and a client
# key made for the run, as the tests do; run as root), each node its own storage root under
# $WORK with METRICS_PER_NODE empty .wsp files in 1,000 folders (list and check read names
# only, so the files' content does not matter; made once and cached). Both sides use the same
# ssh options, multiplexed over one ControlMaster per node, and the same empty home for the
# session's shell (a storage node's account runs no shell start-up of note; root's here ran
# pyenv, 0.13 s a session, which once made most of the floor), so both pay the same ssh cost; the
# node runs ./whisper (WHISPER_NO_BUILD=1: the built jar and its AOT cache). $RUNS runs each,
# alternating; prints the medians of wall-clock seconds and their ratio, and checks that both
# list the same number of metrics.
#
# Environment: RUNS (5), WORK (/tmp/whisper-cluster-bench), COMPARE (another checkout of
# whisper, built: its list and check join the alternation, each node running that checkout's
# tool too, for a before/after in the same run; e.g. `git worktree add /tmp/before main`),
# DEB (a .deb from ./package: the installed tool, its own runtime and AOT caches, runs the
# controller and the nodes instead of ./whisper; unpacked and bound on /usr/lib/whisper in a
# mount namespace of the run's own, bench/installed-deb.sh).
set -euo pipefail
if [[ -n ${DEB:-} && $(id -u) == 0 && -z ${WHISPER_BENCH_NAMESPACE:-} ]]; then
  DEB=$(realpath "$DEB") WHISPER_BENCH_NAMESPACE=1 exec unshare --mount --propagation private "$0" "$@"
fi
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
runs=${RUNS:-5}
work=${WORK:-/tmp/whisper-cluster-bench}
per_node=${1:-100000}
hosts=(127.0.0.2 127.0.0.3 127.0.0.4)
[[ -x /usr/sbin/sshd ]] || { echo "cluster-list-bench: apt-get install openssh-server" >&2; exit 1; }
tool=$root/whisper
if [[ -n ${DEB:-} ]]; then
  # shellcheck source=bench/installed-deb.sh
  source "$root/bench/installed-deb.sh"
  unpacked=$(mktemp -d /var/tmp/whisper-cluster-bench-deb.XXXXXX)
  bench_cleanup() { unbind_installed; rm -rf "$unpacked"; }
  trap bench_cleanup EXIT # until loopback-cluster.sh's cleanup, which calls it
  bind_installed "$DEB" "$unpacked"
  tool=$installed
fi
"$tool" --version >/dev/null 2>&1 # builds the CLI first if needed, outside the timings
mkdir -p "$work" /run/sshd
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
seconds() { local start=$EPOCHREALTIME; "$@"; echo "$EPOCHREALTIME - $start" | bc -l; }

# the trees, once
for i in 0 1 2; do
  tree=$work/node$i/whisper
  if [[ ! -f $work/node$i/.done-$per_node ]]; then
    rm -rf "$work/node$i"
    mkdir -p "$tree"
    /usr/bin/python3 - "$tree" "$per_node" "$i" <<'PY'
import os, sys
tree, n, node = sys.argv[1], int(sys.argv[2]), sys.argv[3]
for k in range(n):
    folder = os.path.join(tree, "bench", "host%03d" % (k % 1000))
    if k < 1000:
        os.makedirs(folder, exist_ok=True)
    open(os.path.join(folder, "metric%06d_%s.wsp" % (k, node)), "w").close()
PY
    touch "$work/node$i/.done-$per_node"
  fi
done

# keys, sshds, a ring and a cluster file, for this run
# shellcheck source=bench/loopback-cluster.sh
source "$root/bench/loopback-cluster.sh"

find_all() {
  for h in "${!hosts[@]}"; do
    ssh "${ssh_opts[@]}" -p "${ports[$h]}" "root@${hosts[$h]}" \
      find "$work/node$h/whisper" -name "'*.wsp'" >"$run/find_$h" &
  done
  wait
}
list_all() { "$tool" cluster -c "$run/cluster.conf" list >"$run/list"; }
check_all() { "$tool" cluster -c "$run/cluster.conf" check >/dev/null 2>&1 || true; }
compare=${COMPARE:+$(cd "$COMPARE" && pwd -P)}
if [[ -n $compare ]]; then
  "$compare/whisper" --version >/dev/null 2>&1
  sed "s|^command = .*|command = env WHISPER_NO_BUILD=1 $compare/whisper|" "$run/cluster.conf" \
    >"$run/compare.conf"
fi
list_compare() { "$compare/whisper" cluster -c "$run/compare.conf" list >"$run/list_compare"; }
check_compare() { "$compare/whisper" cluster -c "$run/compare.conf" check >/dev/null 2>&1 || true; }

echo "3 nodes x $per_node metrics, $runs runs, medians; $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg); tool $tool"
find_s=() list_s=() check_s=() list_c=() check_c=()
for ((r = 1; r <= runs; r++)); do
  find_s+=("$(seconds find_all)")
  list_s+=("$(seconds list_all)")
  check_s+=("$(seconds check_all)")
  if [[ -n $compare ]]; then
    list_c+=("$(seconds list_compare)")
    check_c+=("$(seconds check_compare)")
  fi
done
found=$(cat "$run"/find_* | wc -l)
listed=$(wc -l <"$run/list")
[[ $found == "$listed" ]] || { echo "cluster-list-bench: find saw $found files, list $listed" >&2; exit 1; }
f=$(printf '%s\n' "${find_s[@]}" | median)
l=$(printf '%s\n' "${list_s[@]}" | median)
c=$(printf '%s\n' "${check_s[@]}" | median)
printf '%-34s %8.3f s\n' "ssh find (3 nodes in parallel)" "$f"
printf '%-34s %8.3f s   %.2fx find\n' "whisper cluster list" "$l" "$(echo "$l / $f" | bc -l)"
printf '%-34s %8.3f s   %.2fx find\n' "whisper cluster check" "$c" "$(echo "$c / $f" | bc -l)"
if [[ -n $compare ]]; then
  lc=$(printf '%s\n' "${list_c[@]}" | median)
  cc=$(printf '%s\n' "${check_c[@]}" | median)
  printf '%-34s %8.3f s   %.2fx find\n' "$compare list" "$lc" "$(echo "$lc / $f" | bc -l)"
  printf '%-34s %8.3f s   %.2fx find\n' "$compare check" "$cc" "$(echo "$cc / $f" | bc -l)"
  [[ $(wc -l <"$run/list_compare") == "$listed" ]] || { echo "cluster-list-bench: $compare listed another count" >&2; exit 1; }
fi
echo "both listed $listed metrics; load $(cut -d' ' -f1 /proc/loadavg) at the end"
