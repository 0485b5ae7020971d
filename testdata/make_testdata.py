#!/usr/bin/python3
"""Regenerate the whisper test data under testdata/ with the reference implementation.

Run with Debian's python3-whisper 1.1.4 on CPython 3.11 (the pyenv python3 on
PATH has no whisper module, and CPython >= 3.12 changed sum() of floats):

    /usr/bin/python3 testdata/make_testdata.py

Deterministic: every write passes an explicit now= (a simulated clock that
never goes past NOW), every read uses now=NOW, and random data comes from
seeded random.Random instances.  good/, corrupt/, warn/ and golden/ are
deleted and rewritten on every run, so do not hand-edit files in them.
"""

import hashlib
import json
import math
import os
import random
import shutil
import struct
import sys
import tempfile

import whisper

assert sys.version_info[:2] == (3, 11), "run with /usr/bin/python3 (CPython 3.11)"

NOW = 1700000000
HERE = os.path.dirname(os.path.abspath(__file__))
GOOD, CORRUPT, WARN, GOLDEN = (os.path.join(HERE, d) for d in ("good", "corrupt", "warn", "golden"))
METHODS = ["average", "sum", "last", "max", "min", "avg_zero", "absmax", "absmin"]

# sha256 of the spec's section 5.1 file; checked so the generator cannot drift from the spec.
SPEC_51_SHA256 = "4f2cb5c9abf1ced1f5b7f21932c57fccedf739b1be2953c8f0bb987e36e64b93"


def read(path):
    with open(path, "rb") as f:
        return f.read()


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)


def sha256(path):
    return hashlib.sha256(read(path)).hexdigest()


def slots(path, archive_index):
    """The raw (timestamp, value) slots of one archive, in slot order."""
    arch = whisper.info(path)["archives"][archive_index]
    data = read(path)[arch["offset"]:arch["offset"] + arch["size"]]
    return [struct.unpack_from("!Ld", data, 12 * k) for k in range(arch["points"])]


# ---------------------------------------------------------------------------
# Writers that simulate how carbon feeds a file
# ---------------------------------------------------------------------------

def carbon_like(path, start, end, step, flush_every, rng, gap=0.15):
    """One datapoint per `step` seconds (raw timestamps jittered inside the
    step, so alignment is exercised), a random ~gap of them missing, flushed
    with update_many every `flush_every` seconds with now = the flush time.
    The clock ends exactly at `end` (normally NOW)."""
    pending = []
    flush_at = start + flush_every
    for t in range(start, end + 1, step):
        raw = t + rng.randrange(step)
        if raw <= end and rng.random() >= gap:
            pending.append((raw, rng.uniform(-100.0, 100.0)))
        if t + step >= flush_at or t + step > end:
            # every pending raw timestamp is < t + step, so none is in the future
            whisper.update_many(path, pending, now=min(flush_at, end))   # [] is a no-op
            pending = []
            flush_at += flush_every


