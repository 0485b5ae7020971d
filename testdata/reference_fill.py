#!/usr/bin/python3
"""Runs the reference whisper-fill over a tree of replica pairs, in one process, at a fixed now.

    /usr/bin/python3 testdata/reference_fill.py NOW SRC_DIR DST_DIR
    /usr/bin/python3 testdata/reference_fill.py NOW SRC_FILE DST_FILE

For the file pair, or for every .wsp under SRC_DIR with a counterpart at the same relative path under DST_DIR,
calls /usr/bin/whisper-fill's own fill_archives(src, dst, NOW) - its fastest use: no process
per pair - with time.time() fixed at NOW, so the result can be compared byte for byte with
`whisper fill` run at the same now. Prints the number of pairs, the wall-clock seconds and the
CPU seconds the fill loop took (the walk not included): "pairs=N seconds=S cpu=C".
"""

import importlib.machinery
import importlib.util
import os
import sys
import time


def load_whisper_fill():
    loader = importlib.machinery.SourceFileLoader('whisper_fill', '/usr/bin/whisper-fill')
    spec = importlib.util.spec_from_loader('whisper_fill', loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def pairs(src_root, dst_root):
    if os.path.isfile(src_root):
        return [(src_root, dst_root)]
    found = []
    for folder, dirs, files in os.walk(src_root):
        dirs.sort()
        for name in sorted(files):
            if name.endswith('.wsp'):
                src = os.path.join(folder, name)
                dst = os.path.join(dst_root, os.path.relpath(src, src_root))
                if os.path.exists(dst):
                    found.append((src, dst))
    return found


def main():
    now, src_root, dst_root = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    whisper_fill = load_whisper_fill()
    work = pairs(src_root, dst_root)
    clock = time.perf_counter
    time.time = lambda: float(now)  # whisper-fill, fetch and update_many all read time.time()
    started, cpu_started = clock(), time.process_time()
    for src, dst in work:
        whisper_fill.fill_archives(src, dst, float(now))
    elapsed, cpu = clock() - started, time.process_time() - cpu_started
    print('pairs=%d seconds=%.3f cpu=%.3f' % (len(work), elapsed, cpu))


if __name__ == '__main__':
    main()
