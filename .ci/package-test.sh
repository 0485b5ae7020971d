#!/usr/bin/env bash
# The package test (issue 14): builds the .deb (./package deb) unless one is given, installs it
# into a minimal Debian root with no Java at all (debootstrap --variant=minbase bookworm, made
# once per machine and cached by .ci/debian-root.sh), and there runs what an operator would:
# whisper --version, fsck over the shipped specimens, create/fill/move of a pair, whisper-info
# through a drop-in link, man whisper-fsck, bash completion of `whisper f<TAB>`, and dpkg -r,
# which must remove every file it installed. Ends with `package-test: N passed, N failed`.
#
# Usage (as root): .ci/package-test.sh [DEB]. Cold (no cached root): about 31 s more for
# debootstrap on this network. ./package deb took 203 to 341 s on 2 busy cores (xz most of it);
# the test itself about 25 s.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
project=$PWD
[[ $(id -u) == 0 ]] || { echo "package-test: needs root (chroot, mount)" >&2; exit 1; }

passed=0
failed=0
pass() { passed=$((passed + 1)); printf 'package-test: ok   %s\n' "$1"; }
fail() { failed=$((failed + 1)); printf 'package-test: FAIL %s\n' "$1"; [[ -z ${2:-} ]] || printf '%s\n' "$2" | sed 's/^/    /'; }
finish() { printf 'package-test: %d passed, %d failed\n' "$passed" "$failed"; ((failed == 0)); exit; }

deb=${1:-}
if [[ -z $deb ]]; then
  if ! ./package deb; then fail "./package deb"; finish; fi
  deb=$(ls -t dist/whisper_*_amd64.deb | head -1)
fi
base=$(.ci/debian-root.sh) || { fail "a minimal Debian root (.ci/debian-root.sh)"; finish; }

