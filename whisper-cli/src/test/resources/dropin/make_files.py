"""Writes whisper files for the drop-in differential tests with the reference whisper.py.

Usage: /usr/bin/python3 make_files.py DIR NOW

For every aggregation method and three schemas it writes NAME-full.wsp (points over the whole
retention ending at NOW: random values, about 15% missing, zeros, negatives, tiny and huge
magnitudes, NaN and infinities) and NAME-empty.wsp (created, never written). Seeded, so the same
NOW gives the same bytes. Prints the file names, one a line.
"""
import math
import os
import random
import sys

import whisper

SCHEMAS = {
    "one": ([(60, 20)], 0.5),
    "two": ([(60, 10), (300, 12)], 0.3),
    "three": ([(10, 30), (60, 20), (600, 10)], 0.0),
}
SPECIAL = [0.0, -0.0, 1e300, -2.5e-300, 5e-324, 1e16, 0.1, 123456789.123456789,
           float("nan"), float("inf"), float("-inf"), -7.0]


def value(rng):
    r = rng.random()
    if r < 0.1:
        return rng.choice(SPECIAL)
    if r < 0.2:
        return float(rng.randint(-5, 5))
    return rng.uniform(-1000, 1000)


def main():
    out, now = sys.argv[1], int(sys.argv[2])
    names = []
    for method in whisper.aggregationMethods:
        for schema_name, (schema, xff) in sorted(SCHEMAS.items()):
            rng = random.Random("%s-%s" % (method, schema_name))
            base = "%s-%s" % (method, schema_name)
            empty = os.path.join(out, base + "-empty.wsp")
            whisper.create(empty, schema, xFilesFactor=xff, aggregationMethod=method)
            full = os.path.join(out, base + "-full.wsp")
            whisper.create(full, schema, xFilesFactor=xff, aggregationMethod=method)
            step = schema[0][0]
            oldest = max(s * p for s, p in schema)
            points = [(t, value(rng)) for t in range(now - oldest + 1, now + 1, step)
                      if rng.random() > 0.15]
            # carbon-like: several batches, oldest first
            for i in range(0, len(points), 7):
                whisper.update_many(full, points[i:i + 7], now=now)
            names += [base + "-empty.wsp", base + "-full.wsp"]
    for name in names:
        print(name)


if __name__ == "__main__":
    main()
