"""Writes the whisper files the drop-in differential tests run on, with the reference whisper.py.

Usage: /usr/bin/python3 make_files.py [--methods] DIR NOW

Every write passes now=NOW and the random data is seeded, so the same NOW gives the same bytes.
Prints the names written, one a line. Two sets:

Without --methods (DropinFiles: merge, diff, resize), SCHEMA-METHOD-CONTENT.wsp, the contents:
  empty   created, never written
  full    every interval of the whole retention written (so each archive's oldest slot is live)
  gappy   about 30% of the points missing, the rest random
  other   gappy with another seed, plus some values shared with gappy, and nan/-0.0/inf
  recent  only the finest archive's window, without its oldest interval (every archive's oldest
          slot stays empty, so whisper-resize 1.1.4 loses nothing)

With --methods (the differential tests of info, fetch, dump, update, ...): for every aggregation
method and three schemas, METHOD-SCHEMA-full.wsp (points over the whole retention ending at NOW:
random values, about 15% missing, zeros, negatives, tiny and huge magnitudes, NaN and
infinities) and METHOD-SCHEMA-empty.wsp (created, never written).
"""
import os
import random
import sys

import whisper

SCHEMAS = {
    's1': [(60, 10), (300, 12)],
    's2': [(1, 60), (10, 30), (60, 20)],
    's3': [(300, 12)],
    's4': [(60, 30), (600, 12), (3600, 4)],
}
METHODS = {
    's1': whisper.aggregationMethods,
    's2': ['average', 'max'],
    's3': ['sum'],
    's4': ['average', 'last', 'avg_zero'],
}

METHOD_SCHEMAS = {
    "one": ([(60, 20)], 0.5),
    "two": ([(60, 10), (300, 12)], 0.3),
    "three": ([(10, 30), (60, 20), (600, 10)], 0.0),
}
SPECIAL = [0.0, -0.0, 1e300, -2.5e-300, 5e-324, 1e16, 0.1, 123456789.123456789,
           float("nan"), float("inf"), float("-inf"), -7.0]


def points(schema, now, seed, keep, special=False):
    rng = random.Random(seed)
    finest = schema[0][0]
    oldest = now - max(spp * n for spp, n in schema)
    out = []
    t = now
    while t > oldest:
        if rng.random() < keep:
            v = round(rng.uniform(-50, 150), rng.choice([0, 1, 3]))
            if special and rng.random() < 0.1:
                v = rng.choice([float('nan'), -0.0, float('inf'), 0.0])
            out.append((t, v))
        t -= finest
    return out


def kinds(target, now):
    names = []
    for name, schema in SCHEMAS.items():
        for method in METHODS[name]:
            def make(content, pts, xff=0.5):
                base = '%s-%s-%s.wsp' % (name, method, content)
                path = '%s/%s' % (target, base)
                whisper.create(path, schema, xFilesFactor=xff, aggregationMethod=method)
                # Carbon-like: oldest first in a few batches, so every archive gets data.
                pts = sorted(pts)
                for i in range(0, len(pts), 7):
                    whisper.update_many(path, pts[i:i + 7], now=now)
                names.append(base)
            make('empty', [])
            full = points(schema, now, 1, 1.0)
            # update_many routes each point by age, so the coarse archives get their own
            # points as well as propagated ones: every slot of every archive is live.
            make('full', full, xff=0.0)
            make('gappy', points(schema, now, 2, 0.7))
            other = points(schema, now, 3, 0.7, special=True)
            shared = dict(points(schema, now, 2, 0.7))
            other = [(t, shared.get(t, v)) if t % 3 == 0 else (t, v) for t, v in other]
            make('other', other)
            finest_spp, finest_points = schema[0]
            window = now - finest_spp * (finest_points - 1)
            make('recent', [(t, v) for t, v in points(schema, now, 4, 0.8) if t >= window])
    return names


def value(rng):
    r = rng.random()
    if r < 0.1:
        return rng.choice(SPECIAL)
    if r < 0.2:
        return float(rng.randint(-5, 5))
    return rng.uniform(-1000, 1000)


def every_method(out, now):
    names = []
    for method in whisper.aggregationMethods:
        for schema_name, (schema, xff) in sorted(METHOD_SCHEMAS.items()):
            rng = random.Random("%s-%s" % (method, schema_name))
            base = "%s-%s" % (method, schema_name)
            empty = os.path.join(out, base + "-empty.wsp")
            whisper.create(empty, schema, xFilesFactor=xff, aggregationMethod=method)
            full = os.path.join(out, base + "-full.wsp")
            whisper.create(full, schema, xFilesFactor=xff, aggregationMethod=method)
            step = schema[0][0]
            oldest = max(s * p for s, p in schema)
            pts = [(t, value(rng)) for t in range(now - oldest + 1, now + 1, step)
                   if rng.random() > 0.15]
            # carbon-like: several batches, oldest first
            for i in range(0, len(pts), 7):
                whisper.update_many(full, pts[i:i + 7], now=now)
            names += [base + "-empty.wsp", base + "-full.wsp"]
    return names


def main():
    args = sys.argv[1:]
    methods = args[:1] == ['--methods']
    if methods:
        args = args[1:]
    target, now = args[0], int(args[1])
    for name in (every_method if methods else kinds)(target, now):
        print(name)


if __name__ == "__main__":
    main()
