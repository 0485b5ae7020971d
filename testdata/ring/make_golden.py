#!/usr/bin/python3
"""Makes the ring golden files under testdata/ring/golden/ from the live oracles.

Usage: /usr/bin/python3 testdata/ring/make_golden.py   (needs carbon-c-relay and graphite-carbon)

Writes, deterministically (fixed seed):
  names.txt              600 names: dotted, tagged, with spaces, UTF-8 and raw non-ASCII bytes
  NAME.conf              a carbon-c-relay configuration (cluster to pick: first line's comment)
  NAME.relay.out         `carbon-c-relay -t -d -f NAME.conf < names.txt`, from the line
                         "# hash ring for ... follows" on (the ring dump, then one block per name)
  NAME.carbon.conf       a carbon.conf
  NAME.carbon.out        carbon_router.py's answer: name TAB owners, one line per name
RingGoldenTest reads them back and checks whisper-ring against every line.
"""
import os
import random
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, 'golden')
WORDS = ['servers', 'web01', 'db-07', 'cpu', 'user', 'idle', 'memory', 'used', 'load',
         'collectd', 'sys', 'disk', 'sda1', 'io', 'requests', 'p99', 'eu-west', 'app_x',
         'latency', 'count']


def names(rng, count):
    out = []
    for i in range(count):
        parts = [rng.choice(WORDS) + (str(rng.randrange(100)) if rng.random() < 0.5 else '')
                 for _ in range(rng.randint(1, 6))]
        name = '.'.join(parts).encode()
        kind = i % 10
        if kind == 1:
            name += b';host=web%02d;dc=eu' % rng.randrange(40)          # tags
        elif kind == 2:
            name += b' %d %d' % (rng.randrange(1000), 1700000000 + i)   # a plaintext line
        elif kind == 3:
            name += '.caf\u00e9.\u65e5\u672c'.encode()                   # UTF-8
        elif kind == 4:
            name += bytes([0x2e, rng.randrange(0x80, 0x100), rng.randrange(0x80, 0x100)])  # raw
        elif kind == 5:
            name = b' ' + name if i % 20 == 5 else b'a b'                # leading space
        out.append(name)
    return out


