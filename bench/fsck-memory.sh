#!/usr/bin/env bash
# Checks that `whisper fsck` walks any tree in flat memory: generates N healthy files (default
# 1,000,000; 1000 folders of 1000) and scans them with a 64 MiB heap, printing the peak RSS.
# The files are hard links to a few sparse whisper files (ext4 allows 65,000 links per inode),
# so the tree costs directory entries only; the walk and the header reads are the same as for
# distinct files.
#
# Usage: bench/fsck-memory.sh [N [DIR]]   (DIR defaults to a temporary folder, removed at the end)
set -euo pipefail
n=${1:-1000000}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
# shellcheck source=bench/work-dir.sh
source "$root/bench/work-dir.sh"
work_dir "${2:-}" fsck-memory
if [[ ! -f $dir/.generated-$n ]]; then
  echo "generating $n files in $dir ..." >&2
  /usr/bin/python3 - "$dir" "$n" <<'PY'
import os, sys, whisper
root, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    folder, seed = i // 1000, os.path.join(root, "seed%03d.wsp" % (i // 60000))
    if not os.path.exists(seed):
        whisper.create(seed, [(60, 1440), (300, 8640), (3600, 8760)], sparse=True)
    d = os.path.join(root, "tree", "host%04d" % folder)
    if i % 1000 == 0:
        os.makedirs(d, exist_ok=True)
    os.link(seed, os.path.join(d, "m%04d.wsp" % (i % 1000)))
PY
  touch "$dir/.generated-$n"
fi
"$root/whisper" --version >/dev/null
log=$(mktemp)
status=0
JAVA_OPTS="-Xmx64m ${JAVA_OPTS:-}" /usr/bin/time -v "$root/whisper" fsck "$dir/tree" 2>"$log" >/dev/null || status=$?
grep '^whisper fsck:' "$log"
grep -E 'Maximum resident set size|Elapsed \(wall clock\)' "$log" | sed 's/^[[:space:]]*//'
grep -q OutOfMemoryError "$log" && { echo "fsck-memory: out of memory" >&2; status=1; }
rm -f "$log"
echo "exit status: $status"
exit "$status"
