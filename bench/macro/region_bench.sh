#!/usr/bin/env bash
# The macro benchmark at the Region's scale (see bench/README.md):
#   a. `hms demo` with its defaults (24 agencies, 8000 dwellings) into a fresh database;
#   b. the same number of rows inserted raw into SQLite (hms_raw_insert_bench), for the ratio;
#   c. `hms serve` on a free loopback port, logins through the API (Argon2id's cost), then wrk
#      on the API endpoints and pages (agencies, users, the stock with its free-text search at
#      the Region's scale, dashboards), as the roles that may see them;
#   d. a markdown summary; exit 1 if an API p99 is >= 20 ms, if the demo took >= 30 s, if a run
#      completed no request, or if any request failed (non-2xx, socket error).
#
#   bench/macro/region_bench.sh [HMS_BINARY] [--db-url postgresql://USER@HOST:PORT/DB]
#       [--raw-insert PATH] [--duration SECONDS] [--connections N] [--audit-history ROWS] [--keep]
#
# HMS_BINARY defaults to build/hms. hms_raw_insert_bench is looked for in the same build
# directory (BUILD/bench/hms_raw_insert_bench), or given with --raw-insert.
# --db-url: run against PostgreSQL. The URL must allow CREATE DATABASE (e.g. the admin URL
# printed by scripts/pg-throwaway.sh start DIR): a fresh database hms_bench_<pid> is created
# on that server for the run and dropped at the end.
# --audit-history ROWS: after the demo, add ROWS synthetic audit_log rows (logins spread over
# the agencies and the last 10 years) to see the pages on an aged region. They do not chain
# (`hms audit verify` fails on that database); the demo's own rows are untouched. Default 0.
# --keep: keep the work directory (database, server log, wrk outputs) and print its path.
#
# Needs: wrk, curl, jq, sqlite3 (and psql with --db-url). Loopback traffic only. Every wait is
# bounded; the server is stopped on exit, whatever happens.
set -euo pipefail

die() { echo "region_bench: $*" >&2; exit 2; }

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
hms=""
db_url=""
raw_insert=""
duration=10
connections=8
wrk_threads=2
keep=""
audit_history=0
while [ $# -gt 0 ]; do
  case $1 in
    --db-url) [ $# -ge 2 ] || die "--db-url needs a value"; db_url=$2; shift 2 ;;
    --db-url=*) db_url=${1#--db-url=}; shift ;;
    --raw-insert) [ $# -ge 2 ] || die "--raw-insert needs a value"; raw_insert=$2; shift 2 ;;
    --duration) [ $# -ge 2 ] || die "--duration needs a value"; duration=$2; shift 2 ;;
    --connections) [ $# -ge 2 ] || die "--connections needs a value"; connections=$2; shift 2 ;;
    --audit-history) [ $# -ge 2 ] || die "--audit-history needs a value"; audit_history=$2; shift 2 ;;
    --keep) keep=yes; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | grep '^#' | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) die "unknown option $1 (see --help)" ;;
    *) [ -z "$hms" ] || die "one HMS_BINARY only"; hms=$1; shift ;;
  esac
done
hms=${hms:-$repo/build/hms}
[ -x "$hms" ] || die "no hms binary at $hms (build it, or give its path)"
hms=$(cd "$(dirname "$hms")" && pwd)/$(basename "$hms")
if [ -z "$raw_insert" ]; then
  raw_insert=$(dirname "$hms")/bench/hms_raw_insert_bench
fi
[ -x "$raw_insert" ] || die "no hms_raw_insert_bench at $raw_insert (ninja hms_raw_insert_bench, or --raw-insert PATH)"
case $duration in ''|*[!0-9]*) die "--duration: whole seconds" ;; esac
case $connections in ''|*[!0-9]*) die "--connections: a whole number" ;; esac
[ "$duration" -ge 1 ] && [ "$duration" -le 300 ] || die "--duration: 1 to 300 seconds"
case $audit_history in ''|*[!0-9]*) die "--audit-history: a whole number" ;; esac
[ "$audit_history" -le 20000000 ] || die "--audit-history: 20000000 rows at most"
[ "$connections" -ge "$wrk_threads" ] && [ "$connections" -le 256 ] || die "--connections: $wrk_threads to 256"
for tool in wrk curl jq sqlite3; do command -v $tool >/dev/null || die "$tool is missing"; done
if [ -n "$db_url" ]; then
  case $db_url in postgresql://*|postgres://*) ;; *) die "--db-url must be a postgresql:// URL" ;; esac
  command -v psql >/dev/null || die "psql is missing"