def members(count, instances, port=2003, same_host_every=0):
    out = []
    for i in range(count):
        host = '10.0.%d.%d' % (i // 200, i % 200 + 1)
        p = port
        if same_host_every and i % same_host_every == same_host_every - 1:
            host = '10.0.%d.%d' % ((i - 1) // 200, (i - 1) % 200 + 1)   # same host, next port
            p = port + 1
        out.append((host, p, instances(i) if instances else None))
    return out


def fnv_position(text):
    h = 0x811c9dc5
    for b in text.encode():
        h = ((h ^ b) * 16777619) & 0xffffffff
    return (h >> 16) ^ (h & 0xffff)


def colliding_ports(host):
    """Two members on one host whose fnv1a_ch points share a position: the relay breaks the tie
    by port (the lower wins), so the higher port goes first in the file."""
    low = {fnv_position('%d-%s:2003' % (i, host)) for i in range(100)}
    for port in range(2004, 3000):
        if any(fnv_position('%d-%s:%d' % (i, host, port)) in low for i in range(100)):
            return [(host, port, None), (host, 2003, None)]
    raise SystemExit('no colliding port')


RELAY = [
    ('carbon_ch-3', 'carbon_ch', 1, members(3, None)),
    ('carbon_ch-10-inst', 'carbon_ch', 2, members(10, lambda i: 'c%d' % i)),
    ('carbon_ch-40', 'carbon_ch', 3, members(40, None, same_host_every=4)),
    ('fnv1a_ch-3', 'fnv1a_ch', 1, [('127.0.0.%d' % i, 2003, None) for i in (1, 2, 3)]),
    ('fnv1a_ch-10-inst', 'fnv1a_ch', 3, members(10, lambda i: 'f%d' % i)),
    ('fnv1a_ch-40', 'fnv1a_ch', 2, members(40, None, same_host_every=5)),
    ('jump_fnv1a_ch-3', 'jump_fnv1a_ch', 1, members(3, None)),
    ('jump_fnv1a_ch-10-inst', 'jump_fnv1a_ch', 2,
     members(10, lambda i: str(5 ** i) if i % 3 else 'x%d' % i)),  # 5, 25, 625: numbers sort as numbers
    ('jump_fnv1a_ch-40', 'jump_fnv1a_ch', 3, members(40, None)),
    ('any_of-10', 'any_of', 1, members(10, None)),
    ('failover-3', 'failover', 1, members(3, None)),
    ('fnv1a_ch-ties', 'fnv1a_ch', 2, colliding_ports('10.0.0.1') + members(3, None)[1:]),
    ('fnv1a_ch-ipv6', 'fnv1a_ch', 2, [('::1', 2005, None), ('fe80::2', 2003, None),
                                      ('10.0.0.1', 2004, 'a'), ('10.0.0.2', 2003, '7')]),
    ('carbon_ch-ipv6', 'carbon_ch', 2, [('::1', 2005, None), ('fe80::2', 2003, None),
                                        ('10.0.0.1', 2004, 'a'), ('10.0.0.2', 2003, '7')]),
]

CARBON = [
    ('carbon_ch-3', 'carbon_ch', 1, True, [('10.0.0.%d' % i, 2004, None) for i in (1, 2, 3)]),
    ('carbon_ch-10-inst', 'carbon_ch', 2, True,
     [('10.0.0.%d' % (i // 2 + 1), 2004 + i % 2, 'i%d' % i) for i in range(10)]),
    ('carbon_ch-40', 'carbon_ch', 3, False, members(40, None, port=2004)),
    ('fnv1a_ch-10-inst', 'fnv1a_ch', 2, True,
     [('10.0.0.%d' % (i // 2 + 1), 2004, 'n%d' % i) for i in range(10)]),
    ('carbon_ch-ipv6', 'carbon_ch', 2, True,
     [('::1', 2004, 'a'), ('::1', 2005, 'b'), ('fe80::2', 2004, None), ('10.0.0.1', 2004, None)]),
]


def relay_conf(name, kind, repl, mems):
    lines = ['# golden ring %s: pick cluster "%s"' % (name, name),
             'cluster other', '    forward 10.9.9.9:2003', '    ;',
             'cluster %s' % name,
             '    %s%s' % (kind, ' replication %d' % repl if kind.endswith('_ch') else '')]
    for host, port, inst in mems:
        host = '[%s]' % host if ':' in host else host
        lines.append('        %s:%d%s' % (host, port, '' if inst is None else '=' + inst))
    lines += ['    ;', 'rewrite ^(.*)\\.weird$ into \\1.odd;',
              'match "^never;here" send to other;  # a quoted ";" does not end the statement',
              'match * send to %s stop;' % name, '']
    return '\n'.join(lines)


def carbon_conf(name, kind, repl, diverse, mems):
    dest = ',\n    '.join('%s:%d%s' % ('[%s]' % h if ':' in h else h, p, '' if i is None else ':' + i)
                            for h, p, i in mems)
    return '\n'.join(['# golden ring %s' % name, '[cache]', 'LINE_RECEIVER_PORT = 2003', '',
                      '[relay]', 'RELAY_METHOD = consistent-hashing',
                      'ROUTER_HASH_TYPE = %s' % kind, 'REPLICATION_FACTOR = %d' % repl,
                      'DIVERSE_REPLICAS = %s' % diverse, 'DESTINATIONS = ' + dest, ''])


def main():
    os.makedirs(OUT, exist_ok=True)
    data = b'\n'.join(names(random.Random(15), 600)) + b'\n'
    with open(os.path.join(OUT, 'names.txt'), 'wb') as f:
        f.write(data)
    for name, kind, repl, mems in RELAY:
        conf = os.path.join(OUT, name + '.conf')
        with open(conf, 'w') as f:
            f.write(relay_conf(name, kind, repl, mems))
        out = subprocess.run(['carbon-c-relay', '-t', '-d', '-f', conf], input=data,
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=True).stdout
        start = out.find(b'# hash ring for %s follows' % name.encode())
        if start < 0:
            start = out.find(b'\nmatch\n') + 1
        with open(os.path.join(OUT, name + '.relay.out'), 'wb') as f:
            f.write(out[start:])
    for name, kind, repl, diverse, mems in CARBON:
        conf = os.path.join(OUT, name + '.carbon.conf')
        with open(conf, 'w') as f:
            f.write(carbon_conf(name, kind, repl, diverse, mems))
        out = subprocess.run(['/usr/bin/python3', os.path.join(HERE, 'carbon_router.py'), conf],
                             input=data, stdout=subprocess.PIPE, check=True).stdout
        with open(os.path.join(OUT, name + '.carbon.out'), 'wb') as f:
            f.write(out)
    print('made', len(RELAY), 'relay and', len(CARBON), 'carbon golden rings in', OUT)


main()
