#!/usr/bin/env bash
# A throwaway PostgreSQL server for tests: its own data dir, port and socket, no system state.
#
#   url=$(scripts/pg-throwaway.sh start /tmp/hms-pg)   # prints postgresql://postgres@127.0.0.1:PORT/postgres
#   HMS_TEST_PG_URL=$url build/tests/hms_integration_tests
#   scripts/pg-throwaway.sh stop /tmp/hms-pg            # stops it fast and removes the dir
#
# Or `source scripts/pg-throwaway.sh` and call pg_throwaway_start DIR / pg_throwaway_stop DIR.
#
# Works on a fresh Debian 12 with only the `postgresql` package: the server binaries are found
# with pg_config or in /usr/lib/postgresql/*/bin (they are not on PATH there), or in $PG_BIN.
# As root, the server runs as the `postgres` user (initdb refuses root); otherwise as the
# current user. Trust authentication, fsync off, listening on 127.0.0.1 only: for tests only.
# DIR keeps: data/ (the cluster), pg.log, the Unix socket, and url (the URL printed).

_pg_throwaway_log() { echo "pg-throwaway: $*" >&2; }

# The directory holding initdb, pg_ctl and pg_isready.
_pg_throwaway_bin() {
  local dir
  if [ -n "${PG_BIN:-}" ] && [ -x "$PG_BIN/initdb" ]; then
    echo "$PG_BIN"
    return 0
  fi
  if command -v pg_config >/dev/null 2>&1; then
    dir=$(pg_config --bindir 2>/dev/null)
    if [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
      echo "$dir"
      return 0
    fi
  fi
  # The newest installed version.
  for dir in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -t/ -k5,5 -V -r); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
      echo "$dir"
      return 0
    fi
  done
  _pg_throwaway_log "no PostgreSQL server binaries found (install the postgresql package, or set PG_BIN)"
  return 1
}

# Runs a command as the cluster's owner: `postgres` when we are root, else ourselves.
# Runs from DIR: as postgres, the caller's working directory may not be readable.
_pg_throwaway_as_owner() {
  local dir=$1
  shift
  if [ "$(id -u)" = 0 ]; then
    (cd "$dir" && runuser -u postgres -- "$@")
  else
    (cd "$dir" && "$@")
  fi
}

# True if something accepts TCP connections on 127.0.0.1:$1.
_pg_throwaway_port_taken() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

pg_throwaway_start() {
  local dir=${1:-}
  if [ -z "$dir" ]; then
    _pg_throwaway_log "usage: pg-throwaway.sh start DIR"
    return 2
  fi
  case $dir in
    *[[:space:]\'\"\\]*)
      _pg_throwaway_log "DIR must not contain spaces, quotes or backslashes: $dir"
      return 2
      ;;
  esac
  local bin
  bin=$(_pg_throwaway_bin) || return 1
  mkdir -p "$dir" || return 1
  dir=$(cd "$dir" && pwd -P) || return 1
  if [ -e "$dir/data" ]; then
    _pg_throwaway_log "$dir/data exists already: stop that server first (pg-throwaway.sh stop $dir)"
    return 1
  fi
  # The socket path must fit in sun_path (107 bytes): DIR/.s.PGSQL.NNNNN
  if [ $((${#dir} + 18)) -gt 107 ]; then
    _pg_throwaway_log "DIR is too long for a Unix socket path: $dir"
    return 1
  fi

  if [ "$(id -u)" = 0 ]; then
    if ! id postgres >/dev/null 2>&1; then
      _pg_throwaway_log "running as root but there is no postgres user (the postgresql package makes it)"
      return 1
    fi
    chown postgres:postgres "$dir" || return 1
    chmod 700 "$dir" || return 1
    # postgres must be able to reach DIR: e.g. a parent made by mktemp is 0700 root.
    # Grant only the right to pass through (o+x), on the parents that lack it.
    local parent
    parent=$(dirname "$dir")
    while :; do
      if ! runuser -u postgres -- test -x "$parent"; then
        _pg_throwaway_log "chmod o+x $parent (so that the postgres user can reach $dir)"
        chmod o+x "$parent" || return 1
      fi
      [ "$parent" = / ] && break
      parent=$(dirname "$parent")
    done
  fi

  _pg_throwaway_as_owner "$dir" "$bin/initdb" -D "$dir/data" -U postgres -A trust --no-sync \
    -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || {
    _pg_throwaway_log "initdb failed:"
    cat "$dir/initdb.log" >&2
    return 1
  }

  # The first free port from 55432 up. Something else may take it between the check and the
  # start (another test run): then the server fails to bind and the next port is tried.
  local port=55432 last=55532 started=""
  while [ "$port" -le "$last" ]; do
    if _pg_throwaway_port_taken "$port"; then
      port=$((port + 1))
      continue
    fi
    : >"$dir/pg.log"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir/pg.log"
    if _pg_throwaway_as_owner "$dir" "$bin/pg_ctl" -D "$dir/data" -l "$dir/pg.log" -w -t 60 \
      -o "-p $port -c listen_addresses=127.0.0.1 -c fsync=off -c unix_socket_directories=$dir" \
      start >/dev/null 2>&1; then
      started=yes
      break
    fi
    if grep -q -i -e "could not bind" -e "address already in use" -e "could not create any TCP/IP sockets" "$dir/pg.log"; then
      port=$((port + 1))
      continue
    fi
    _pg_throwaway_log "the server did not start:"
    cat "$dir/pg.log" >&2
    return 1
  done
  if [ -z "$started" ]; then
    _pg_throwaway_log "no free port between 55432 and $last"
    return 1
  fi

  # pg_ctl -w waited for it; check that TCP answers too.
  local tries=0
  until "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres; do
    tries=$((tries + 1))
    if [ "$tries" -ge 100 ]; then
      _pg_throwaway_log "the server does not answer on 127.0.0.1:$port"
      cat "$dir/pg.log" >&2
      return 1
    fi
    sleep 0.1
  done

  local url="postgresql://postgres@127.0.0.1:$port/postgres"
  echo "$url" >"$dir/url"
  echo "$url"
}

pg_throwaway_stop() {
  local dir=${1:-}
  if [ -z "$dir" ]; then
    _pg_throwaway_log "usage: pg-throwaway.sh stop DIR"
    return 2
  fi
  if [ ! -d "$dir" ]; then
    _pg_throwaway_log "no such directory: $dir"
    return 0
  fi
  dir=$(cd "$dir" && pwd -P) || return 1
  # Remove only what this script made: a dir with its url file or cluster.
  if [ ! -e "$dir/url" ] && [ ! -e "$dir/data/PG_VERSION" ]; then
    _pg_throwaway_log "$dir does not look like a throwaway cluster: not removing it"
    return 1
  fi
  if [ -e "$dir/data/postmaster.pid" ]; then
    local bin
    bin=$(_pg_throwaway_bin) || return 1
    _pg_throwaway_as_owner "$dir" "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null 2>&1 || {
      _pg_throwaway_log "pg_ctl stop failed:"
      tail -n 20 "$dir/pg.log" >&2 2>/dev/null
      return 1
    }
  fi
  rm -rf "$dir"
}

# Called as a script (not sourced): dispatch on the first argument.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -u
  case "${1:-}" in
    start) pg_throwaway_start "${2:-}" ;;
    stop) pg_throwaway_stop "${2:-}" ;;
    *)
      echo "usage: $0 start DIR | stop DIR" >&2
      exit 2
      ;;
  esac
fi
