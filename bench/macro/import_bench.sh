#!/usr/bin/env bash
# The onboarding import at an agency's scale and beyond (see bench/README.md):
#   a. a CSV of ROWS dwellings (default 10,000), one per line with its owner and main lease:
#      valid Brussels postcodes, Belgian IBANs with computed check digits, rents under the cap,
#      one owner for every two dwellings;
#   b. a fresh database (`hms init`, one agency);
#   c. `hms import stock --dry-run`, then `hms import stock` (timed), then the same file again
#      (timed: everything is found, nothing is created);
#   d. the counts in the database, and exit 1 if the import took >= 5 s (the target), if it
#      failed, or if the second run created anything;
#   e. into a second agency, the same file again, while another agency's settings are saved every
#      20 ms in the same process (build/bench/hms_import_wait_bench, as in `hms serve`): the
#      import writes in batches of 500 lines, each its own transaction, so no other agency's
#      write should wait a second (exit 1 if one did).
#
#   bench/macro/import_bench.sh [HMS_BINARY] [--rows N] [--db-url postgresql://USER@HOST:PORT/DB] [--keep]
#
# HMS_BINARY defaults to build/hms. --db-url: run against PostgreSQL; the URL must allow CREATE
# DATABASE (e.g. the admin URL printed by scripts/pg-throwaway.sh start DIR): a database
# hms_import_bench_<pid> is created for the run and dropped at the end.
# --keep: keep the work directory (database, CSV, outputs) and print its path.
#
# Needs: awk, date (and psql with --db-url). Nothing leaves the machine.
set -euo pipefail

die() { echo "import_bench: $*" >&2; exit 2; }

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
hms=""
rows=10000
db_url=""
keep=""
while [ $# -gt 0 ]; do
  case $1 in
    --rows) [ $# -ge 2 ] || die "--rows needs a value"; rows=$2; shift 2 ;;
    --db-url) [ $# -ge 2 ] || die "--db-url needs a value"; db_url=$2; shift 2 ;;
    --db-url=*) db_url=${1#--db-url=}; shift ;;
    --keep) keep=yes; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | grep '^#' | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) die "unknown option $1 (see --help)" ;;
    *) [ -z "$hms" ] || die "one HMS_BINARY only"; hms=$1; shift ;;
  esac
done
hms=${hms:-$repo/build/hms}
[ -x "$hms" ] || die "no hms binary at $hms (build it, or give its path)"
case $rows in ''|*[!0-9]*) die "--rows: a whole number" ;; esac
[ "$rows" -ge 1 ] || die "--rows: at least 1"

