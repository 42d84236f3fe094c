#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests and benchmarks of the PostgreSQL published-results backend: initdb in
# a temporary folder, a server on 127.0.0.1 on a free port (from 55432 up), one database `barometer`, password
# authentication for the superuser `postgres` with a random password. Debian's `postgresql` package provides the
# binaries (scripts/install-system-deps.sh installs it). PostgreSQL refuses to run as root, so as root the cluster
# runs as the `postgres` user (runuser).
#
# Two ways to use it:
#   scripts/start-postgres.sh COMMAND [ARGS...]   runs COMMAND with BAROMETER_TEST_POSTGRES set, then stops the
#                                                 cluster and removes it; exits with COMMAND's status.
#   source scripts/start-postgres.sh              starts the cluster, exports BAROMETER_TEST_POSTGRES in the calling
#                                                 shell and stops it when that shell exits (an EXIT trap).
# The connection string is printed with the password masked.

_pg_sourced=0
if [[ "${BASH_SOURCE[0]}" != "$0" ]]; then _pg_sourced=1; fi

_pg_start() {
  local bin
  bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  if [[ -z "$bin" || ! -x "$bin/initdb" ]]; then
    echo "start-postgres: no PostgreSQL server binaries under /usr/lib/postgresql; run scripts/install-system-deps.sh" >&2
    return 1
  fi

  local as_user=()
  if [[ $(id -u) -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || { echo "start-postgres: running as root but there is no 'postgres' user to run the server as" >&2; return 1; }
    as_user=(runuser -u postgres --)
  fi

  BAROMETER_PG_DIR="$(mktemp -d "${TMPDIR:-/tmp}/barometer-pg.XXXXXX")"
  chmod 0755 "$BAROMETER_PG_DIR"
  local data="$BAROMETER_PG_DIR/data" pwfile="$BAROMETER_PG_DIR/pwfile" log="$BAROMETER_PG_DIR/server.log"
  local password
  password="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
  (umask 077 && printf '%s\n' "$password" >"$pwfile")
  if ((${#as_user[@]})); then chown -R postgres: "$BAROMETER_PG_DIR"; fi

  "${as_user[@]}" "$bin/initdb" -D "$data" -U postgres --pwfile="$pwfile" --auth-host=scram-sha-256 --auth-local=trust \
    --encoding=UTF8 --locale=C.UTF-8 >"$BAROMETER_PG_DIR/initdb.log" 2>&1 \
    || { cat "$BAROMETER_PG_DIR/initdb.log" >&2; echo "start-postgres: initdb failed" >&2; return 1; }
  rm -f "$pwfile"

  # A free port on the loopback interface, from 55432 upwards.
  local port
  for port in $(seq 55432 55531); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
  done

  BAROMETER_PG_BIN="$bin"
  BAROMETER_PG_AS=("${as_user[@]}")
  "${as_user[@]}" "$bin/pg_ctl" -D "$data" -l "$log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $BAROMETER_PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null \
    || { cat "$log" >&2; echo "start-postgres: the server did not start" >&2; return 1; }

  "${as_user[@]}" "$bin/psql" -h "$BAROMETER_PG_DIR" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -qc "CREATE DATABASE barometer" \
    || { echo "start-postgres: could not create the database" >&2; return 1; }

  export BAROMETER_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Database=barometer;Username=postgres;Password=$password"
  export BAROMETER_PG_DIR
  echo "start-postgres: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (data in $data)"
  echo "start-postgres: BAROMETER_TEST_POSTGRES=Host=127.0.0.1;Port=$port;Database=barometer;Username=postgres;Password=***"
}

_pg_stop() {
  if [[ -n "${BAROMETER_PG_DIR:-}" && -d "$BAROMETER_PG_DIR/data" ]]; then
    "${BAROMETER_PG_AS[@]}" "$BAROMETER_PG_BIN/pg_ctl" -D "$BAROMETER_PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$BAROMETER_PG_DIR"
    echo "start-postgres: stopped and removed the cluster"
  fi
}

if ((_pg_sourced)); then
  if _pg_start; then
    trap _pg_stop EXIT
  else
    _pg_stop
    return 1
  fi
else
  set -euo pipefail
  trap _pg_stop EXIT
  _pg_start || exit 1
  if (($# == 0)); then
    echo "start-postgres: give a command to run against the cluster, or source this script" >&2
    exit 1
  fi
  status=0
  "$@" || status=$?
  exit "$status"
fi
