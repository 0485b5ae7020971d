"""Writes the golden outputs of merge, diff and resize on testdata/good, made by the reference.

Usage (from the repository root): /usr/bin/python3 whisper-cli/src/test/resources/io/whisper/cli/dropin/make_golden.py

Each case copies testdata/good files to a.wsp (and b.wsp) in an empty folder, runs the 1.1.4
script there at testdata's clock second (time.time() returns NOW), and records the exit status,
stdout (golden/ID.out) and the sha256 of the file the command writes (b.wsp for merge, a.wsp
for resize) in golden/cases.tsv. resize runs with the one fix we make on purpose: every
archive is read from now - retention, keeping the oldest point (README, "Differences").
"""
import contextlib
import hashlib
import io
import os
import shutil
import sys
import tempfile
import time

NOW = 1700000000
HERE = os.path.dirname(os.path.abspath(__file__))
GOOD = os.path.join(HERE, '../../../../../../../../testdata/good')
CASES = [
    ('diff-agg', 'diff', ['agg-average', 'agg-max'], 'A B'),
    ('diff-special-json', 'diff', ['special-average', 'special-max'], '--json A B'),
    ('diff-wrapped-columns', 'diff', ['spec-5.1', 'wrapped-ring'], '--columns A B'),
    ('diff-nan-self-summary', 'diff', ['special-average', 'special-average'], '--summary A B'),
    ('diff-until-summary-json', 'diff', ['agg-sum', 'agg-avg_zero'],
     '--until=%d --summary --json A B' % (NOW - 700)),
    ('diff-ignore-empty', 'diff', ['mixed-age', 'spec-5.1'], '--ignore-empty --no-headers A B'),
    ('merge-agg', 'merge', ['agg-average', 'agg-max'], 'A B'),
    ('merge-wrapped', 'merge', ['spec-5.1', 'wrapped-ring'], 'A B'),
    ('merge-special-from', 'merge', ['special-max', 'special-average'], '--from=%d A B' % (NOW - 900)),
    ('merge-into-empty', 'merge', ['wrapped-ring', 'empty'], 'A B'),
    ('resize-agg', 'resize', ['agg-average'], 'A 60:30 5m:1d'),
    ('resize-wrapped', 'resize', ['wrapped-ring'], 'A 10s:2h 1h:1d --nobackup'),
    ('resize-three', 'resize', ['three-archives'],
     '--aggregationMethod=last --xFilesFactor=0 A 1m:1h 15m:1d'),
    ('resize-special', 'resize', ['special-max'], 'A 1m:20'),
]


def script(command):
    text = open('/usr/bin/whisper-' + command).read()
    if command == 'resize':
        fixed = text.replace("fromTime = now - archive['retention'] + archive['secondsPerPoint']",
                             "fromTime = now - archive['retention']")
        assert fixed != text
        text = fixed
    return compile(text, '/usr/bin/whisper-' + command, 'exec')


def run(command, args):
    out = io.StringIO()
    sys.argv = ['whisper-' + command] + args
    status = 0
    with contextlib.redirect_stdout(out):
        try:
            exec(script(command), {'__name__': '__main__'})
        except SystemExit as e:
            status = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    return status, out.getvalue()


def main():
    time.time = lambda: float(NOW)
    target = os.path.join(HERE, 'golden')
    rows = []
    for case_id, command, files, args in CASES:
        work = tempfile.mkdtemp()
        try:
            os.chdir(work)
            for name, source in zip(['a.wsp', 'b.wsp'], files):
                shutil.copyfile(os.path.join(GOOD, source + '.wsp'), name)
            argv = [{'A': 'a.wsp', 'B': 'b.wsp'}.get(a, a) for a in args.split()]
            status, out = run(command, argv)
            written = {'merge': 'b.wsp', 'resize': 'a.wsp'}.get(command)
            digest = hashlib.sha256(open(written, 'rb').read()).hexdigest() if written else '-'
        finally:
            os.chdir(HERE)
            shutil.rmtree(work)
        with open(os.path.join(target, case_id + '.out'), 'w') as f:
            f.write(out)
        rows.append('\t'.join([case_id, command, ','.join(files), args, str(status), digest]))
    with open(os.path.join(target, 'cases.tsv'), 'w') as f:
        f.write('# id\tcommand\tfiles (a.wsp, b.wsp)\targs\tstatus\tsha256 of the written file\n')
        f.write('\n'.join(rows) + '\n')


main()