def make_good():
    """Files written only through the reference's public API."""
    made = {}

    def new(name, archives, **kw):
        path = os.path.join(GOOD, name + ".wsp")
        whisper.create(path, archives, **kw)
        made[name] = path
        return path

    # One file per aggregation method; identical input (same seed) so that only
    # the aggregation differs.  3 simulated hours wrap every archive's ring.
    for method in METHODS:
        p = new("agg-" + method, [(60, 20), (300, 12), (900, 8)], aggregationMethod=method)
        carbon_like(p, NOW - 3 * 7200, NOW, 60, 300, random.Random(1))

    # Single archive, written once at now=NOW: not wrapped, slot 0 is the oldest point.
    p = new("single-archive", [(60, 30)])
    rng = random.Random(2)
    whisper.update_many(p, [(NOW - 60 * i - rng.randrange(60), float(i)) for i in range(20) if i % 7 != 3],
                        now=NOW)

    # Single archive written one update() per minute for 13 minutes into 5
    # slots (the spec 1.3 wrap example moved to NOW): slot 0 is not the oldest.
    p = new("single-archive-wrapped", [(60, 5)])
    for t in range(NOW - 12 * 60, NOW + 1, 60):
        whisper.update(p, float(t // 60 % 1000), t - 13, now=t)

    # update() path with propagation, once a minute for 3 hours: every ring wrapped.
    p = new("wrapped-ring", [(60, 10), (300, 12)])
    rng = random.Random(3)
    for t in range(NOW - 3 * 3600, NOW + 1, 60):
        if rng.random() >= 0.1:
            whisper.update(p, round(rng.uniform(0, 1000), 3), t - rng.randrange(60), now=t)

    # The spec C-02 layout (given unsorted) with 30 simulated hours of data.
    p = new("three-archives", [(3600, 24), (60, 10), (300, 12)])
    carbon_like(p, NOW - 30 * 3600, NOW, 60, 600, random.Random(4), gap=0.05)

    new("empty", [(60, 10), (300, 12)])

    # sparse and fallocate differ from the default zero fill only in allocated
    # blocks; both get identical writes, so their bytes must be identical.
    rng = random.Random(5)
    pts = [(NOW - i, rng.uniform(0, 10)) for i in range(450) if rng.random() > 0.05]
    for name, kw in (("sparse", {"sparse": True}), ("fallocate", {"useFallocate": True})):
        whisper.update_many(new(name, [(1, 300), (60, 120)], **kw), pts, now=NOW)
    with tempfile.TemporaryDirectory() as tmp:
        zf = os.path.join(tmp, "zerofill.wsp")
        whisper.create(zf, [(1, 300), (60, 120)])
        whisper.update_many(zf, pts, now=NOW)
        assert read(zf) == read(made["sparse"]) == read(made["fallocate"])

    # xFilesFactor 0.3 (stored 0.30000001: needs 4 of 10) and 0.  Bucket j of
    # 600 s gets k[j] known minutes, written when the bucket closes.
    for name, xff in (("xff-0.3", 0.3), ("xff-0", 0.0)):
        p = new(name, [(60, 30), (600, 5)], xFilesFactor=xff)
        first = NOW - NOW % 600 - 4 * 600
        for j, k in enumerate([3, 4, 7, 10, 2]):
            bucket = first + 600 * j
            whisper.update_many(p, [(bucket + 60 * i, float(i + 1)) for i in range(k)],
                                now=min(bucket + 600, NOW))

    # Spec 5.1 file: the anchor for the fetch table and the corrupt specimens.
    p = new("spec-5.1", [(60, 10), (300, 12)])
    whisper.update_many(p, [(t, float((t // 60) % 1000)) for t in range(NOW - 590, NOW + 1, 60)], now=NOW)
    assert sha256(p) == SPEC_51_SHA256

    # Non-finite and extreme values.  Buckets (300 s) of archive 0's ten minutes:
    # [nan, -0.0] | [inf, -inf, 5e-324, max, max] | [1e16, 1.0, -1e16]
    special = [math.nan, -0.0, math.inf, -math.inf, 5e-324, sys.float_info.max,
               sys.float_info.max, 1e16, 1.0, -1e16]
    for method in ("average", "max"):
        p = new("special-" + method, [(60, 10), (300, 12)], xFilesFactor=0.0, aggregationMethod=method)
        whisper.update_many(p, [(NOW - 590 + 60 * i, v) for i, v in enumerate(special)], now=NOW)

    # Spec M-02: duplicates and float timestamps in one update_many.
    p = new("dupes", [(60, 10)])
    t0 = 1699999860
    whisper.update_many(p, [(t0 + 10, 1), (t0 + 10, 2), (t0 + 50, 3), (t0 + 50, 4), (t0 + 70, 5),
                            (t0 + 70.9, 6)], now=NOW)

    # Spec 4.6d: mixed ages, direct writes into the lower archive override propagation.
    p = new("mixed-age", [(60, 10), (300, 12)], xFilesFactor=0.0)
    whisper.update_many(p, [(NOW - a, float(i + 1)) for i, a in enumerate([30, 590, 600, 610, 3000, 3600, 3601])],
                        now=NOW)

    # Spec 4.6e / M-10: the lower archive's slot 0 depends on CPython set order.
    p = new("set-order", [(1, 100), (8, 20)], xFilesFactor=0.0)
    whisper.update_many(p, [(t, float(t - NOW)) for t in range(NOW - 80, NOW - 16)], now=NOW)
    assert slots(p, 1)[0] == (1699999936, -60.5)

    # Every ring that should be wrapped is: slot 0 is not the oldest point.
    for name in ["single-archive-wrapped", "wrapped-ring", "three-archives"] + ["agg-" + m for m in METHODS]:
        s = [ts for ts, _ in slots(made[name], 0) if ts]
        assert s[0] != min(s), name
    for path in made.values():
        assert os.path.getsize(path) < 100_000, path
    return made


# ---------------------------------------------------------------------------
# Golden reads
# ---------------------------------------------------------------------------

def jfloat(v):
    """Finite floats as JSON numbers (repr round-trips), the rest as strings."""
    if v is None or math.isfinite(v):
        return v
    return "nan" if math.isnan(v) else ("inf" if v > 0 else "-inf")


def fetch_calls(info):
    """(from, until, archive) triples for a file: generic edges plus each archive's window."""
    mr = info["maxRetention"]
    calls = [
        (NOW - 300, NOW, None), (NOW - 300, None, None), (NOW, NOW, None), (NOW - 20, NOW - 20, None),
        (NOW - 80, NOW - 30, None), (NOW + 1, NOW + 100, None), (NOW - 60, NOW + 10000, None),
        (NOW - mr, NOW, None), (NOW - mr - 1000, NOW, None), (NOW - mr - 1000, NOW - mr, None),
        (NOW - mr - 1000, NOW - mr - 1, None), (0, NOW, None),
        (NOW - 320, NOW - 200, None), (NOW - 319, NOW - 199, None),   # aligned vs unaligned edges
        (NOW, NOW - 1, None),                                           # InvalidTimeInterval
        (NOW - 300, NOW, 7),                                            # ValueError: Invalid granularity
    ]
    for a in info["archives"]:
        spp, ret = a["secondsPerPoint"], a["retention"]
        calls += [(NOW - ret, NOW, None), (NOW - ret - 1, NOW, None), (NOW - ret, NOW - ret // 2, None),
                  (NOW - ret, NOW, spp), (NOW - 300, NOW, spp), (NOW - mr, NOW, spp),
                  (NOW - ret, NOW, str(spp) + "s")]
    seen, out = set(), []
    for c in calls:
        if c not in seen:
            seen.add(c)
            out.append(c)
    return out


def golden_fetch(path, info):
    results = []
    for frm, until, arch in fetch_calls(info):
        call = {"from": frm, "until": until, "now": NOW, "archiveToSelect": arch}
        try:
            r = whisper.fetch(path, frm, until, now=NOW, archiveToSelect=arch)
        except Exception as e:
            call["error"] = {"type": type(e).__name__, "message": str(e)}
        else:
            if r is None:
                call["result"] = None
            else:
                (start, end, step), values = r
                call["result"] = {"start": start, "end": end, "step": step,
                                  "values": [jfloat(v) for v in values],
                                  # exact bits too, because "nan" hides the NaN's sign and payload
                                  "valuesHex": [None if v is None else struct.pack(">d", v).hex()
                                                for v in values]}
        results.append(call)
    return results


def make_golden(made):
    for name, path in sorted(made.items()):
        info = whisper.info(path)
        info["fileSize"] = os.stat(path).st_size
        rel = os.path.relpath(path, HERE)
        # Byte-identical to `whisper-info --json <file>` output.
        with open(os.path.join(GOLDEN, name + ".info.json"), "w") as f:
            f.write(json.dumps(info, indent=2, separators=(",", ": ")) + "\n")
        # One call per line keeps the files small and their diffs readable.
        calls = ",\n".join(json.dumps(c) for c in golden_fetch(path, info))
        with open(os.path.join(GOLDEN, name + ".fetch.json"), "w") as f:
            f.write('{"file": %s, "now": %d, "calls": [\n%s\n]}\n' % (json.dumps(rel), NOW, calls))
        # sha256sum format: `cd testdata && sha256sum -c golden/*.sha256`
        with open(os.path.join(GOLDEN, name + ".sha256"), "w") as f:
            f.write("%s  %s\n" % (sha256(path), rel))


# ---------------------------------------------------------------------------
# Corrupt and warning specimens
# ---------------------------------------------------------------------------

def put(data, offset, fmt, *values):
    b = bytearray(data)
    struct.pack_into(fmt, b, offset, *values)
    return bytes(b)


def fsck_rows(data, now=NOW):
    """Which rows of spec table 2.4 a file trips.  A small independent model,
    used only to cross-check the specimens and to fill the manifest's
    `also_rows`; it is not the reference."""
    n = len(data)
    if n == 0:
        return {1}
    if n < 16:
        return {2}
    rows = set()
    if data.count(0) == n:
        rows.add(3)
    agg, max_ret, xff_bits, count = struct.unpack_from("!LLLL", data)
    xff = struct.unpack_from("!f", data, 8)[0]
    if not 1 <= agg <= 8:
        rows.add(4)
    if not 0 <= xff <= 1:          # also true for NaN
        rows.add(5)
    elif xff_bits == 0x80000000:
        rows.add(6)
    if count == 0:
        return rows | {7}
    header = 16 + 12 * count
    if header > n or count > 64:
        rows.add(8)
    if header > n:
        return rows | {2}
    arcs = [struct.unpack_from("!LLL", data, 16 + 12 * i) for i in range(count)]
    if n != header + 12 * sum(p for _, _, p in arcs):
        rows.add(9)
    if arcs[0][0] != header:
        rows.add(10)
    for off, spp, pts in arcs:
        if pts == 0:
            rows.add(13)
        if spp == 0:
            rows.add(14)
        if spp * pts > 0xFFFFFFFF:
            rows.add(20)
        if off + 12 * pts > n:
            rows.add(12)
    for (o0, s0, p0), (o1, s1, p1) in zip(arcs, arcs[1:]):
        if o1 != o0 + 12 * p0:
            rows.add(11)
        if s1 <= s0:
            rows.add(15)
        if s0 and s1 % s0:
            rows.add(16)
        if s1 * p1 <= s0 * p0:
            rows.add(17)
        if s0 and p0 < s1 // s0:
            rows.add(18)
    if max_ret != max(s * p for _, s, p in arcs):
        rows.add(19)
    for i, (off, spp, pts) in enumerate(arcs):
        if spp == 0 or pts == 0 or off + 12 * pts > n:
            continue
        pts_ = [struct.unpack_from("!L8s", data, off + 12 * k) for k in range(pts)]
        base = pts_[0][0]
        for k, (ts, vbytes) in enumerate(pts_):
            if ts == 0:
                if vbytes != bytes(8):
                    rows.add(27)
                continue
            v = struct.unpack("!d", vbytes)[0]
            if base == 0:
                rows.add(23)
            elif ((ts - base) // spp) % pts != k:
                rows.add(22)
            if ts % spp:
                rows.add(21)
                if i > 0 and arcs[i - 1][1] and ts % arcs[i - 1][1] == 0:
                    rows.add(29)   # aligned to the finer archive: the 4.6c overflow signature
            if ts > now + spp:
                rows.add(25)
            if not math.isfinite(v):
                rows.add(28)
    return rows


def reference_says(path):
    """What the reference's info() and fetch(NOW-600, NOW) make of a file; path shown as <path>."""
    def fmt_exc(e):
        return ("%s: %s" % (type(e).__name__ if type(e).__module__ in ("builtins", "whisper")
                            else type(e).__module__ + "." + type(e).__name__, e)).replace(path, "<path>")
    try:
        info = whisper.info(path)
        info_s = "accepted" if info is not None else "None (IOError)"
    except Exception as e:
        info_s = fmt_exc(e)
    try:
        r = whisper.fetch(path, NOW - 600, NOW, now=NOW)
        fetch_s = "None" if r is None else "ok %s %d values, %d not None" % (
            r[0], len(r[1]), sum(v is not None for v in r[1]))
    except Exception as e:
        fetch_s = fmt_exc(e)
    return info_s, fetch_s


def make_specimens(base_path):
    """(directory, name, rows, description, bytes).  The base is the spec 5.1
    file: [(60,10),(300,12)], 304 bytes, header 40 bytes, archive 0 at 40..160
    (full, 10 points), archive 1 at 160..304 (2 points: slot 0 and slot 11)."""
    B = read(base_path)
    A0, A1 = 16, 28       # archive info records
    specs = []

    def add(d, name, rows, desc, data):
        specs.append((d, name, rows, desc, data))

    c, w = CORRUPT, WARN
    add(c, "empty", [1], "0 bytes (a failed create)", b"")
    add(c, "short-header", [2], "first 15 bytes of the base", B[:15])
    add(c, "all-zero", [3], "4096 zero bytes", bytes(4096))
    add(c, "unknown-aggregation-0", [4], "aggregationType 0", put(B, 0, "!L", 0))
    add(c, "unknown-aggregation-9", [4], "aggregationType 9", put(B, 0, "!L", 9))
    add(c, "xff-nan", [5], "xFilesFactor 7fc00000 (what whisper-set-xfilesfactor nan writes)",
        put(B, 8, "!L", 0x7FC00000))
    add(c, "xff-negative", [5], "xFilesFactor -0.1", put(B, 8, "!f", -0.1))
    add(c, "xff-above-one", [5], "xFilesFactor 1.5", put(B, 8, "!f", 1.5))
    add(c, "no-archives", [7], "archiveCount 0, cut to the 16-byte metadata", put(B, 12, "!L", 0)[:16])
    add(c, "too-many-archives", [8], "archiveCount 0xFFFFFFFF: archive infos run into EOF",
        put(B, 12, "!L", 0xFFFFFFFF))
    add(c, "too-many-archives-in-data", [10],
        "archiveCount 5: infos 2..4 are read from the data region and info() accepts them "
        "(spec H-05 suggests flagging #8 too)", put(B, 12, "!L", 5))
    add(c, "zero-points", [13], "archive 1 points 0, file cut to 160 so the size matches",
        put(B, A1 + 8, "!L", 0)[:160])
    add(c, "zero-seconds-per-point", [14], "archive 1 secondsPerPoint 0", put(B, A1 + 4, "!L", 0))
    add(c, "archive-overlaps-header", [10], "archive 0 offset 28 (inside the archive infos)",
        put(B, A0, "!L", 28))
    add(c, "archives-overlap", [11], "archive 1 offset 100 (inside archive 0)", put(B, A1, "!L", 100))
    add(c, "archive-past-eof", [12], "archive 1 offset 400, beyond EOF (304)", put(B, A1, "!L", 400))
    add(c, "archives-out-of-order", [15], "the two archive info records swapped (offsets travel with them)",
        B[:A0] + B[A1:A1 + 12] + B[A0:A0 + 12] + B[40:])
    add(c, "precision-not-dividing", [16],
        "archive 1 secondsPerPoint 250 (250 % 60 != 0; 250*12 == maxRetention 3000)", put(B, A1 + 4, "!L", 250))
    add(c, "retention-not-growing", [17],
        "archive 1 points 2 (retention 600 == archive 0's), maxRetention 600, file cut to 184",
        put(put(B, A1 + 8, "!L", 2), 4, "!L", 600)[:184])
    add(c, "too-few-points-to-consolidate", [18],
        "archive 0 cut to its first 4 slots (4 < 300/60), archive 1 moved to offset 88",
        put(put(B, A0 + 8, "!L", 4), A1, "!L", 88)[:88] + B[160:])
    add(c, "max-retention-mismatch", [19], "maxRetention 100 instead of 3000", put(B, 4, "!L", 100))
    add(c, "truncated-archive", [9, 12], "cut at 107 bytes, mid archive 0 and mid point", B[:107])
    add(c, "truncated-at-point-boundary", [9, 12], "cut at 100 bytes, mid archive 0 on a point boundary",
        B[:100])
    add(c, "unaligned-slot-timestamp", [21], "archive 0 slot 3 timestamp + 7",
        put(B, 40 + 36, "!L", struct.unpack_from("!L", B, 40 + 36)[0] + 7))
    add(c, "slot-wrong-position", [22], "archive 0 slots 2 and 5 swapped",
        B[:64] + B[100:112] + B[76:100] + B[64:76] + B[112:])
    add(c, "data-behind-empty-slot0", [23], "archive 0 slot 0 zeroed, slots 1..9 still hold data",
        B[:40] + bytes(12) + B[52:])

    # Spec 4.6c, produced by the reference itself on a copy of the base: 39
    # contiguous 60-s points start at slot 1 and overflow archive 0 into
    # archive 1 and past EOF (the file grows to 400; into an empty archive the
    # run would start at slot 0 and the file would grow to 388 instead).
    with tempfile.TemporaryDirectory() as tmp:
        p = os.path.join(tmp, "x.wsp")
        write(p, B)
        whisper.update_many(p, [(t, float(t % 100000)) for t in range(NOW - 540, NOW + 1741, 60)], now=NOW)
        data = read(p)
        assert len(data) == 400, len(data)
    add(c, "lower-archive-unaligned", [29],
        "reference update_many of 39 contiguous 60-s points NOW-540..NOW+1740 into the base "
        "(spec 4.6c): archive 1 holds 60-s-aligned timestamps and the file grew to 400 bytes", data)

    # Warnings: healthy layout, questionable content.
    with tempfile.TemporaryDirectory() as tmp:
        p = os.path.join(tmp, "x.wsp")
        whisper.create(p, [(60, 10), (300, 12)])
        whisper.update_many(p, [(t, 1.0) for t in range(NOW - 240, NOW + 1, 60)] + [(NOW + 120, 2.0)], now=NOW)
        data = read(p)
    add(w, "future-points", [25], "reference update_many at now=NOW with a point at NOW+120 "
        "(stored as 1700000100 > now + spp)", data)
    add(w, "trailing-bytes", [9], "base plus 100 bytes of 0xA5 after the last archive", B + b"\xa5" * 100)
    add(w, "xff-negative-zero", [6], "xFilesFactor -0.0 (80000000), accepted by the reference",
        put(B, 8, "!L", 0x80000000))
    add(w, "empty-slot-with-value", [27], "archive 1 slot 5 has timestamp 0 but value 1.0",
        put(B, 160 + 5 * 12 + 4, "!d", 1.0))
    return specs


def make_corrupt(base_path):
    manifests = {CORRUPT: [], WARN: []}
    for d, name, rows, desc, data in make_specimens(base_path):
        path = os.path.join(d, name + ".wsp")
        write(path, data)
        found = fsck_rows(data)
        assert set(rows) <= found, (name, rows, sorted(found))
        info_s, fetch_s = reference_says(path)
        manifests[d].append([name + ".wsp", name, ",".join(map(str, rows)),
                             ",".join(map(str, sorted(found - set(rows)))), info_s, fetch_s, desc])
    head = ["file", "kind", "rows", "also_rows", "reference_info", "reference_fetch_now-600_now", "description"]
    for d, lines in manifests.items():
        with open(os.path.join(d, "MANIFEST.tsv"), "w") as f:
            for line in [head] + lines:
                assert not any("\t" in x or "\n" in x for x in line)
                f.write("\t".join(line) + "\n")


def main():
    for d in (GOOD, CORRUPT, WARN, GOLDEN):
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
    made = make_good()
    make_golden(made)
    make_corrupt(made["spec-5.1"])
    print("wrote %d good files, golden reads, corrupt/ and warn/ specimens" % len(made))


if __name__ == "__main__":
    main()
