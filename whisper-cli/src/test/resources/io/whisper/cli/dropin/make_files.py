"""Writes the whisper files the drop-in differential tests run on, with the reference whisper.py.

Usage: /usr/bin/python3 make_files.py DIR NOW

Every write passes now=NOW and the random data is seeded, so the same NOW gives the same bytes.
Names are SCHEMA-METHOD-CONTENT.wsp; the contents:
  empty   created, never written
  full    every interval of the whole retention written (so each archive's oldest slot is live)
  gappy   about 30% of the points missing, the rest random
  other   gappy with another seed, plus some values shared with gappy, and nan/-0.0/inf
  recent  only the finest archive's window, without its oldest interval (every archive's oldest
          slot stays empty, so whisper-resize 1.1.4 loses nothing)
"""
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


def main():
    target, now = sys.argv[1], int(sys.argv[2])
    for name, schema in SCHEMAS.items():
        for method in METHODS[name]:
            def make(content, pts, xff=0.5):
                path = '%s/%s-%s-%s.wsp' % (target, name, method, content)
                whisper.create(path, schema, xFilesFactor=xff, aggregationMethod=method)
                # Carbon-like: oldest first in a few batches, so every archive gets data.
                pts = sorted(pts)
                for i in range(0, len(pts), 7):
                    whisper.update_many(path, pts[i:i + 7], now=now)
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


main()
