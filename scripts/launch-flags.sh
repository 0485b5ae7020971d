# Sourced by both launchers, ./whisper (development) and packaging/whisper (installed), with
# the command line as arguments: sets `jvm`, the JVM flags, and `aot_group`, the group of
# commands whose AOT cache the command starts with, and exports the locale java runs in. One copy, so the two cannot drift;
# LauncherCachesTest and InstalledLauncherTest check both against AotCaches.LAUNCHER_FLAGS
# and AotTraining.Group.
#
# Tuned for start-up, which dominates a tool called once per file: C1 only (C2's compiler
# threads compete with the work on a 2-core host: -30% for `info`, and fsck over 100,000
# files is faster too), the serial collector (no GC threads; our heaps are small), a young
# generation of 16 MiB (what a scan allocates is garbage at once: a small eden stays in
# the cache instead of faulting in fresh pages; fsck over 100,000 files -5% CPU), no
# hsperfdata file, and no JIT for the JDK's class generators (below). The AOT caches are made
# with the same flags (AotCaches.LAUNCHER_FLAGS):
# a JVM uses a cache only with the flags it was made with. JAVA_OPTS comes after these and
# wins; naming another collector there replaces the serial one. aircompressor's pure-Java
# zstd (whisper backup) reads memory through sun.misc.Unsafe, which JDK 24+ warns about on
# stderr unless allowed.
jvm=(--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -XX:-UsePerfData
  -XX:TieredStopAtLevel=1 -Xmn16m)
[[ ${JAVA_OPTS:-} == *GC* ]] || jvm+=(-XX:+UseSerialGC)
# The FFM downcall (and any lambda the cache lacks) is generated at start by the class-file
# library, hot once and never again; C1 then compiled some 200 of its methods while a serve's
# walk waited interpreted. Excluded: serve over 100,000 names -19% CPU, fsck over 20,000
# files -18% (docs/startup.md). "quiet" first: no line on stdout, which carries frames.
jvm+=(-XX:CompileCommand=quiet -XX:CompileCommand=exclude,jdk.internal.classfile.*::*
  -XX:CompileCommand=exclude,jdk.internal.constant.*::*
  -XX:CompileCommand=exclude,java.lang.invoke.InvokerBytecodeGenerator::*
  -XX:CompileCommand=exclude,java.lang.invoke.MemberName::*)
# The backup commands hash and compress gigabytes: C2 is what has the SHA-256 intrinsics
# (sha_ni) and makes zstd fast; C1 alone is 5 to 10 times slower there. They run for
# seconds to hours, so start-up matters less than throughput.
# So do the cluster verbs that move data through the controller: every file it ships is
# hashed for the journal (SHA-256 under C1 was 70% of the controller's time in a rebalance).
case ${1:-} in
  backup|restore|check|forget|cat) jvm+=(-XX:TieredStopAtLevel=4) ;;
  cluster) if [[ " $* " == *" rebalance "* || " $* " == *" restore "* ]]; then jvm+=(-XX:TieredStopAtLevel=4); fi ;;
esac
# A JVM loads its whole AOT cache at start, so each group of commands has a cache of its
# own classes only; the groups are AotTraining.Group's.
case ${1:-} in
  info) aot_group=info ;;
  fetch|dump|diff) aot_group=read ;;
  update|create|merge|resize|set-aggregation-method|set-xfilesfactor) aot_group=write ;;
  move) aot_group=move ;;
  fill) aot_group=fill ;;
  fsck) aot_group=fsck ;;
  serve) aot_group=serve ;;
  cluster) aot_group=cluster ;;
  *) aot_group=all ;;
esac

# Java spells file names in the locale's charset, fixed at start (no -D changes it); cron and
# `env -i` give none, so ASCII, and one café.wsp stopped a whole run. A user's locale may also
# name a charset that is not installed, which is ASCII again. C.UTF-8 is in every glibc since
# 2.35 (and in Debian's before): names and output are UTF-8 whoever runs us. Names that are not
# UTF-8 are read as bytes by the code (PathBytes), whatever the charset.
export LC_ALL=C.UTF-8
