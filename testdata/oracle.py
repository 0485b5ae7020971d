#!/usr/bin/python3
"""Differential-test oracle: the reference whisper.py 1.1.4 behind a JSON-lines pipe.

Start once per test run with Debian's interpreter (the pyenv python3 on PATH
has no whisper module):

    /usr/bin/python3 testdata/oracle.py

PROTOCOL

Each request is one JSON object on one line of stdin.  For each request the
oracle writes exactly one JSON line to stdout and flushes.  Blank lines are
ignored.  EOF or {"op":"quit"} ends the process (quit is answered first).
If a request carries an "id" member it is echoed in the response.

Requests (P, A, B are file paths; "now" may be omitted or null, which makes
the reference read the wall clock, so tests should always send it):

  {"op":"create","path":P,"archives":[[spp,points],...],"xff":F,"method":M,
   "sparse":false,"fallocate":false}
        whisper.create(P, [(spp,points),...], xFilesFactor=F, aggregationMethod=M,
        sparse=, useFallocate=).  xff/method null or absent = reference default
        (0.5, "average").  Archives are passed as tuples, so validation messages
        read "(60, 10)" exactly as from the reference.  result: null
  {"op":"update","path":P,"value":V,"timestamp":T,"now":N}
        whisper.update(P, V, T, now=N).  T null = now.  result: null
  {"op":"update_many","path":P,"points":[[t,v],...],"now":N}
        whisper.update_many(P, points, now=N).  Timestamps are passed exactly
        as given (a JSON float stays a float; the reference truncates with
        int()).  result: null
  {"op":"fetch","path":P,"from":F,"until":U,"now":N,"archive":S}
        whisper.fetch(P, F, U, now=N, archiveToSelect=S).  U null = now;
        S null = automatic selection, else an int spp or a string such as "5m".
        result: {"start":s,"end":e,"step":st,"values":[null|HEX,...]}, or null
        when the reference returns None.
  {"op":"info","path":P}
        whisper.info(P).  result: the header dict (keys aggregationMethod,
        maxRetention, xFilesFactor (HEX), archives[{offset, secondsPerPoint,
        points, retention, size}]) or null (the reference returns None on
        IOError/OSError, e.g. a missing file).  No fileSize member.
  {"op":"merge","src":A,"dst":B,"from":F,"until":U,"now":N}
        whisper.merge(A, B, time_from=F, time_to=U, now=N).  1.1.4's merge()
        takes now= itself, so no clock patching is needed.  result: null
  {"op":"diff","a":A,"b":B,"ignore_empty":bool,"until":U,"now":N}
        whisper.diff(A, B, ignore_empty, until_time=U, now=N).
        result: [{"archive":i,"total":n,"diffs":[[ts,HEX|null,HEX|null],...]},...]
        (archive numbers count in retention order, as the reference does).
  {"op":"set_aggregation","path":P,"method":M,"xff":F}
        whisper.setAggregationMethod(P, M, F).  F null = keep.  result: old method name
  {"op":"set_xff","path":P,"xff":F}
        whisper.setXFilesFactor(P, F).  result: old xff (HEX)
  {"op":"aggregate","method":M,"known":[V,...],"neighbors":[V|null,...]}
        whisper.aggregate(M, known, neighbors).  neighbors may be omitted/null.
        Values are converted with float() first, as they are floats when read
        from a file.  result: HEX
  {"op":"bytes","path":P}     result and hex: the file's bytes as lowercase hex
                              ({"ok":true,"result":H,"hex":H})
  {"op":"sha256","path":P}    result: lowercase hex sha256 of the file
  {"op":"quit"}               result: null, then exit

Input values V (update value, update_many point values, aggregate values):
a JSON number; NaN, Infinity and -Infinity literals (Python's json accepts
them); a string, passed to the reference unchanged (it calls float() itself,
so "nan", "-inf", "1e400" work and "abc" raises ValueError as in the
reference); or {"bits":"<16 hex digits>"} for an exact IEEE-754 bit pattern
(e.g. a NaN with a sign or payload).  xff/method/timestamps are passed
through unchanged too, so invalid ones produce the reference's own errors.

Responses:
  {"ok":true,"result":R}
  {"ok":false,"error":"<ExceptionClassName>","message":"<str(exc)>"}
Exception names are the bare class name for builtins and whisper's own
exceptions (CorruptWhisperFile, TimestampNotCovered, InvalidConfiguration,
ValueError, FileNotFoundError, UnboundLocalError, ...), otherwise
module-qualified ("struct.error").  "ProtocolError" is reserved for a bad
request (unparsable line, unknown op, missing or malformed member); it never
comes from the reference.

HEX: every Python float in a result (values, xFilesFactor, diff values,
aggregate results) is the 16 lowercase hex digits of its IEEE-754 binary64
bits, struct.pack('>d', v).hex(), e.g. 5.0 -> "4014000000000000", the x86
default NaN -> "fff8000000000000".  This keeps NaN payloads and -0.0 exact.
None is null; ints (timestamps, counts) are JSON numbers.
"""

import hashlib
import json
import struct
import sys

import whisper


class ProtocolError(Exception):
    pass


def hexd(v):
    return struct.pack(">d", v).hex()


