#!/usr/bin/env bash
# Start (or stop) a throwaway PostgreSQL server for onrecord: tests and local use.
#
#   scripts/start-postgres.sh DIR [PORT]     initdb into DIR (once), start the server on
#                                            127.0.0.1:PORT (default: a free port) with its
#                                            unix socket in DIR, create database "onrecord",
#                                            and print its URL on stdout:
#                                            postgresql://postgres@127.0.0.1:PORT/onrecord
#   scripts/start-postgres.sh --stop DIR     stop the server started in DIR.
#
# Binaries: $PG_BIN if set, else the newest /usr/lib/postgresql/*/bin (Debian's
# `apt-get install postgresql`), else initdb/pg_ctl on PATH. Exit status 3 means no binaries
# were found. PostgreSQL refuses to run as root: as root, the server runs as the `postgres`
# user (or $PG_USER), and DIR is handed to that user. Authentication is `trust`, so only
# use this for throwaway data. The server log is DIR/postgres.log.
set -euo pipefail

die() { echo "start-postgres: $1" >&2; exit "${2:-1}"; }

stop=0
if [[ "${1:-}" == "--stop" ]]; then stop=1; shift; fi
[[ $# -ge 1 ]] || die "usage: $0 [--stop] DIR [PORT]" 2
dir=$1
port=${2:-}

find_bin() {
  if [[ -n "${PG_BIN:-}" ]]; then echo "$PG_BIN"; return; fi
  local candidate
  candidate=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [[ -n "$candidate" && -x "$candidate/initdb" ]]; then echo "$candidate"; return; fi
  if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return; fi
  if command -v pg_config >/dev/null 2>&1 && [[ -x "$(pg_config --bindir)/initdb" ]]; then
    pg_config --bindir; return
  fi
}
bin=$(find_bin)
[[ -n "$bin" && -x "$bin/initdb" && -x "$bin/pg_ctl" ]] \
  || die "no PostgreSQL server binaries found (apt-get install postgresql, or set PG_BIN)" 3

# Run as a non-root user when we are root.
as_user=()
if [[ $(id -u) -eq 0 ]]; then
  user=${PG_USER:-postgres}
  id "$user" >/dev/null 2>&1 || die "running as root and there is no '$user' user to run postgres as (set PG_USER)"
  if command -v runuser >/dev/null 2>&1; then
    as_user=(runuser -u "$user" --)
  else
    as_user=(su "$user" -s /bin/sh -c '"$0" "$@"')
  fi
fi
run() { "${as_user[@]}" "$@"; }

mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
data="$dir/data"
log="$dir/postgres.log"

if [[ $stop -eq 1 ]]; then
  [[ -f "$data/postmaster.pid" ]] || { echo "start-postgres: no server running in $dir" >&2; exit 0; }
  run "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null
  exit 0
fi

if [[ ${#as_user[@]} -gt 0 ]]; then
  chown "$user" "$dir"
  chmod 700 "$dir"
  run test -w "$dir" || die "'$user' cannot write to $dir (is a parent folder closed to it?)"
fi

if [[ ! -f "$data/PG_VERSION" ]]; then
  run "$bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --no-locale \
    >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
fi

if [[ -z "$port" ]]; then
  py=$(command -v python3 || command -v python || true)
  [[ -n "$py" ]] || die "no python3 to pick a free port: pass PORT"
  port=$("$py" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
fi

if [[ -f "$data/postmaster.pid" ]]; then
  run "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
fi

run "$bin/pg_ctl" -D "$data" -l "$log" -w -t 60 \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=50" start >/dev/null \
  || { tail -n 20 "$log" >&2 || true; die "the server did not start"; }

if ! run "$bin/psql" -h "$dir" -p "$port" -U postgres -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = 'onrecord'" | grep -q 1; then
  run "$bin/createdb" -h "$dir" -p "$port" -U postgres onrecord
fi

echo "postgresql://postgres@127.0.0.1:$port/onrecord"
