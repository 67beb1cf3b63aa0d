#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 on a loopback port in a temp folder (initdb refuses root,
# so it runs as the postgres user) and prints its URL. Stop it with .ci/pg-stop.sh DIR.
set -euo pipefail
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PORT=${PGPORT_TEST:-54329}
DIR=$(mktemp -d /tmp/landfall-pg.XXXXXX)
chown postgres:postgres "$DIR"
run() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
run "$PGBIN/initdb -D $DIR/data -U postgres -A trust --encoding=UTF8 --locale=C.UTF-8 >$DIR/initdb.log 2>&1"
run "$PGBIN/pg_ctl -D $DIR/data -o '-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200' -l $DIR/pg.log -w start >/dev/null"
echo "$DIR" > /tmp/landfall-pg.dir
echo "postgres://postgres@127.0.0.1:$PORT/postgres"
