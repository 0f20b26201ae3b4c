#!/usr/bin/env bash
# A private PostgreSQL server for the test suite, on 127.0.0.1:$TRIAGE_PG_PORT.
#   scripts/postgres.sh start     install PostgreSQL (Debian package) where missing,
#                                 create the cluster once, start it; prints the URL
#   scripts/postgres.sh restart   restart it (tests use this to check durability)
#   scripts/postgres.sh stop
# The cluster lives in $TRIAGE_PG_DIR (default /tmp/triage-pg-$UID), outside
# the repository, so that the server's own user can reach it.
set -euo pipefail
PORT=${TRIAGE_PG_PORT:-55432}
DIR=${TRIAGE_PG_DIR:-/tmp/triage-pg-$(id -u)}
DATA=$DIR/data
URL="postgresql://triage@127.0.0.1:$PORT/triage_test"

find_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

BIN=$(find_bin)
if [ -z "$BIN" ]; then
  echo "postgres.sh: installing PostgreSQL (Debian package postgresql)" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >&2
  $SUDO apt-get install -y -qq postgresql >&2
  BIN=$(find_bin)
fi

# initdb and the server refuse to run as root: run them as the postgres user then.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

ctl() {
  as_owner "$BIN/pg_ctl" -D "$DATA" -l "$DIR/server.log" \
    -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=on" "$@" >&2
}

case "${1:-start}" in
  start)
    if ! "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then
      if [ ! -f "$DATA/PG_VERSION" ]; then
        mkdir -p "$DIR"
        [ "$(id -u)" -eq 0 ] && chown postgres "$DIR"
        as_owner "$BIN/initdb" -D "$DATA" -A trust -U triage -E UTF8 >/dev/null
      fi
      ctl -w start
    fi
    "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U triage -d postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname = 'triage_test'" | grep -q 1 ||
      "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U triage triage_test
    echo "$URL"
    ;;
  restart) ctl -w -m fast restart ;;
  stop) ctl -w -m fast stop ;;
  *) echo "usage: $0 start|restart|stop" >&2; exit 2 ;;
esac