def enc(x):
    """Result encoding: floats as bit hex, tuples as lists, the rest as JSON."""
    if isinstance(x, float):
        return hexd(x)
    if isinstance(x, (list, tuple)):
        return [enc(i) for i in x]
    if isinstance(x, dict):
        return {k: enc(v) for k, v in x.items()}
    return x


def value_in(v):
    """A request value as the reference should receive it (see VALUES above)."""
    if isinstance(v, dict):
        bits = v.get("bits")
        if not isinstance(bits, str) or len(bits) != 16:
            raise ProtocolError("value object must be {\"bits\": \"<16 hex digits>\"}: %r" % (v,))
        return struct.unpack(">d", bytes.fromhex(bits))[0]
    return v


def need(req, key):
    if key not in req:
        raise ProtocolError("missing member %r" % key)
    return req[key]


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


def fetch_result(r):
    if r is None:
        return None
    (start, end, step), values = r
    return {"start": start, "end": end, "step": step, "values": enc(values)}


# Each handler checks the request and returns a thunk; only exceptions raised
# by the thunk are the reference's, so they can never be confused with a
# malformed request.
def op_create(q):
    archives = [tuple(a) for a in need(q, "archives")]
    return lambda: whisper.create(need(q, "path"), archives, q.get("xff"), q.get("method"),
                                  sparse=bool(q.get("sparse", False)),
                                  useFallocate=bool(q.get("fallocate", False)))


def op_update(q):
    path, value = need(q, "path"), value_in(need(q, "value"))
    return lambda: whisper.update(path, value, q.get("timestamp"), now=q.get("now"))


def op_update_many(q):
    path = need(q, "path")
    points = [(t, value_in(v)) for t, v in need(q, "points")]
    return lambda: whisper.update_many(path, points, now=q.get("now"))


def op_fetch(q):
    path, frm = need(q, "path"), need(q, "from")
    return lambda: fetch_result(whisper.fetch(path, frm, q.get("until"), now=q.get("now"),
                                              archiveToSelect=q.get("archive")))


def op_info(q):
    path = need(q, "path")
    return lambda: enc(whisper.info(path))


def op_merge(q):
    src, dst = need(q, "src"), need(q, "dst")
    return lambda: whisper.merge(src, dst, q.get("from"), q.get("until"), now=q.get("now"))


def op_diff(q):
    a, b = need(q, "a"), need(q, "b")

    def run():
        out = whisper.diff(a, b, bool(q.get("ignore_empty", False)), q.get("until"), now=q.get("now"))
        return [{"archive": n, "total": total, "diffs": enc(diffs)} for n, diffs, total in out]
    return run


def op_set_aggregation(q):
    path, method = need(q, "path"), need(q, "method")
    return lambda: whisper.setAggregationMethod(path, method, q.get("xff"))


def op_set_xff(q):
    path, xff = need(q, "path"), need(q, "xff")
    return lambda: enc(whisper.setXFilesFactor(path, xff))


def op_aggregate(q):
    method = need(q, "method")
    known = [float(value_in(v)) for v in need(q, "known")]
    nb = q.get("neighbors")
    if nb is not None:
        nb = [None if v is None else float(value_in(v)) for v in nb]
    return lambda: enc(whisper.aggregate(method, known, nb))


def op_bytes(q):
    path = need(q, "path")
    return lambda: read_bytes(path).hex()


def op_sha256(q):
    path = need(q, "path")
    return lambda: hashlib.sha256(read_bytes(path)).hexdigest()


OPS = {name[3:]: fn for name, fn in globals().items() if name.startswith("op_")}
OPS["quit"] = lambda q: (lambda: None)


def exc_name(e):
    t = type(e)
    if t.__module__ in ("builtins", "whisper", "__main__"):
        return t.__qualname__
    return "%s.%s" % (t.__module__, t.__qualname__)


def handle(line):
    try:
        q = json.loads(line)
        if not isinstance(q, dict):
            raise ProtocolError("request must be a JSON object")
        op = q.get("op")
        if op not in OPS:
            raise ProtocolError("unknown op %r" % (op,))
        thunk = OPS[op](q)
    except Exception as e:   # anything before the reference call is the request's fault
        return {"ok": False, "error": "ProtocolError", "message": "%s: %s" % (exc_name(e), e)}, None
    try:
        result = thunk()
    except Exception as e:
        resp = {"ok": False, "error": exc_name(e), "message": str(e)}
    else:
        resp = {"ok": True, "result": result}
        if op == "bytes":
            resp["hex"] = result
    if "id" in q:
        resp["id"] = q["id"]
    return resp, op


def main():
    out = sys.stdout
    # Anything the reference might print must not corrupt the response stream.
    sys.stdout = sys.stderr
    while True:
        line = sys.stdin.readline()   # readline, not iteration: no read-ahead blocking on a pipe
        if not line:
            return
        if not line.strip():
            continue
        resp, op = handle(line)
        # allow_nan=False: all floats are hex-encoded, so a bare NaN here would be a bug.
        out.write(json.dumps(resp, allow_nan=False) + "\n")
        out.flush()
        if op == "quit":
            return


if __name__ == "__main__":
    main()
