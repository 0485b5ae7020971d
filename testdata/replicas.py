#!/usr/bin/python3
"""Generates trees of whisper replica pairs for `whisper fill` tests and benchmarks.

    /usr/bin/python3 testdata/replicas.py OUT --pairs N [--now T] [--seed S]
        [--schema 1m:1d,5m:30d,1h:1y] [--missing K] [--max-gaps G]

writes OUT/src/gNN/mNNNN.wsp and the same paths under OUT/dst/. Both files of a pair have
the same schema (aggregation method and xFilesFactor vary from pair to pair) and the same
data, except that dst has gaps punched into it, as an outage leaves them. --missing K also
writes K source files that have no counterpart in dst (for --copy-missing).

The pairs are built so that the reference whisper-fill cannot show its bugs on them (spec
6.1 quirks): then a correct fill and the reference must leave byte-identical files.

  * No value is 0.0 (the reference takes 0.0 for a gap).
  * The source's own holes (which dst inherits) are never at a window's first or last two
    slots.
  * Every gap is at least 2 slots long (the reference skips 1-slot gaps), lies inside the
    window whisper-fill gives its archive, never at its first slot (a gap there makes the
    reference read coarser source archives) and is followed by a present slot that is not
    the window's last (the reference rewrites that slot: it holds the source's value).
  * `now` is not a multiple of 300, so no gap interval is exactly `retention` old (which
    would send the reference's update_many into the higher archive).
  * The lower archives of dst are consistent with its higher archives, as carbon leaves
    them: each lower interval the higher ring covers holds what whisper.py's __propagate
    computes from it. The reference re-propagates intervals we leave alone (the one after
    each gap); on a consistent file that rewrites the same bytes.

Gap slots hold a stale timestamp (one retention older), never 0: slot 0's timestamp is the
ring's base. Output is deterministic for a given seed.
"""

import argparse
import os
import random
import struct
import sys

import whisper

DEFAULT_NOW = 1700000217
METHODS = ['average', 'sum', 'last', 'max', 'min']
XFFS = [0.0, 0.5]


def parse_schema(text):
    return [whisper.parseRetentionDef(part) for part in text.split(',')]