work=$(mktemp -d /tmp/hms-import-bench.XXXXXX)
pg_db=""
cleanup() {
  if [ -n "$pg_db" ]; then psql "$db_url" -qc "DROP DATABASE IF EXISTS $pg_db WITH (FORCE)" >/dev/null 2>&1 || true; fi
  if [ -n "$keep" ]; then echo "work directory kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

if [ -n "$db_url" ]; then
  command -v psql >/dev/null || die "psql is needed with --db-url"
  pg_db="hms_import_bench_$$"
  psql "$db_url" -qc "CREATE DATABASE $pg_db" >/dev/null
  db="${db_url%/*}/$pg_db"
  backend=PostgreSQL
else
  db="$work/hms.db"
  backend=SQLite
fi

# a. The file. Postcodes of the 19 communes; Belgian account numbers: bank code + account, the
# BBAN's check digits (first ten digits mod 97, 0 → 97), then the IBAN's (98 − (BBAN "BE00" as
# digits) mod 97). Rents from 500 to 799,99 € (under every owner-rent cap of a 2-bedroom apartment).
csv="$work/stock-$rows.csv"
awk -v rows="$rows" 'BEGIN {
  split("1000 1020 1030 1040 1050 1060 1070 1080 1081 1082 1083 1090 1120 1130 1140 1150 1160 1170 1180 1190 1200 1210", pc, " ")
  split("Rue de la Loi|Avenue Louise|Chaussée de Wavre|Rue Haute|Boulevard Anspach|Rue Royale|Avenue de Tervueren|Chaussée d'"'"'Ixelles", street, "|")
  split("Dubois|Peeters|Janssens|Maes|Jacobs|Mertens|Willems|Claes|Goossens|Wouters|Lambert|Dupont", family, "|")
  split("Marie|Jan|Sophie|Luc|Emma|Pieter|Nathalie|Karim|Elif|Tom", given, "|")
  print "dwelling_ref;street;number;box;postcode;type;bedrooms;surface_m2;peb_class;owner_kind;owner_name;owner_iban;owner_email;contract_kind;contract_start;contract_end;owner_rent"
  for (i = 1; i <= rows; i++) {
    o = int((i + 1) / 2)                                  # one owner for every two dwellings
    account = sprintf("%03d%07d", 100 + o % 800, o)       # bank code, account number
    r = 0; for (k = 1; k <= 10; k++) r = (r * 10 + substr(account, k, 1)) % 97
    if (r == 0) r = 97
    bban = account sprintf("%02d", r)
    digits = bban "111400"                                # B = 11, E = 14, then 00
    r = 0; for (k = 1; k <= length(digits); k++) r = (r * 10 + substr(digits, k, 1)) % 97
    iban = sprintf("BE%02d%s", 98 - r, bban)
    name = given[o % 10 + 1] " " family[o % 12 + 1] " " o
    month = (i % 12) + 1
    printf "BENCH-%06d;%s;%d;%s;%s;apartment;2;%d,5;%s;person;%s;%s;owner%d@example.be;main_lease;2025-%02d-01;;%d,%02d\n",
      i, street[i % 8 + 1], i % 200 + 1, (i % 3 ? "" : i % 7 + 1), pc[i % 22 + 1], 50 + i % 60,
      substr("ABCDEFG", i % 7 + 1, 1), name, iban, o, month, 500 + i % 300, i % 100
  }
}' > "$csv"
echo "file: $csv ($(($(wc -l < "$csv") - 1)) lines, $(du -k "$csv" | cut -f1) kB), database: $backend"

# b. The database.
"$hms" init --db "$db" >/dev/null
"$hms" agency add --db "$db" --code AIS-BENCH --name "AIS Bench" >/dev/null

now_ms() { date +%s%3N; }
run() {  # run LABEL ARGS…: times one import, prints its JSON
  local label=$1; shift
  local start end
  start=$(now_ms)
  if ! "$hms" import stock --db "$db" --agency AIS-BENCH "$@" --json > "$work/$label.json" 2> "$work/$label.err"; then
    echo "import_bench: $label failed:" >&2; head -c 2000 "$work/$label.json" "$work/$label.err" >&2; exit 1
  fi
  end=$(now_ms)
  elapsed_ms=$((end - start))
  printf '%-12s %6d ms  %s\n' "$label" "$elapsed_ms" "$(cat "$work/$label.json")"
}

# c. Dry run, import, import again.
run dry-run "$csv" --dry-run
run import "$csv"
import_ms=$elapsed_ms

run again "$csv"
grep -q '"dwellings":0,"owners":0,"contracts":0' "$work/again.json" || { echo "import_bench: the second run created something" >&2; exit 1; }

# d. Verdict.
per_row_us=$((import_ms * 1000 / rows))
echo
echo "| $backend, $rows rows | figure |"
echo "|---|---|"
echo "| \`hms import stock\` (check, then write in batches of 500 lines) | $import_ms ms ($per_row_us µs a line) |"
# e. Another agency's writes during an import of the same size into a second agency.
wait_bench=$(dirname "$hms")/bench/hms_import_wait_bench
if [ -x "$wait_bench" ]; then
  "$hms" agency add --db "$db" --code AIS-BENCH2 --name "AIS Bench 2" >/dev/null
  "$hms" agency add --db "$db" --code AIS-OTHER --name "AIS Other" >/dev/null
  waits=$("$wait_bench" "$db" AIS-BENCH2 AIS-OTHER "$csv") || { echo "import_bench: $wait_bench failed" >&2; exit 1; }
  longest=$(echo "$waits" | sed 's/.*"longest_ms": \([0-9.]*\).*/\1/')
  echo "| another agency's write (settings + audit entry) every 20 ms during an import: $waits | longest $longest ms |"
  if [ "${longest%.*}" -ge 1000 ]; then echo "import_bench: another agency's write waited $longest ms (target < 1 s)" >&2; exit 1; fi
else
  echo "(no $wait_bench: build the benchmarks for the wait of other writers)"
fi
if [ "$import_ms" -ge 5000 ] && [ "$rows" -le 10000 ]; then
  echo "import_bench: $import_ms ms is over the 5 s target" >&2
  exit 1
fi
