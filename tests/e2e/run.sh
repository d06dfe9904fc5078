#!/usr/bin/env bash
# The browser tests: bash tests/e2e/run.sh HMS_BINARY [FILE.test.mjs …]
# (with files named, only those run: for iterating on one page; CI runs them all)
#
# Builds a demo database in a temp dir (its logins in logins.json), starts `hms serve` on a free
# port, waits for /healthz, runs `node --test` on tests/e2e/ (one file at a time) with
# HMS_E2E_BASE_URL and HMS_E2E_LOGINS, then stops the server, removes the temp dir and exits
# with node's status. Screenshots go to tests/e2e/out/ (git-ignored).
# Needs node (20+), playwright-core from `npm ci` and Debian's /usr/bin/chromium
# (HMS_E2E_CHROMIUM to use another one); never downloads a browser.
set -euo pipefail

if [ $# -lt 1 ] || [ ! -x "$1" ]; then
  echo "usage: $0 HMS_BINARY [FILE.test.mjs …]   (e.g. $0 build/hms login.test.mjs)" >&2
  exit 2
fi
HMS=$(realpath "$1")
shift
ONLY=()
for f in "$@"; do ONLY+=("tests/e2e/$(basename "$f")"); done
[ ${#ONLY[@]} -gt 0 ] || ONLY=(tests/e2e/)
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)

if [ ! -d "$ROOT/node_modules/playwright-core" ]; then
  echo "run.sh: playwright-core is missing: run 'npm ci' in $ROOT first" >&2
  exit 2
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/hms-e2e.XXXXXX")
SERVER_PID=""
stop_server() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=""
}
cleanup() {
  stop_server
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

started=$(date +%s)

# 1. The demo database and its logins.
DB="$TMP/hms.db"
"$HMS" demo --db "$DB" --json > "$TMP/logins.json"
echo "run.sh: demo database $DB ($(node -e 'const j=require(process.argv[1]); console.log(`${j.agencies} agencies, ${j.users} users, ${j.logins.length} logins`)' "$TMP/logins.json"))"

# 2. The server on a free port.
PORT=$(node -e 'const s=require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')
"$HMS" serve --db "$DB" --port "$PORT" --bind 127.0.0.1 > "$TMP/server.log" 2>&1 &
SERVER_PID=$!
BASE_URL="http://127.0.0.1:$PORT"
for i in $(seq 100); do
  if curl -fsS -o /dev/null "$BASE_URL/healthz" 2>/dev/null; then break; fi
  if ! kill -0 "$SERVER_PID" 2>/dev/null || [ "$i" = 100 ]; then
    echo "run.sh: the server did not come up on $BASE_URL; its log:" >&2
    cat "$TMP/server.log" >&2
    exit 1
  fi
  sleep 0.1
done
echo "run.sh: hms serve on $BASE_URL (pid $SERVER_PID)"

# 3. The tests, one file at a time (they share the database).
mkdir -p "$HERE/out" "$TMP/tmp"
rm -f "$HERE"/out/*.png  # the screenshots of this run only
set +e
(
  cd "$ROOT" &&
    TMPDIR="$TMP/tmp" HMS_E2E_BASE_URL="$BASE_URL" HMS_E2E_LOGINS="$TMP/logins.json" \
      node --test --test-concurrency=1 --test-reporter=spec "${ONLY[@]}"
)
status=$?
set -e

stop_server  # also flushes its log
if [ "$status" != 0 ]; then
  echo "run.sh: the last lines of the server's log:" >&2
  tail -n 20 "$TMP/server.log" >&2
fi
echo "run.sh: node --test exited with $status after $(($(date +%s) - started)) s; screenshots in $HERE/out/"
exit "$status"
