#!/usr/bin/env bash
# Installs, builds and runs the whole test suite: unit, storage and API tests on SQLite and on
# a throwaway PostgreSQL cluster (started here, removed at the end), CLI golden tests, and the
# browser tests (Playwright driving Debian's chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
bash scripts/setup.sh --test

pg_dir=$(mktemp -d /tmp/hms-test-pg.XXXXXX)
cleanup() { bash scripts/pg-throwaway.sh stop "$pg_dir" >/dev/null 2>&1 || true; }
trap cleanup EXIT
HMS_TEST_PG_URL=$(bash scripts/pg-throwaway.sh start "$pg_dir")
export HMS_TEST_PG_URL
echo "test: PostgreSQL at $HMS_TEST_PG_URL"

status=0
echo "== unit, storage, API and CLI tests (ctest) =="
(cd build && ctest --output-on-failure -j2 --timeout 300) || status=1
echo "== browser tests (Playwright + chromium) =="
bash tests/e2e/run.sh build/hms || status=1

echo "test: finished in $(( $(date +%s) - started )) s, status $status"
exit $status
