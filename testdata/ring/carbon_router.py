#!/usr/bin/python3
"""carbon's own router as the oracle: where carbon-relay (graphite-carbon) sends each name.

Usage: /usr/bin/python3 carbon_router.py CARBON_CONF [INSTANCE] < names > owners

Reads CARBON_CONF's [relay] section (then [relay:INSTANCE]) with carbon's own Settings, builds
carbon.routers.ConsistentHashingRouter from DESTINATIONS, and prints for each input line the
name (up to its first space, as whisper locate reads it), a tab, and the destinations in the
order getDestinations yields them, as host:port or host:port=instance (an IPv6 host in
brackets), separated by spaces.
Lines that are not UTF-8 are skipped (carbon takes names as text).
"""
import sys

from carbon.conf import Settings
from carbon.routers import ConsistentHashingRouter
from carbon.util import parseDestinations


def main():
    settings = Settings()
    settings.readFrom(sys.argv[1], 'relay')
    if len(sys.argv) > 2:
        settings.readFrom(sys.argv[1], 'relay:' + sys.argv[2])
    router = ConsistentHashingRouter(settings)
    for destination in parseDestinations(settings.DESTINATIONS):
        router.addDestination(destination)
    out = sys.stdout
    for raw in sys.stdin.buffer:
        raw = raw.rstrip(b'\n')
        if not raw.strip():
            continue
        try:
            line = raw.decode('utf-8')
        except UnicodeDecodeError:
            continue
        name = line.split(' ', 1)[0]
        owners = []
        for (server, port, instance) in router.getDestinations(name):
            host = '[%s]' % server if ':' in server else server  # as whisper locate prints it
            owners.append('%s:%d%s' % (host, port, '' if instance is None else '=' + instance))
        out.write(name + '\t' + ' '.join(owners) + '\n')


main()
