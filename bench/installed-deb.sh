# shellcheck shell=bash
# Sourced by the benchmarks that time the installed package: unpacks the .deb $1 into the
# folder $2 (dpkg-deb -x, not installed) and binds its tree on /usr/lib/whisper, where its AOT
# caches were made (elsewhere each call opens the jar anew), over an overlay of /usr/lib when
# that folder does not exist. Needs root and a mount namespace of the script's own (re-exec
# under `unshare --mount --propagation private` first): the machine's /usr is not changed, and
# processes the script starts (sshd) see the same tree. Sets $installed to the launcher.
# Without root the tree stays in $2, its caches not at home. Call unbind_installed on exit.
bind_installed() {
  local deb=$1 work=$2
  dpkg-deb -x "$deb" "$work/installed"
  installed=$work/installed/usr/bin/whisper
  if [[ -z ${WHISPER_BENCH_NAMESPACE:-} ]]; then
    echo "${0##*/}: not root: the package runs from $work, where its caches are not at home" >&2
    return
  fi
  if [[ ! -d /usr/lib/whisper ]]; then
    mkdir "$work/upper" "$work/overlay-work"
    mount -t overlay overlay -o "lowerdir=/usr/lib,upperdir=$work/upper,workdir=$work/overlay-work" /usr/lib
    mkdir /usr/lib/whisper
  fi
  mount --bind "$work/installed/usr/lib/whisper" /usr/lib/whisper
  installed=/usr/lib/whisper/bin/whisper
}

unbind_installed() {
  if [[ -n ${WHISPER_BENCH_NAMESPACE:-} ]]; then
    umount /usr/lib/whisper 2>/dev/null || true
    mountpoint -q /usr/lib && umount /usr/lib 2>/dev/null || true
  fi
}