fi

# Thresholds.
readonly demo_limit_s=30
readonly api_p99_limit_ms=20

work=$(mktemp -d /tmp/hms-region-bench.XXXXXX)
server_pid=""
pg_database=""
cleanup() {
  local rc=$?
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  if [ -n "$pg_database" ]; then
    timeout 30 psql -q -X "$db_url" -c "DROP DATABASE IF EXISTS \"$pg_database\" WITH (FORCE)" >/dev/null 2>&1 ||
      timeout 30 psql -q -X "$db_url" -c "DROP DATABASE IF EXISTS \"$pg_database\"" >/dev/null 2>&1 ||
      echo "region_bench: could not drop database $pg_database" >&2
  fi
  if [ -n "$keep" ]; then echo "region_bench: work directory kept: $work" >&2; else rm -rf "$work"; fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
section() { printf '\n== %s\n' "$*"; }

echo "hms region benchmark — $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, $(uname -sr)," \
  "load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "hms: $hms"

# --- The database --------------------------------------------------------------------------
if [ -n "$db_url" ]; then
  pg_database="hms_bench_$$"
  base=${db_url%%\?*}
  query=""
  [ "$base" != "$db_url" ] && query="?${db_url#*\?}"
  hms_db="${base%/*}/$pg_database$query"
  timeout 30 psql -q -X -v ON_ERROR_STOP=1 "$db_url" -c "CREATE DATABASE \"$pg_database\"" >/dev/null \
    || die "cannot create database $pg_database with $db_url"
  backend="PostgreSQL $(timeout 10 psql -X -At "$db_url" -c 'SHOW server_version' | cut -d' ' -f1)"
else
  hms_db="$work/region.db"
  backend="SQLite $(sqlite3 --version | cut -d' ' -f1)"
fi
echo "backend: $backend"

# --- a. hms demo ---------------------------------------------------------------------------
section "a. hms demo (defaults: 24 agencies, 8000 dwellings, 10 years, seed 1)"
t0=$(now)
timeout 300 "$hms" demo --db "$hms_db" --json >"$work/demo.json" 2>"$work/demo.err" \
  || { cat "$work/demo.err" >&2; die "hms demo failed"; }
t1=$(now)
demo_s=$(elapsed "$t0" "$t1")
demo_inner_s=$(jq -r '.seconds | . * 1000 | round / 1000' "$work/demo.json")
echo "wall time: ${demo_s} s (the demo's own measure: ${demo_inner_s} s); target < ${demo_limit_s} s"
echo "created: $(jq -r '"\(.agencies) agencies, \(.users) users, \(.logins | length) demo logins"' "$work/demo.json")"
password_of() { jq -r --arg l "$1" '.logins[] | select(.login == $l) | .password' "$work/demo.json"; }
staff_login=$(jq -r '[.logins[] | select(.role == "agency_staff")][0].login' "$work/demo.json")
staff_agency=$(jq -r '[.logins[] | select(.role == "agency_staff")][0].agency' "$work/demo.json")
admin_login=$(jq -r '[.logins[] | select(.role == "agency_admin")][0].login' "$work/demo.json")

# Rows in every table of the schema.
if [ -n "$db_url" ]; then
  sql() { timeout 30 psql -X -At -v ON_ERROR_STOP=1 "$hms_db" -c "$1"; }
  tables=$(sql "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'
                AND table_type = 'BASE TABLE' ORDER BY table_name")
else
  sql() { sqlite3 -batch "$hms_db" "$1"; }
  tables=$(sql "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
fi
rows=0
row_detail=""
for t in $tables; do
  n=$(sql "SELECT count(*) FROM $t")
  rows=$((rows + n))
  row_detail="$row_detail $t=$n"
done
echo "rows in the database: $rows ($(echo $row_detail | sed 's/ /, /g'))"

# An aged region: synthetic audit history (after counting the demo's rows).
if [ "$audit_history" -gt 0 ]; then
  t0=$(now)
  history_now=$(date +%s)
  history_values="SELECT $history_now - ($audit_history - i) * (315360000 / $audit_history), 1 + i % 150, 'history',
      CASE WHEN i % 10 = 0 THEN NULL ELSE 1 + i % (SELECT count(*) FROM agencies) END, 'users.login', 'users',
      CAST(1 + i % 150 AS TEXT), 'bench-history', '$(printf '0%.0s' $(seq 1 64))', '$(printf '0%.0s' $(seq 1 64))'"
  history_insert="INSERT INTO audit_log (at, actor_user_id, actor_login, agency_id, action, object_type, object_id,
      request_id, previous_hash, hash)"
  if [ -n "$db_url" ]; then
    timeout 1200 psql -X -q -v ON_ERROR_STOP=1 "$hms_db" \
      -c "$history_insert $history_values FROM generate_series(1, $audit_history) AS g(i); ANALYZE;" \
      || die "could not add the audit history"
  else
    timeout 1200 sqlite3 -batch "$hms_db" "PRAGMA journal_mode=WAL; $history_insert
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $audit_history)
      $history_values FROM n;" >/dev/null || die "could not add the audit history"
  fi
  echo "added $audit_history synthetic audit_log rows (10 years of logins) in $(elapsed "$t0" "$(now)") s"
fi

# --- b. the same rows, raw -----------------------------------------------------------------
section "b. $rows rows inserted raw into SQLite (one transaction, one prepared statement, WAL, synchronous=FULL)"
raw_json=$(timeout 120 "$raw_insert" "$work/raw.db" "$rows") || die "hms_raw_insert_bench failed"
raw_s=$(echo "$raw_json" | jq -r '.seconds')
ratio=$(awk -v d="$demo_s" -v r="$raw_s" 'BEGIN { printf "%.0f", d / r }')
echo "raw insert: $(awk -v r="$raw_s" 'BEGIN { printf "%.1f", r * 1000 }') ms; demo / raw = ${ratio}x"

# --- c. hms serve and wrk ------------------------------------------------------------------
section "c. hms serve + wrk (${duration} s per endpoint, ${connections} connections, ${wrk_threads} threads)"
port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port=""
for attempt in $(seq 1 5); do
  candidate=""
  first=$((18080 + RANDOM % 1000))
  for p in $(seq "$first" $((first + 100))); do
    if ! port_taken "$p"; then candidate=$p; break; fi
  done
  [ -n "$candidate" ] || continue
  "$hms" serve --db "$hms_db" --bind 127.0.0.1 --port "$candidate" >"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 100); do  # 10 s at most
    if curl -fs --max-time 1 -o /dev/null "http://127.0.0.1:$candidate/login"; then port=$candidate; break; fi
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
  done
  [ -n "$port" ] && break
  kill -TERM "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
  echo "attempt $attempt: the server did not start on port $candidate; trying another" >&2
done
[ -n "$port" ] || { tail -n 20 "$work/server.log" >&2; die "hms serve did not start"; }
base_url="http://127.0.0.1:$port"
echo "server: $base_url (pid $server_pid, log $work/server.log)"

# Log in, once per role, through the API. The first login also shows Argon2id's cost.
login() {  # login → the token; writes curl's timings to $work/login-<login>.time
  local body
  body=$(jq -cn --arg l "$1" --arg p "$(password_of "$1")" '{login: $l, password: $p}')
  curl -sS --max-time 10 -o "$work/login-$1.json" \
    -w '%{http_code} %{time_connect} %{time_starttransfer} %{time_total}\n' \
    -H 'Content-Type: application/json' -d "$body" "$base_url/api/v1/session" >"$work/login-$1.time"
  [ "$(cut -d' ' -f1 "$work/login-$1.time")" = 200 ] || die "login as $1 failed: $(cat "$work/login-$1.json")"
  jq -r '.token' "$work/login-$1.json"
}
token_region=$(login region)
token_sysadmin=$(login sysadmin)
token_staff=$(login "$staff_login")
token_admin=$(login "$admin_login")
read -r _ login_connect login_ttfb login_total <"$work/login-region.time"
login_ms=$(awk -v t="$login_total" 'BEGIN { printf "%.1f", t * 1000 }')
echo "POST /api/v1/session (Argon2id verification + session insert + audit row), curl -w:"
echo "  connect $(awk -v t="$login_connect" 'BEGIN { printf "%.2f", t * 1000 }') ms," \
     "first byte $(awk -v t="$login_ttfb" 'BEGIN { printf "%.1f", t * 1000 }') ms, total ${login_ms} ms"
for l in sysadmin "$staff_login" "$admin_login"; do
  read -r _ _ _ t <"$work/login-$l.time"
  echo "  (as $l: $(awk -v t="$t" 'BEGIN { printf "%.1f", t * 1000 }') ms)"
done

# A wrk script that adds one header and counts the answers outside 2xx (wrk's own count
# lets 3xx through: a redirect to /login would pass unnoticed).
cat >"$work/auth.lua" <<'LUA'
wrk.headers[os.getenv("HMS_BENCH_HEADER")] = os.getenv("HMS_BENCH_VALUE")
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) bad = 0; first_bad = 0 end
function response(status, headers, body)
  if status < 200 or status > 299 then
    bad = bad + 1
    if first_bad == 0 then first_bad = status end
  end
