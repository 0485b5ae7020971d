#!/usr/bin/env bash
# Start-up of the installed package against the development launcher and the reference:
# `whisper info FILE` through the .deb's /usr/bin/whisper (its own runtime and AOT caches),
# through ./whisper (the JDK 25 and target/'s caches), and whisper.py's whisper-info. The three
# alternate, so load on the machine hits them alike; prints the median wall and CPU (user +
# system) time of each and its ratio to the reference, all from one run.
#
#   bench/install-startup.sh [--runs N] [DEB]     (default: 31 runs, the newest dist/*.deb)
#
# The .deb is unpacked (dpkg-deb -x), not installed, and run from /usr/lib/whisper all the
# same: as root the script runs in a mount namespace of its own where the unpacked tree is
# bound there (the caches were made for that path; elsewhere each call opens the jar anew).
# The machine's /usr is not changed. Needs python3-whisper and a built ./whisper (./package
# builds both the .deb and it).
set -euo pipefail
if [[ $(id -u) == 0 && -z ${WHISPER_BENCH_NAMESPACE:-} ]] && command -v unshare >/dev/null; then
  WHISPER_BENCH_NAMESPACE=1 exec unshare --mount --propagation private "$0" "$@"
fi
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
runs=31
if [[ ${1:-} == --runs ]]; then runs=$2; shift 2; fi
deb=${1:-$(ls -t "$root"/dist/whisper_*_amd64.deb 2>/dev/null | head -1)}
[[ -f $deb ]] || { echo "install-startup: no .deb (run ./package deb)" >&2; exit 1; }
[[ -x /usr/bin/whisper-info ]] || { echo "install-startup: apt-get install python3-whisper" >&2; exit 1; }

work=$(mktemp -d /var/tmp/whisper-install-startup.XXXXXX)
# shellcheck source=bench/installed-deb.sh
source "$root/bench/installed-deb.sh"
cleanup() {
  unbind_installed
  rm -rf "$work"
}
trap cleanup EXIT
bind_installed "$deb" "$work"
"$root/whisper" --version >/dev/null # builds the development jar if it must

/usr/bin/python3 - "$runs" "$work" "$root/whisper" "${deb##*/}" "$installed" <<'PY'
import os, resource, statistics, subprocess, sys, time
import whisper

runs, work, dev, deb, installed = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
now = int(time.time())
sample = os.path.join(work, "sample.wsp")
whisper.create(sample, [(60, 1440), (300, 2016), (3600, 8760)])
whisper.update_many(sample, [(t, float(t % 97)) for t in range(now - 86000, now, 60)], now=now)
env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}  # as cron runs it: no JAVA_HOME
cases = [
    ("reference whisper-info FILE", ["/usr/bin/whisper-info", sample]),
    ("./whisper info FILE (development launcher)", [dev, "info", sample]),
    ("installed whisper info FILE (%s, %s)" % (deb, installed), [installed, "info", sample]),
]

def timed(cmd):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit("install-startup: %s failed with status %d" % (" ".join(cmd), done.returncode))
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)

for _, cmd in cases:  # warm the page cache, and check each works
    timed(cmd)
times = {name: [] for name, _ in cases}
for _ in range(runs):
    for name, cmd in cases:
        times[name].append(timed(cmd))
print("%d alternating runs, load average %.2f at the end" % (runs, os.getloadavg()[0]))
print("| command | wall (median) | vs reference | vs ./whisper | CPU (median) |")
print("|---|---|---|---|---|")
reference = statistics.median(w for w, _ in times[cases[0][0]])
development = statistics.median(w for w, _ in times[cases[1][0]])
for name, _ in cases:
    wall = statistics.median(w for w, _ in times[name])
    cpu = statistics.median(c for _, c in times[name])
    print("| %s | %.1f ms | %.2fx | %.2fx | %.1f ms |"
          % (name, wall * 1000, wall / reference, wall / development, cpu * 1000))
PY
