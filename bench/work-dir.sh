# shellcheck shell=bash
# Sourced by the bench scripts: sets $dir to the folder given as $1, or to a new temporary folder
# named after $2 that is removed when the script exits. Files already generated there are kept,
# so a second run with the same folder skips the generation.
work_dir() {
  if [[ -n ${1:-} ]]; then
    dir=$1
    mkdir -p "$dir"
  else
    dir=$(mktemp -d "${TMPDIR:-/tmp}/$2.XXXXXX")
    trap 'rm -rf "$dir"' EXIT
  fi
}