end
function done(summary, latency, requests)
  local total, status = 0, 0
  for _, t in ipairs(threads) do
    total = total + t:get("bad")
    if t:get("first_bad") ~= 0 then status = t:get("first_bad") end
  end
  io.write(string.format("hms-non2xx: %d %d\n", total, status))
end
LUA

# The answer must be a 200 before measuring (a 403 measured for 10 s proves nothing).
preflight() {  # kind name value path
  local code
  code=$(curl -sS --max-time 10 -o "$work/preflight.out" -w '%{http_code}' -H "$2: $3" "$base_url$4")
  [ "$code" = 200 ] || die "GET $4 answers $code before the run: $(head -c 300 "$work/preflight.out")"
}

to_ms() {  # "1.23ms" | "850.00us" | "1.02s" → milliseconds
  awk -v v="$1" 'BEGIN {
    if (v ~ /us$/) { sub(/us$/, "", v); printf "%.2f", v / 1000 }
    else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.2f", v }
    else if (v ~ /m$/) { sub(/m$/, "", v); printf "%.2f", v * 60000 }
    else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.2f", v * 1000 }
    else printf "NaN" }'
}

# After a run, the requests still in flight when wrk stopped keep the server busy: wait until
# its log has been quiet for a while (twice the run's p99, 1 to 10 s; at most 120 s in all),
# so that they do not weigh on the next run.
drain() {  # p99_ms
  local quiet started n last=-1 since
  quiet=$(awk -v p="$1" 'BEGIN { q = (p == "NaN" || p <= 0) ? 6 : 2 * p / 1000; if (q < 1) q = 1; if (q > 10) q = 10; print q }')
  started=$(now)
  since=$started
  for _ in $(seq 1 480); do
    n=$(wc -l <"$work/server.log")
    if [ "$n" != "$last" ]; then last=$n; since=$(now); fi
    if awk -v a="$since" -v b="$(now)" -v q="$quiet" 'BEGIN { exit !(b - a >= q) }'; then break; fi
    sleep 0.25
  done
  local waited
  waited=$(elapsed "$started" "$(now)")
  if awk -v w="$waited" -v q="$quiet" 'BEGIN { exit !(w > q + 1) }'; then
    echo "    (the server was still answering the run's last requests for ${waited} s after wrk stopped)"
  fi
}