class Ring:
    """One archive: `points` slots, slot = ((interval - base) / step) mod points."""

    def __init__(self, step, points, now, rng):
        self.step = step
        self.points = points
        self.newest = now - now % step
        self.oldest = self.newest - (points - 1) * step
        self.base = self.oldest + rng.randrange(points) * step  # a rotated ring, as time leaves it
        self.ts = [0] * points
        self.val = [0.0] * points

    def slot(self, interval):
        return ((interval - self.base) // self.step) % self.points

    def put(self, interval, value):
        k = self.slot(interval)
        self.ts[k] = interval
        self.val[k] = value

    def punch(self, interval, rng):
        k = self.slot(interval)
        self.ts[k] = interval - self.step * self.points  # stale, never 0
        self.val[k] = rng.uniform(-1e6, 1e6)

    def get(self, interval):
        k = self.slot(interval)
        return self.val[k] if self.ts[k] == interval else None

    def copy(self):
        other = Ring.__new__(Ring)
        other.__dict__.update(self.__dict__)
        other.ts = list(self.ts)
        other.val = list(self.val)
        return other


def fill_windows(rings, now):
    """The intervals whisper-fill scans in each archive: (now - ret_i, now - ret_(i-1)]."""
    windows = []
    upper = now
    for ring in rings:
        lower = now - ring.step * ring.points
        first = lower - lower % ring.step + ring.step
        last = upper - upper % ring.step
        windows.append(list(range(first, last + 1, ring.step)))
        upper = lower
    return windows


def make_consistent(rings, method, xff, keep):
    """Recomputes each lower interval the higher ring covers, as __propagate would."""
    for k in range(1, len(rings)):
        higher, lower = rings[k - 1], rings[k]
        n = lower.step // higher.step
        for interval in range(lower.oldest, lower.newest + 1, lower.step):
            if interval + lower.step <= higher.oldest or interval in keep[k]:
                continue
            neighbours = [higher.get(interval + j * higher.step) for j in range(n)]
            known = [v for v in neighbours if v is not None]
            if known and float(len(known)) / len(neighbours) >= xff:
                lower.put(interval, whisper.aggregate(method, known, neighbours))


def punch_gaps(ring, window, rng, count):
    """Punches `count` gaps of 2..8 slots inside `window`, each followed by a present slot."""
    punched = set()
    slots = len(window)
    for _ in range(count):
        length = rng.randint(2, 8)
        if slots < length + 4:
            break
        start = rng.randint(1, slots - length - 2)  # not the first slot; the next is not the last
        span = range(start - 1, start + length + 1)  # keep a present slot on both sides
        if any(window[i] in punched for i in span):
            continue
        for i in range(start, start + length):
            ring.punch(window[i], rng)
            punched.add(window[i])
    return punched


def encode(rings, method, xff):
    header = struct.pack('!2LfL', whisper.aggregationMethodToType[method],
                         rings[-1].step * rings[-1].points, xff, len(rings))
    offset = 16 + 12 * len(rings)
    for ring in rings:
        header += struct.pack('!3L', offset, ring.step, ring.points)
        offset += 12 * ring.points
    body = [header]
    for ring in rings:
        body.append(b''.join(struct.pack('!Ld', t, v) for t, v in zip(ring.ts, ring.val)))
    return b''.join(body)


def make_pair(schema, now, rng, max_gaps, with_dst=True):
    method = rng.choice(METHODS)
    xff = struct.unpack('!f', struct.pack('!f', rng.choice(XFFS)))[0]
    rings = [Ring(step, points, now, rng) for step, points in schema]
    for ring, window in zip(rings, fill_windows(rings, now)):
        edges = set(window[:2] + window[-2:])  # dst inherits these holes: keep the edges whole
        for interval in range(ring.oldest, ring.newest + 1, ring.step):
            if rng.random() < 0.02 and interval not in edges:
                ring.punch(interval, rng)  # the source has holes of its own
            else:
                ring.put(interval, round(rng.uniform(1, 1000), rng.choice([0, 2, 6])) or 1.0)
    no_keep = [set() for _ in rings]
    make_consistent(rings, method, xff, no_keep)
    src = encode(rings, method, xff)
    if not with_dst:
        return src, None
    dst_rings = [ring.copy() for ring in rings]
    windows = fill_windows(dst_rings, now)
    punched = [punch_gaps(ring, window, rng, rng.randint(0, max_gaps))
               for ring, window in zip(dst_rings, windows)]
    make_consistent(dst_rings, method, xff, punched)
    return src, encode(dst_rings, method, xff)


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'wb') as f:
        f.write(data)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('out')
    parser.add_argument('--pairs', type=int, required=True)
    parser.add_argument('--now', type=int, default=DEFAULT_NOW)
    parser.add_argument('--seed', type=int, default=1)
    parser.add_argument('--schema', default='1m:1d,5m:30d,1h:1y')
    parser.add_argument('--missing', type=int, default=0)
    parser.add_argument('--max-gaps', type=int, default=6,
                        help='most gaps punched per archive of a dst file (0 to this, uniformly)')
    args = parser.parse_args()
    if args.now % 300 == 0:
        sys.exit('replicas.py: --now must not be a multiple of 300 (see the docstring)')
    schema = parse_schema(args.schema)
    rng = random.Random(args.seed)
    for i in range(args.pairs + args.missing):
        name = 'g%02d/m%04d.wsp' % (i // 100, i)
        src, dst = make_pair(schema, args.now, rng, args.max_gaps, with_dst=i < args.pairs)
        write(os.path.join(args.out, 'src', name), src)
        if dst is not None:
            write(os.path.join(args.out, 'dst', name), dst)


if __name__ == '__main__':
    main()
