#!/usr/bin/env bash
# Starts a private PostgreSQL server on 127.0.0.1 for the verdict server's integration tests, installing
# PostgreSQL from Debian's packages when it is missing. Everything goes to stderr except one line on stdout,
# meant for eval:
#   eval "$(bash .ci/postgres.sh)"      -> export VYPR_TEST_POSTGRES='Host=127.0.0.1;Port=...;...'
#   bash .ci/postgres.sh stop           -> stops the server this script started
# VYPR_PG_STARTED is 1 when this call started the server and 0 when it reused a running one, so that a caller stops
# only what it started.
# A second start while the server runs reuses it. The data lives in $VYPR_PG_DIR (default /tmp/vypr-postgres).
set -euo pipefail
exec 3>&1 1>&2

DIR="${VYPR_PG_DIR:-/tmp/vypr-postgres}"
DATA="$DIR/data"

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

if [ "${1:-start}" = stop ]; then
  BIN="$(pg_bin)"
  if [ -n "$BIN" ] && [ -f "$DATA/postmaster.pid" ]; then
    as_postgres "$BIN/pg_ctl" -D "$DATA" -m fast -w stop
  fi
  exit 0
fi

if [ -z "$(pg_bin)" ] || [ ! -x "$(pg_bin)/initdb" ]; then
  echo "postgres.sh: installing PostgreSQL from Debian's packages"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
BIN="$(pg_bin)"

mkdir -p "$DIR"
if [ "$(id -u)" = 0 ]; then chown postgres: "$DIR"; fi
chmod 700 "$DIR"

if [ ! -f "$DIR/password" ]; then
  head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$DIR/password"
fi
PASSWORD="$(cat "$DIR/password")"

if [ ! -f "$DATA/PG_VERSION" ]; then
  as_postgres "$BIN/initdb" -D "$DATA" -U postgres --auth-local=trust --auth-host=scram-sha-256 -E UTF8 >/dev/null
fi

if as_postgres "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
  PORT="$(sed -n 4p "$DATA/postmaster.pid")"
  echo "postgres.sh: reusing the server on 127.0.0.1:$PORT"
  STARTED=0
else
  PORT=""
  for candidate in $(seq 55432 55532); do
    if ! (exec 9<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then
      PORT="$candidate"
      break
    fi
  done
  if [ -z "$PORT" ]; then
    echo "postgres.sh: no free port in 55432-55532" >&2
    exit 1
  fi
  # The server outlives this script: it must not inherit fd 3 (the caller's stdout pipe), or a caller reading
  # this script's output with $(...) would wait for the server to exit.
  as_postgres "$BIN/pg_ctl" -D "$DATA" -l "$DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -c port=$PORT -c unix_socket_directories=$DIR -c fsync=off" start >/dev/null 3>&-
  echo "postgres.sh: started PostgreSQL ($BIN) on 127.0.0.1:$PORT"
  STARTED=1
fi

psql_admin() {
  as_postgres "$BIN/psql" -h "$DIR" -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA "$@"
}

if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = 'vypr'")" != 1 ]; then
  psql_admin -c "CREATE ROLE vypr LOGIN CREATEDB PASSWORD '$PASSWORD'"
fi
if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = 'vypr_test'")" != 1 ]; then
  psql_admin -c "CREATE DATABASE vypr_test OWNER vypr"
fi

echo "export VYPR_TEST_POSTGRES='Host=127.0.0.1;Port=$PORT;Username=vypr;Password=$PASSWORD;Database=vypr_test' VYPR_PG_STARTED=$STARTED" >&3