work=$(mktemp -d /var/tmp/whisper-package-test.XXXXXX)
root=$work/root
cleanup() {
  mountpoint -q "$root/proc" && umount "$root/proc"
  mountpoint -q "$root" && umount "$root"
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
mkdir "$root"
tar -C "$root" --zstd -xf "$base"
# The root a mount of its own, as on a real machine: move finds the file system of a path in
# /proc/self/mountinfo, which shows only the mounts under the chroot.
mount --bind "$root" "$root"
mount -t proc proc "$root/proc" # the JVM needs it, and so does our code (/proc/self/fd)
# A clean environment, as cron's: no JAVA_HOME, a PATH of the system's folders only.
in_root() { chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "$@"; }

if in_root sh -c 'command -v java || ls /usr/lib/jvm' >/dev/null 2>&1; then
  fail "the root has no Java" "$(in_root sh -c 'command -v java; ls /usr/lib/jvm' 2>&1)"
else
  pass "the root has no Java"
fi

cp "$deb" "$root/tmp/whisper.deb"
mkdir -p "$root/tmp/testdata"
cp -a testdata/good testdata/warn testdata/corrupt "$root/tmp/testdata/"
(cd "$root" && find . -xdev | sort) >"$work/before"
if out=$(in_root dpkg -i /tmp/whisper.deb 2>&1); then pass "dpkg -i ${deb##*/}"; else fail "dpkg -i" "$out"; finish; fi
in_root dpkg -L whisper >"$work/installed"

# The version, and the commit it was built from (this checkout's HEAD when built here).
version=$(in_root whisper --version 2>&1)
expected="whisper $(dpkg-deb -f "$deb" Version) "
if [[ -z ${1:-} ]] && head=$(git rev-parse --short=12 HEAD 2>/dev/null); then
  expected+="(commit $head"
fi
if [[ $version == "$expected"* ]]; then pass "whisper --version: ${version%%$'\n'*}"; else fail "whisper --version starts with '$expected'" "$version"; fi

# It runs its own runtime: a JAVA_HOME and a java on PATH that fail change nothing.
mkdir -p "$root/tmp/fakejdk/bin"
printf '#!/bin/sh\necho "the wrong java" >&2; exit 99\n' >"$root/tmp/fakejdk/bin/java"
chmod 755 "$root/tmp/fakejdk/bin/java"
if out=$(chroot "$root" /usr/bin/env -i JAVA_HOME=/tmp/fakejdk PATH=/tmp/fakejdk/bin:/usr/bin:/bin whisper --version 2>&1) \
    && [[ $out == "$version" ]]; then
  pass "JAVA_HOME and PATH are ignored"
else
  fail "JAVA_HOME and PATH are ignored" "$out"
fi

# fsck over the specimens: exit 4 (corrupt files left uncorrected), only files of the corrupt
# specimens' manifest named as corrupt, and with --deep every one of them.
manifest=$(tail -n +2 testdata/corrupt/MANIFEST.tsv | cut -f1 | sort)
for deep in "" --deep; do
  in_root whisper fsck $deep /tmp/testdata >"$work/fsck.out" 2>"$work/fsck.err"
  status=$?
  named=$(grep -v ': warning: ' "$work/fsck.out" | sed -E 's|^/tmp/testdata/corrupt/([^:/]+): .*|\1|' | sort)
  if ((status == 4)) && [[ -n $named ]] && ! grep -qvxF -f <(printf '%s\n' "$manifest") <<<"$named" \
      && { [[ -z $deep ]] || [[ $named == "$manifest" ]]; }; then
    pass "whisper fsck${deep:+ $deep} over the specimens: exit 4, $(wc -l <<<"$named") corrupt files named"
  else
    fail "whisper fsck${deep:+ $deep} over the specimens: exit $status (want 4)" "$(cat "$work/fsck.out" "$work/fsck.err")"
  fi
done

# A pair: created by the drop-in, A written, B filled from A, then B moved.
now=$(date +%s)
t=$((now - now % 60 - 600))
script="set -e
cd /tmp
whisper create a.wsp 60:1440 >/dev/null
whisper create b.wsp 60:1440 >/dev/null
whisper update a.wsp $t:1 $((t + 60)):2 $((t + 120)):3
whisper fill a.wsp b.wsp
whisper fetch --from=$((t - 60)) --until=$((t + 180)) b.wsp"
if out=$(in_root bash -c "$script" 2>&1) && grep -q "^$t	1.0" <<<"$out" && grep -q "^$((t + 120))	3.0" <<<"$out"; then
  pass "whisper create, update, fill of a pair"
else
  fail "whisper create, update, fill of a pair" "$out"
fi
if out=$(in_root bash -c "set -e; cd /tmp; whisper move b.wsp moved/b.wsp; test ! -e b.wsp
  whisper fetch --from=$((t - 60)) --until=$((t + 180)) moved/b.wsp" 2>&1) \
    && grep -q "^$((t + 60))	2.0" <<<"$out"; then
  pass "whisper move of a pair"
else
  fail "whisper move of a pair" "$out"
fi

# The AOT cache made at package time holds for the installed runtime and jar: the CLI's
# classes come from it (a JVM that cannot use a cache says nothing and loads them anew).
# It was trained at the installed path: a cache that names another path for the jar is used,
# but the jar is opened anew (milliseconds in every call).
if out=$(in_root env JAVA_OPTS="-Xlog:class+load=info -Xlog:class+path=info" whisper info /tmp/a.wsp 2>&1) \
    && grep -q 'io.whisper.cli.WhisperCli source: shared objects file' <<<"$out" \
    && grep -Eq '\(app +\) \[1\] = /usr/lib/whisper/lib/whisper.jar$' <<<"$out"; then
  pass "the installed AOT cache is used, made for /usr/lib/whisper ($(grep -c 'source: shared objects file' <<<"$out") classes from it)"
else
  fail "the installed AOT cache is used, made for /usr/lib/whisper" "$(grep -E -m5 'io.whisper|\(app' <<<"$out")"
fi

# The caches hold classes and no method profiles (docs/startup.md, rule 9): with profiles,
# every start replays the training's compilations. The dictionary the JVM prints is empty.
if out=$(in_root env JAVA_OPTS="-XX:+UnlockDiagnosticVMOptions -XX:+AOTPrintTrainingInfo" whisper info /tmp/a.wsp 2>&1) \
    && grep -q '^Archived TrainingData Dictionary$' <<<"$out" \
    && dictionary=$(sed -n '/^Archived TrainingData Dictionary$/,/^aggregationMethod:/p' <<<"$out") \
    && ! grep -Eq '^ *[0-9]+: ' <<<"$dictionary"; then
  pass "the installed AOT caches hold no method profiles"
else
  fail "the installed AOT caches hold no method profiles" "$(grep -m3 -A2 'TrainingData' <<<"$out")"
fi

# The FFM downcall's lambda forms are in the runtime's class list, so the caches hold them
# (docs/startup.md, rule 8): linking it in a serve generates no direct-method-handle form and
# no bound-handle species (13 and 4 of them without the list's lines).
if out=$(in_root bash -c 'mkdir -p /tmp/served; JAVA_OPTS=-Xlog:class+load=info whisper serve --root /tmp/served </dev/null' 2>&1 | tr -c '[:print:]\n' ' ') \
    && grep -q 'jdk.internal.foreign.abi.DowncallStub/' <<<"$out" \
    && ! grep -E 'LambdaForm\$DMH/|Species_' <<<"$out" | grep -c __JVM_LookupDefineClass__ >/dev/null; then
  pass "a serve links the downcall with the lambda forms of its cache ($(grep -c __JVM_LookupDefineClass__ <<<"$out") classes generated)"
else
  fail "a serve links the downcall with the lambda forms of its cache" "$(grep -E 'LambdaForm\$DMH/|Species_|DowncallStub' <<<"$out" | grep -m5 __JVM_LookupDefineClass__)"
fi

# The drop-in links, in a folder of their own that an operator puts first on PATH.
dropin_path=/usr/lib/whisper/bin:/usr/sbin:/usr/bin:/sbin:/bin
if out=$(chroot "$root" /usr/bin/env -i PATH=$dropin_path sh -c 'command -v whisper-info; whisper-info /tmp/a.wsp' 2>&1) \
    && [[ ${out%%$'\n'*} == /usr/lib/whisper/bin/whisper-info ]] \
    && [[ ${out#*$'\n'} == "$(in_root whisper info /tmp/a.wsp)" ]] && grep -q '^aggregationMethod: average' <<<"$out"; then
  pass "whisper-info through the drop-in link in /usr/lib/whisper/bin"
else
  fail "whisper-info through the drop-in link" "$out"
fi
if [[ -n $(find "$root/usr/bin" -name 'whisper-*' -print -quit) ]]; then
  fail "nothing installed as /usr/bin/whisper-* (python3-whisper's names)" "$(ls "$root"/usr/bin/whisper-*)"
else
  pass "nothing installed as /usr/bin/whisper-* (python3-whisper's names)"
fi

if out=$(in_root man -P cat whisper-fsck 2>&1) && grep -q 'whisper fsck \[' <<<"$out" && grep -q -- '--quarantine' <<<"$out"; then
  pass "man whisper-fsck"
else
  fail "man whisper-fsck" "$out"
fi

# `whisper f<TAB>`: bash-completion loads our file by the command's name, and its function
# offers the commands that start with f.
completion='source /usr/share/bash-completion/bash_completion
__load_completion whisper || exit 3
fn=$(complete -p whisper | sed -E "s/.* -F ([^ ]+) .*/\1/")
COMP_WORDS=(whisper f); COMP_CWORD=1; COMP_LINE="whisper f"; COMP_POINT=${#COMP_LINE}
"$fn" whisper f whisper
printf "%s\n" "${COMPREPLY[@]}" | sort | paste -sd " "'
if out=$(in_root bash -c "$completion" 2>&1) && [[ $out == "fetch fill forget fsck" ]]; then
  pass "bash completion of whisper f<TAB>: $out"
else
  fail "bash completion of whisper f<TAB> (want: fetch fill forget fsck)" "$out"
fi

# dpkg -r removes every file it installed (folders that were there before stay).
if out=$(in_root dpkg -r whisper 2>&1); then pass "dpkg -r whisper"; else fail "dpkg -r whisper" "$out"; fi
left=()
while IFS= read -r path; do
  [[ $path == /. ]] && continue
  [[ -e $root$path || -L $root$path ]] && ! grep -qxF ".$path" "$work/before" && left+=("$path")
done <"$work/installed"
if ((${#left[@]} == 0)) && [[ ! -e $root/usr/lib/whisper ]]; then
  pass "dpkg -r left none of the $(wc -l <"$work/installed") paths it installed"
else
  fail "dpkg -r left what it installed" "$(printf '%s\n' "${left[@]}")"
fi
finish
