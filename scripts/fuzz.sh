#!/usr/bin/env bash
# The fuzz targets of fuzz/ (issue 14.4): built with clang, libFuzzer, ASan and UBSan in
# build-fuzz/, then each run for a few seconds from its seed corpus (fuzz/corpus/<name>, new
# inputs in a temporary folder). Exit 1 on a crash, a leak or a sanitizer report, with the
# input that did it kept in build-fuzz/crashes/. The normal suite replays the corpora with gcc.
#   scripts/fuzz.sh [SECONDS]     10 s per target by default
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
if ! command -v clang++ >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends clang
fi
export CCACHE_NOHASHDIR=1
CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHMS_FUZZ=ON \
  -DHMS_TESTS=OFF -DHMS_BENCH=OFF >/dev/null
targets=(coda camt money identifiers table)
ninja -C build-fuzz "${targets[@]/%/_fuzz}"
mkdir -p build-fuzz/crashes
status=0
for t in "${targets[@]}"; do
  work=$(mktemp -d /tmp/hms-fuzz-$t.XXXX)
  log=build-fuzz/$t.log
  if build-fuzz/fuzz/${t}_fuzz -max_total_time="$seconds" -max_len=8192 -print_final_stats=1 \
       -artifact_prefix=build-fuzz/crashes/$t- "$work" "fuzz/corpus/$t" > "$log" 2>&1; then
    runs=$(awk '/stat::number_of_executed_units/ { print $2 }' "$log")
    echo "fuzz $t: ${runs:-?} runs in ${seconds} s, no crash, no leak"
  else
    echo "fuzz $t: FAILED (build-fuzz/$t.log, input in build-fuzz/crashes/)"; tail -n 30 "$log"; status=1
  fi
  rm -rf "$work"
done
exit $status