results=()  # "kind|label|role|requests|rps|p50|p99|non2xx|errors"
failures=()
run=0
bench() {  # kind(api|page) label role header value path
  local kind=$1 label=$2 role=$3 header=$4 value=$5 path=$6
  run=$((run + 1))
  local out="$work/wrk-$run.txt"
  preflight "$kind" "$header" "$value" "$path"
  HMS_BENCH_HEADER=$header HMS_BENCH_VALUE=$value \
    timeout $((duration + 30)) wrk -t "$wrk_threads" -c "$connections" -d "${duration}s" --timeout 5s --latency \
    -s "$work/auth.lua" "$base_url$path" >"$out" 2>&1 || { cat "$out" >&2; die "wrk failed on $path"; }
  local requests rps p50 p99 non2xx bad_status errors
  requests=$(awk '/ requests in / { print $1 }' "$out")
  requests=${requests:-0}
  rps=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$out")
  p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$out")")
  p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")
  read -r non2xx bad_status < <(awk '$1 == "hms-non2xx:" { print $2, $3 }' "$out") || true
  non2xx=${non2xx:-missing}
  errors=$(awk '/Socket errors:/ { gsub(/,/, ""); print $4 + $6 + $8 + $10 }' "$out")
  errors=${errors:-0}
  [ "$requests" = 0 ] && { p50=NaN; p99=NaN; }
  printf '  %-28s %-14s %8s req/s   p50 %8s ms   p99 %8s ms   non-2xx %s   socket errors %s\n' \
    "$label" "$role" "$rps" "$p50" "$p99" "$non2xx" "$errors"
  results+=("$kind|$label|$role|$requests|$rps|$p50|$p99|$non2xx|$errors")
  if [ "$requests" = 0 ]; then failures+=("$label as $role: no request completed in ${duration} s"); fi
  if [ "${non2xx:-1}" != 0 ]; then failures+=("$label as $role: $non2xx answers outside 2xx (e.g. $bad_status)"); fi
  if [ "$errors" != 0 ]; then failures+=("$label as $role: $errors socket errors"); fi
  if [ "$kind" = api ] && awk -v p="$p99" -v l="$api_p99_limit_ms" 'BEGIN { exit !(p == "NaN" || p >= l) }'; then
    failures+=("$label as $role: p99 ${p99} ms >= ${api_p99_limit_ms} ms")
  fi
  drain "$p99"
}

