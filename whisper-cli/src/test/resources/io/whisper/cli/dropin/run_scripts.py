"""Runs the reference whisper-* scripts many times in one process, at a chosen clock second.

Usage: /usr/bin/python3 run_scripts.py

Each stdin line is a JSON request {"script": PATH, "now": N or null, "args": [...]}; each answer
is one line "STATUS HEX(STDOUT) HEX(STDERR)" (UTF-8 bytes in hex, "-" when empty). The script's unmodified text runs
as __main__ with sys.argv = [PATH] + args and, when "now" is given, time.time() returning now,
so scripts that read the wall clock (and whisper.py under them) see that second. SystemExit
gives its status as the interpreter would (a message goes to stderr with status 1); any other
exception prints its traceback to stderr with status 1, as an uncaught exception does.
"""
import contextlib
import io
import json
import sys
import time
import traceback

import whisper  # noqa: F401  (imported once; the scripts import it again from the cache)

REAL_TIME = time.time
COMPILED = {}


def run(request):
    out, err = io.StringIO(), io.StringIO()
    now = request.get('now')
    time.time = (lambda: float(now)) if now is not None else REAL_TIME
    sys.argv = [request['script']] + request['args']
    status = 0
    code = COMPILED.get(request['script'])
    if code is None:
        with open(request['script']) as f:
            code = COMPILED[request['script']] = compile(f.read(), request['script'], 'exec')
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            exec(code, {'__name__': '__main__', '__file__': request['script']})
        except SystemExit as e:
            if e.code is None:
                status = 0
            elif isinstance(e.code, int):
                status = e.code
            else:
                print(e.code, file=sys.stderr)
                status = 1
        except BaseException:
            traceback.print_exc()
            status = 1
    time.time = REAL_TIME
    return {'status': status, 'out': out.getvalue(), 'err': err.getvalue()}


for line in sys.stdin:
    if line.strip():
        r = run(json.loads(line))
        print(r['status'], r['out'].encode().hex() or '-', r['err'].encode().hex() or '-',
              flush=True)
