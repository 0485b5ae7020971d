#!/usr/bin/env bash
# Prints the path of a cached minimal Debian root (a tarball) for the package test, making it
# first when it is missing: `debootstrap --variant=minbase bookworm` with man-db and
# bash-completion, and no Java. Made once per machine (a few minutes, network-bound); later
# runs unpack the tarball (seconds). WHISPER_CI_CACHE moves the cache (default
# /var/cache/whisper-ci); delete the tarball to make it anew.
set -euo pipefail
cache=${WHISPER_CI_CACHE:-/var/cache/whisper-ci}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
extra=man-db,bash-completion
# The name says what is in it, so a change of the list makes a new one.
tarball=$cache/bookworm-minbase-${extra//,/-}.tar.zst
if [[ ! -s $tarball ]]; then
  command -v debootstrap >/dev/null || { echo "debian-root: debootstrap is not installed" >&2; exit 1; }
  mkdir -p "$cache"
  work=$(mktemp -d "$cache/root.XXXXXX")
  trap 'rm -rf "$work"' EXIT
  start=$SECONDS
  echo "debian-root: debootstrap --variant=minbase bookworm (once per machine)..." >&2
  if ! debootstrap --variant=minbase --include="$extra" bookworm "$work/root" "$mirror" >"$work/log" 2>&1; then
    tail -20 "$work/log" >&2
    echo "debian-root: debootstrap failed (log above)" >&2
    exit 1
  fi
  rm -rf "$work/root/var/cache/apt/archives/"*.deb "$work/root/var/lib/apt/lists/"*
  tar -C "$work/root" --zstd -cf "$work/root.tar.zst" .
  mv "$work/root.tar.zst" "$tarball"
  echo "debian-root: made $tarball in $((SECONDS - start)) s" >&2
fi
printf '%s\n' "$tarball"