bearer() { echo "Bearer $1"; }
bench api "GET /api/v1/agencies" region Authorization "$(bearer "$token_region")" /api/v1/agencies
bench api "GET /api/v1/agencies" "$staff_login" Authorization "$(bearer "$token_staff")" /api/v1/agencies
bench api "GET /api/v1/users?limit=50" sysadmin Authorization "$(bearer "$token_sysadmin")" "/api/v1/users?limit=50"
bench api "GET /api/v1/me" region Authorization "$(bearer "$token_region")" /api/v1/me
# The stock at the Region's scale: the whole region's list with a free-text search (the
# region role reads every agency), one agency's list, filters, one dwelling, owners.
bench api "GET /api/v1/dwellings?q=rue" region Authorization "$(bearer "$token_region")" "/api/v1/dwellings?q=rue"
bench api "GET /api/v1/dwellings?q=" region Authorization "$(bearer "$token_region")" "/api/v1/dwellings?q=&status=vacant&limit=50"
bench api "GET /api/v1/dwellings?q=rue" "$staff_login" Authorization "$(bearer "$token_staff")" "/api/v1/dwellings?q=rue&sort=-bedrooms"
dwelling_id=$(curl -s -H "Authorization: Bearer $token_staff" "$base_url/api/v1/dwellings?limit=1" | jq -r '.items[0].id')
bench api "GET /api/v1/dwellings/{id}" "$staff_login" Authorization "$(bearer "$token_staff")" "/api/v1/dwellings/$dwelling_id"
bench api "GET /api/v1/owner-contracts?q=" "$staff_login" Authorization "$(bearer "$token_staff")" "/api/v1/owner-contracts?q=rue"
# Households (issue 9): one agency's register of candidates searched and filtered, its leases,
# and the two-thirds figures of every agency.
bench api "GET /api/v1/applicants?q=" "$staff_login" Authorization "$(bearer "$token_staff")" "/api/v1/applicants?q=ma&status=active"
bench api "GET /api/v1/applicants?band=" "$staff_login" Authorization "$(bearer "$token_staff")" "/api/v1/applicants?band=eligible&status=active"
bench api "GET /api/v1/leases?q=" "$staff_login" Authorization "$(bearer "$token_staff")" "/api/v1/leases?q=rue"
bench api "GET /api/v1/income-mix" region Authorization "$(bearer "$token_region")" /api/v1/income-mix
# Allocation (issue 9.2): the candidates of a 2-bedroom dwelling, the agency's whole ranked
# register with its reasons (goal < 20 ms; each read is audited, so this also writes).
dwelling2_id=$(curl -s -H "Authorization: Bearer $token_staff" "$base_url/api/v1/dwellings?bedrooms=2&limit=1" | jq -r '.items[0].id')
bench api "GET /api/v1/dwellings/{id}/candidates" "$staff_login" Authorization "$(bearer "$token_staff")" "/api/v1/dwellings/$dwelling2_id/candidates"
# Subsidies and control (issue 12): one agency's inventory of 30 September, the requests, and the
# Region's compliance overview, which builds every agency's inventory and checks. Both are whole
# reports, not list pages: their goal is < 200 ms a request served alone (issue 12), measured one
# at a time below; under wrk they queue behind their own 8 connections (figures shown, no limit).
inventory_path="/api/v1/inventory?agency=$(jq -rn --arg c "$staff_agency" '$c|@uri')"
bench page "GET /api/v1/inventory?agency=" region Authorization "$(bearer "$token_region")" "$inventory_path"
bench api "GET /api/v1/subsidy-requests" region Authorization "$(bearer "$token_region")" /api/v1/subsidy-requests
bench page "GET /api/v1/compliance" region Authorization "$(bearer "$token_region")" /api/v1/compliance
alone=()  # "label|median ms"
one_at_a_time() {  # label path: 11 requests in a row, the median of curl's total time, < 200 ms
  local ms=()
  for _ in 1 2 3 4 5 6 7 8 9 10 11; do
    ms+=("$(curl -s -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $token_region" "$base_url$2" |
      awk '{ printf "%.1f", $1 * 1000 }')")
  done
  local median
  median=$(printf '%s\n' "${ms[@]}" | sort -n | sed -n 6p)
  echo "  $1 one at a time (11 requests, curl total): median ${median} ms; all: ${ms[*]}"
  alone+=("$1|$median")
  if awk -v m="$median" 'BEGIN { exit !(m >= 200) }'; then failures+=("$1: median ${median} ms >= 200 ms"); fi
}
one_at_a_time "GET /api/v1/inventory?agency= (${staff_agency})" "$inventory_path"
one_at_a_time "GET /api/v1/compliance (every agency)" /api/v1/compliance
bench page "GET /dwellings?q=rue" "$staff_login" Cookie "hms_session=$token_staff" "/dwellings?q=rue"
bench page "GET /dwellings" region Cookie "hms_session=$token_region" "/dwellings"
bench page "GET / (dashboard)" region Cookie "hms_session=$token_region" /
bench page "GET / (dashboard)" "$staff_login" Cookie "hms_session=$token_staff" /
bench page "GET / (dashboard)" "$admin_login" Cookie "hms_session=$token_admin" /
bench page "GET /users" sysadmin Cookie "hms_session=$token_sysadmin" /users
bench page "GET /audit" region Cookie "hms_session=$token_region" /audit

