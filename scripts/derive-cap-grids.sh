#!/usr/bin/env bash
# Derives the illustrative rent-cap grids of 2016 to 2024 from the 2025 grid and the health
# index, the way the arrêté of 17 December 2015 moves its grids: indexed every 1 January (art. 20
# §1). Prints the whole table: the derived years, then the anchor grids (2025 and later) as they
# are. Re-run it when the anchor grid or rules/health-index.csv changes:
#   scripts/derive-cap-grids.sh rules/owner-rent-caps.csv            prints the table
#   scripts/derive-cap-grids.sh --write rules/owner-rent-caps.csv    rewrites the file
#   scripts/derive-cap-grids.sh --check rules/*-rent-caps.csv        exit 1 if a file differs
# (tests/unit/rules/cap_grids_derivation_test.cpp checks the shipped tables equal its output.)
#
# The rule, for each year Y from 2016 to 2024 and each row (type, bedrooms) of the 2025 grid:
#   1. the ratio of the health index of December Y-1 to that of December 2024 (the last index
#      published before each 1 January; the month before, as for a lease's indexation);
#   2. the 2025 amount times that ratio, rounded half up to the whole euro (as the shipped grids);
#   3. status and source copied from the 2025 row: still illustrative, with the same sentence.
# The official amounts were not found (docs/adr/0005): these are illustrations, never figures
# of Bruxelles Logement. No grid is derived before 2016: the 2015 arrêté's first indexation.
set -euo pipefail

readonly ANCHOR_YEAR=2025 FIRST_YEAR=2016
readonly INDEX="$(dirname "$0")/../rules/health-index.csv"

derive() {
  awk -F, -v anchor="$ANCHOR_YEAR" -v first="$FIRST_YEAR" '
    # Money and index as whole hundredths, so that the arithmetic is exact.
    function hundredths(text,   parts) {
      split(text, parts, ".")
      return parts[1] * 100 + substr(parts[2] "00", 1, 2)
    }
    FNR == NR { if (FNR > 1) index_of[$1] = hundredths($2); next }   # the health index
    FNR == 1 { header = $0; next }
    substr($1, 1, 4) + 0 >= anchor { kept[++kept_count] = $0 }      # the anchor grids, as they are
    substr($1, 1, 4) + 0 == anchor { base[++base_count] = $0 }
    END {
      print header
      to = index_of[(anchor - 1) "-12"]
      if (!to) { print "no health index for December " (anchor - 1) > "/dev/stderr"; exit 1 }
      for (year = first; year < anchor; ++year) {
        from = index_of[(year - 1) "-12"]
        if (!from) { print "no health index for December " (year - 1) > "/dev/stderr"; exit 1 }
        for (i = 1; i <= base_count; ++i) {
          split(base[i], f, ",")
          cents = hundredths(f[4])
          euros = int((2 * cents * from + 100 * to) / (200 * to))   # rounded half up
          source = base[i]                                          # the source may hold commas
          for (n = 0; n < 5; ++n) source = substr(source, index(source, ",") + 1)
          printf "%d-01-01,%s,%s,%d.00,%s,%s\n", year, f[2], f[3], euros, f[5], source
        }
      }
      for (i = 1; i <= kept_count; ++i) print kept[i]
    }' "$INDEX" "$1"
}

mode=print
case "${1:-}" in
  --write) mode=write; shift ;;
  --check) mode=check; shift ;;
esac
[ $# -ge 1 ] || { echo "usage: $0 [--write|--check] rules/owner-rent-caps.csv ..." >&2; exit 2; }

status=0
for file in "$@"; do
  case "$mode" in
    print) derive "$file" ;;
    write) out=$(derive "$file") && printf '%s\n' "$out" > "$file" ;;
    check) if ! diff -u "$file" <(derive "$file") >&2; then
             echo "$file: not the output of $0 (run it with --write)" >&2
             status=1
           fi ;;
  esac
done
exit $status
