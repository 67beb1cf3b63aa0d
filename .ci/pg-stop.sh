#!/usr/bin/env bash
set -euo pipefail
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
DIR=${1:-$(cat /tmp/landfall-pg.dir)}
if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$PGBIN/pg_ctl -D $DIR/data -m fast stop >/dev/null"; else "$PGBIN/pg_ctl" -D "$DIR/data" -m fast stop >/dev/null; fi
rm -rf "$DIR"
