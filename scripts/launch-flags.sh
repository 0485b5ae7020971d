# Sourced by both launchers, ./whisper (development) and packaging/whisper (installed), with
# the command line as arguments: sets `jvm`, the JVM flags, and `aot_group`, the group of
# commands whose AOT cache the command starts with. One copy, so the two cannot drift;
# LauncherCachesTest and InstalledLauncherTest check both against AotCaches.LAUNCHER_FLAGS
# and AotTraining.Group.
#
# Tuned for start-up, which dominates a tool called once per file: C1 only (C2's compiler
# threads compete with the work on a 2-core host: -30% for `info`, and fsck over 100,000
# files is faster too), the serial collector (no GC threads; our heaps are small), a young
# generation of 16 MiB (what a scan allocates is garbage at once: a small eden stays in
# the cache instead of faulting in fresh pages; fsck over 100,000 files -5% CPU), no
# hsperfdata file. The AOT caches are made with the same flags (AotCaches.LAUNCHER_FLAGS):
# a JVM uses a cache only with the flags it was made with. JAVA_OPTS comes after these and
# wins; naming another collector there replaces the serial one.
jvm=(--enable-native-access=ALL-UNNAMED -XX:-UsePerfData -XX:TieredStopAtLevel=1 -Xmn16m)
[[ ${JAVA_OPTS:-} == *GC* ]] || jvm+=(-XX:+UseSerialGC)
# A JVM loads its whole AOT cache at start, so each group of commands has a cache of its
# own classes only; the groups are AotTraining.Group's.
case ${1:-} in
  info) aot_group=info ;;
  fetch|dump|diff) aot_group=read ;;
  update|create|merge|resize|set-aggregation-method|set-xfilesfactor) aot_group=write ;;
  move) aot_group=move ;;
  fill) aot_group=fill ;;
  fsck) aot_group=fsck ;;
  *) aot_group=all ;;
esac
