#!/usr/bin/env bash
# The Region's money at a month's end (issues 10 and 11), on SQLite: `hms demo` with its ten years
# of ledger, then for every agency, one after the other as the agencies would, the commands of a
# month and their summed wall time:
#   1. the rent run of the month after the demo's last (hms rent run);
#   2. the owners' payment run of that month (hms payouts, the SEPA file);
#   3. the month handed to the accountant (hms export accounting --format winbooks);
#   4. a CODA statement imported (the demo's file of the first agency, once).
# Goals: the Region's payment run and accounting export of a month under 2 s each (issue 11).
#
#   bench/macro/money_bench.sh [HMS_BINARY] [--keep]
set -euo pipefail
hms=${1:-build/hms}
[ "${1:-}" = "--keep" ] && hms=build/hms
keep=false
for a in "$@"; do [ "$a" = "--keep" ] && keep=true; done
work=$(mktemp -d /tmp/hms-money-bench.XXXX)
cleanup() { if $keep; then echo "kept: $work"; else rm -rf "$work"; fi; }
trap cleanup EXIT
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

db="sqlite://$work/demo.db"
t0=$(now)
"$hms" demo --db "$db" --json > "$work/demo.json"
echo "hms demo (10 years of ledger): $(elapsed "$t0" "$(now)") s, $(jq -r '.ledger_entries' "$work/demo.json") entries"

month=$(date -d "$(date +%Y-%m-01) +1 month" +%Y-%m)
last=$(date -d "$(date +%Y-%m-01) -1 month" +%Y-%m)
from="$last-01"
to=$(date -d "$from +1 month -1 day" +%Y-%m-%d)
agencies=$(sqlite3 "$work/demo.db" "SELECT code FROM agencies ORDER BY code")

run_all() {  # label, then the command with AGENCY in place of the code
  local label=$1; shift
  local total=0 t1 t2
  for code in $agencies; do
    local args=("${@//AGENCY/$code}")
    t1=$(now)
    "$hms" "${args[@]}" > "$work/out.txt" 2>&1 || { echo "$label for $code failed:"; cat "$work/out.txt"; exit 1; }
    t2=$(now)
    total=$(awk -v t="$total" -v d="$(elapsed "$t1" "$t2")" 'BEGIN { printf "%.2f", t + d }')
  done
  echo "$label, 24 agencies one after the other: $total s"
}

run_all "rent run $month" rent run --db "$db" --agency AGENCY --month "$month"
run_all "payouts $month (SEPA file)" payouts --db "$db" --agency AGENCY --month "$month" --out "$work/AGENCY.xml"
mkdir -p "$work/export"
run_all "accounting export $from..$to (WinBooks)" export accounting --db "$db" --agency AGENCY --from "$from" --to "$to" \
  --format winbooks --out "$work/export/AGENCY"
first=$(ls "$work"/bank-statements/*.cod | head -1)
t1=$(now)
"$hms" import bank --db "$db" --agency "$(basename "$first" | sed -E 's/-[0-9]{4}-[0-9]{2}\.cod$//')" "$first" > "$work/out.txt"
echo "import bank $(basename "$first"): $(elapsed "$t1" "$(now)") s ($(cat "$work/out.txt"))"
