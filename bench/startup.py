#!/usr/bin/python3
"""Start-up cost of one call: ./whisper against the whisper.py script it replaces.

Runs each command in turn, alternating them so that load on the machine hits all of them
alike, and prints the median wall time of each, its ratio to the reference, and where our
time goes (launcher, JVM start, picocli, our code).

    bench/startup.py [--runs 21]

Needs python3-whisper (apt-get install python3-whisper) and a built CLI (./whisper --version).
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WHISPER = os.path.join(ROOT, "whisper")
TARGET = os.path.join(ROOT, "whisper-cli", "target")


def wall(cmd, prepare=None):
    if prepare:
        prepare()
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


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
        jar = os.path.join(TARGET, "whisper.jar")
        aot = os.path.join(TARGET, "whisper.aot")
        cases = [
            ("reference whisper-info FILE", ["/usr/bin/whisper-info", sample], None),
            ("./whisper info FILE", [WHISPER, "info", sample], None),
            ("reference whisper-fill SRC DST", ["/usr/bin/whisper-fill", src, dst], fresh_pair),
            ("./whisper fill SRC DST", [WHISPER, "fill", src, dst], fresh_pair),
            ("./whisper move SRC DST", [WHISPER, "move", src, moved], fresh_move),
            ("python3 + import whisper", ["/usr/bin/python3", "-c", "import whisper"], None),
            ("JVM start (java -version)", [java, "-XX:-UsePerfData", "-Xshare:auto", "-version"], None),
            ("java -jar whisper.jar --version (AOT)",
             [java, "--enable-native-access=ALL-UNNAMED", "-XX:-UsePerfData", "-XX:AOTCache=" + aot,
              "-Xlog:aot=off", "-Xlog:cds=off", "-jar", jar, "--version"], None),
            ("java -jar whisper.jar info FILE (AOT)",
             [java, "--enable-native-access=ALL-UNNAMED", "-XX:-UsePerfData", "-XX:AOTCache=" + aot,
              "-Xlog:aot=off", "-Xlog:cds=off", "-jar", jar, "info", sample], None),
            ("java -jar whisper.jar info FILE (no AOT)",
             [java, "--enable-native-access=ALL-UNNAMED", "-XX:-UsePerfData", "-jar", jar, "info", sample],
             None),
        ]
        times = {name: [] for name, _, _ in cases}
        for _ in range(args.runs):
            for name, cmd, prepare in cases:
                times[name].append(wall(cmd, prepare))
        med = {name: statistics.median(t) * 1000 for name, t in times.items()}
        ref_info = med["reference whisper-info FILE"]
        ref_fill = med["reference whisper-fill SRC DST"]
        print(f"medians of {args.runs} alternating runs (ms), {os.cpu_count()} cores")
        for name, _, _ in cases:
            print(f"  {name:42s} {med[name]:7.1f}")
        print(f"ratio info: {med['./whisper info FILE'] / ref_info:.2f}x the reference "
              f"(goal <= 1.5x)")
        print(f"ratio fill: {med['./whisper fill SRC DST'] / ref_fill:.2f}x the reference whisper-fill")
        print(f"ratio move: {med['./whisper move SRC DST'] / med['python3 + import whisper']:.2f}x "
              f"a Python process that imports whisper")
        launcher = med["./whisper info FILE"] - med["java -jar whisper.jar info FILE (AOT)"]
        jvm = med["JVM start (java -version)"]
        picocli = med["java -jar whisper.jar --version (AOT)"] - jvm
        ours = med["java -jar whisper.jar info FILE (AOT)"] - med["java -jar whisper.jar --version (AOT)"]
        print(f"where info's time goes: launcher {launcher:.1f}, JVM start {jvm:.1f}, "
              f"picocli and top command {picocli:.1f}, info itself {ours:.1f} ms; "
              f"the AOT cache saves "
              f"{med['java -jar whisper.jar info FILE (no AOT)'] - med['java -jar whisper.jar info FILE (AOT)']:.1f} ms")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