server_errors=$(grep -c '"level":"error"' "$work/server.log" || true)
logged=$(grep -c '"request_id"' "$work/server.log" || true)
echo "server log: $logged requests logged, $server_errors errors"
[ "$server_errors" = 0 ] || failures+=("the server logged $server_errors errors (see $work/server.log)")

# --- d. summary ----------------------------------------------------------------------------
section "d. summary"
echo
echo "| Step | Figure |"
echo "|---|---|"
echo "| backend | $backend |"
echo "| \`hms demo\` (defaults), wall time | ${demo_s} s (target < ${demo_limit_s} s) |"
echo "| rows in the database after the demo (all tables) | $rows |"
[ "$audit_history" -gt 0 ] && echo "| synthetic audit history added | $audit_history rows |"
echo "| same rows, raw SQLite insert | $(awk -v r="$raw_s" 'BEGIN { printf "%.1f", r * 1000 }') ms |"
echo "| demo / raw | ${ratio}x |"
echo "| POST /api/v1/session (Argon2id), curl total | ${login_ms} ms |"
for a in "${alone[@]}"; do echo "| ${a%%|*}, one at a time, median | ${a##*|} ms (target < 200 ms) |"; done
echo
echo "| Endpoint | As | requests | req/s | p50 ms | p99 ms | non-2xx | socket errors |"
echo "|---|---|---:|---:|---:|---:|---:|---:|"
for r in "${results[@]}"; do
  IFS='|' read -r _ label role requests rps p50 p99 non2xx errors <<<"$r"
  echo "| $label | $role | $requests | $rps | $p50 | $p99 | $non2xx | $errors |"
done
echo
echo "wrk: ${connections} connections, ${wrk_threads} threads, ${duration} s each, loopback; server and wrk on the" \
  "same $(nproc)-core machine; load average at the end $(cut -d' ' -f1-3 /proc/loadavg)."

if awk -v d="$demo_s" -v l="$demo_limit_s" 'BEGIN { exit !(d >= l) }'; then
  failures+=("hms demo took ${demo_s} s >= ${demo_limit_s} s")
fi
if [ ${#failures[@]} -gt 0 ]; then
  echo
  echo "FAILED:"
  printf '  - %s\n' "${failures[@]}"
  exit 1
fi
echo
echo "OK: demo < ${demo_limit_s} s, every API p99 < ${api_p99_limit_ms} ms, no failed request."
