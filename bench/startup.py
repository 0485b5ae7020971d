#!/usr/bin/python3
"""Start-up cost of one call: ./whisper against the whisper.py script it replaces.

Runs each command in turn, alternating them so that load on the machine hits all of them
alike, and prints the median wall and CPU (user + system) time of each, its ratio to the
reference, and where our time goes (launcher, JVM start, picocli and our code).

    bench/startup.py [--runs 21]

Needs python3-whisper (apt-get install python3-whisper) and a built CLI (./whisper --version).
"""
import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WHISPER = os.path.join(ROOT, "whisper")
TARGET = os.path.join(ROOT, "whisper-cli", "target")


def timed(cmd, prepare=None):
    """Runs cmd; returns its wall time and its CPU time (user + system), in seconds."""
    if prepare:
        prepare()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def java_binary():
    with open(os.path.join(TARGET, "launcher-java")) as f:
        return f.read().strip()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()

    import whisper  # the reference, to make sample files

    subprocess.run([WHISPER, "--version"], stdout=subprocess.DEVNULL, check=True)  # build once
    work = tempfile.mkdtemp(prefix="whisper-startup-")
    try:
        now = int(time.time())
        sample = os.path.join(work, "sample.wsp")
        whisper.create(sample, [(60, 1440), (300, 2016), (3600, 8760)])
        whisper.update_many(sample, [(t, float(t % 97)) for t in range(now - 86000, now, 60)], now=now)
        src, dst = os.path.join(work, "src.wsp"), os.path.join(work, "dst.wsp")
        moved = os.path.join(work, "moved", "m.wsp")

        def fresh_pair():
            shutil.copy(sample, src)
            whisper.create(dst, [(60, 1440), (300, 2016), (3600, 8760)]) if not os.path.exists(dst) else None

        def fresh_move():
            shutil.copy(sample, src)
            if os.path.exists(moved):
                os.unlink(moved)

        java = java_binary()
        # The launcher's own JVM flags (see ./whisper), so the breakdown adds up.
        flags = ["--enable-native-access=ALL-UNNAMED", "-XX:-UsePerfData",
                 "-XX:TieredStopAtLevel=1", "-Xmn16m", "-XX:+UseSerialGC"]
        jar = os.path.join(TARGET, "whisper.jar")
        read_aot = os.path.join(TARGET, "whisper-info.aot")  # the launcher's cache for info
        quiet = ["-Xlog:aot=off", "-Xlog:cds=off"]
        cases = [
            ("reference whisper-info FILE", ["/usr/bin/whisper-info", sample], None),
            ("./whisper info FILE", [WHISPER, "info", sample], None),
            ("reference whisper-fetch FILE", ["/usr/bin/whisper-fetch", sample], None),
            ("./whisper fetch FILE", [WHISPER, "fetch", sample], None),
            ("reference whisper-update FILE N:1", ["/usr/bin/whisper-update", sample, "N:1"], None),
            ("./whisper update FILE N:1", [WHISPER, "update", sample, "N:1"], None),
            ("reference whisper-fill SRC DST", ["/usr/bin/whisper-fill", src, dst], fresh_pair),
            ("./whisper fill SRC DST", [WHISPER, "fill", src, dst], fresh_pair),
            ("./whisper move SRC DST", [WHISPER, "move", src, moved], fresh_move),
            ("python3 + import whisper", ["/usr/bin/python3", "-c", "import whisper"], None),
            ("JVM start (java -version)", [java, *flags[1:], "-version"], None),
            ("java -jar whisper.jar info FILE (AOT)",
             [java, *flags, "-XX:AOTCache=" + read_aot, *quiet, "-jar", jar, "info", sample],
             None),
            ("java -jar whisper.jar info FILE (no AOT)",
             [java, *flags, "-jar", jar, "info", sample], None),
        ]
        walls = {name: [] for name, _, _ in cases}
        cpus = {name: [] for name, _, _ in cases}
        for _ in range(args.runs):
            for name, cmd, prepare in cases:
                elapsed, cpu = timed(cmd, prepare)
                walls[name].append(elapsed)
                cpus[name].append(cpu)
        med = {name: statistics.median(t) * 1000 for name, t in walls.items()}
        cpu = {name: statistics.median(t) * 1000 for name, t in cpus.items()}
        print(f"medians of {args.runs} alternating runs (ms), {os.cpu_count()} cores, "
              f"load {os.getloadavg()[0]:.2f}")
        print(f"  {'':42s} {'wall':>7s} {'cpu':>7s}")
        for name, _, _ in cases:
            print(f"  {name:42s} {med[name]:7.1f} {cpu[name]:7.1f}")

        def ratio(ours, reference):
            return f"{med[ours] / med[reference]:.2f}x wall, {cpu[ours] / cpu[reference]:.2f}x cpu"

        print(f"info:   {ratio('./whisper info FILE', 'reference whisper-info FILE')} "
              f"the reference (goal <= 1.5x)")
        print(f"fetch:  {ratio('./whisper fetch FILE', 'reference whisper-fetch FILE')} "
              f"the reference")
        print(f"update: {ratio('./whisper update FILE N:1', 'reference whisper-update FILE N:1')} "
              f"the reference")
        print(f"fill:   {ratio('./whisper fill SRC DST', 'reference whisper-fill SRC DST')} "
              f"the reference")
        print(f"move:   {ratio('./whisper move SRC DST', 'python3 + import whisper')} "
              f"a Python process that imports whisper")
        launcher = med["./whisper info FILE"] - med["java -jar whisper.jar info FILE (AOT)"]
        jvm = med["JVM start (java -version)"]
        rest = med["java -jar whisper.jar info FILE (AOT)"] - jvm
        print(f"where info's time goes: launcher {launcher:.1f}, JVM start {jvm:.1f}, "
              f"picocli set-up and info itself {rest:.1f} ms; the AOT cache saves "
              f"{med['java -jar whisper.jar info FILE (no AOT)'] - med['java -jar whisper.jar info FILE (AOT)']:.1f} ms")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
