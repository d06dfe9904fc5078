#!/usr/bin/env bash
# Installs, builds, creates the demo database if there is none, and serves hms on
# http://127.0.0.1:8080, printing the demo logins.   PORT=8081 scripts/run.sh to change the port.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
mkdir -p data
if [ ! -f data/hms.db ]; then
  build/hms demo --db data/hms.db | tee data/demo-logins.txt
else
  cat data/demo-logins.txt 2>/dev/null || echo "(data/hms.db exists; remove it to rebuild the demo region)"
fi
echo
echo "hms: open http://127.0.0.1:${PORT:-8080}/ and log in with one of the demo logins above."
exec build/hms serve --db data/hms.db --port "${PORT:-8080}"
