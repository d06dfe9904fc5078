#!/usr/bin/env bash
# Installs what hms needs on Debian 12 (as root) and builds it: Debian packages, the npm
# packages of package-lock.json, then CMake + Ninja into build/ (the binary is build/hms).
#   scripts/setup.sh          what running hms needs
#   scripts/setup.sh --test   also what the tests need (PostgreSQL, Chromium, wrk, poppler-utils,
#                             nginx for `nginx -t` of deploy/nginx/hms.conf)
# Nothing is downloaded from anywhere but Debian's and npm's registries.
set -euo pipefail
cd "$(dirname "$0")/.."

RUN_PACKAGES=(
  build-essential cmake ninja-build pkg-config ccache
  libcpp-httplib-dev libssl-dev zlib1g-dev libbrotli-dev
  libsqlite3-dev sqlite3 libpq-dev
  nlohmann-json3-dev libfmt-dev libspdlog-dev libcli11-dev libkainjow-mustache-dev
  libsodium-dev libqrencode-dev libgtest-dev libgmock-dev libbenchmark-dev
  libxlsxwriter-dev libminizip-dev libpugixml-dev libxml2-dev libcairo2-dev libpango1.0-dev
  fonts-dejavu-core
  tzdata ca-certificates
)
TEST_PACKAGES=(postgresql chromium poppler-utils wrk procps iproute2 nginx)

packages=("${RUN_PACKAGES[@]}")
[ "${1:-}" = "--test" ] && packages+=("${TEST_PACKAGES[@]}")
command -v node >/dev/null 2>&1 || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# htmx (served by hms) and playwright-core (drives Debian's chromium in the browser tests).
if [ ! -f node_modules/.package-lock.json ] || ! cmp -s package-lock.json node_modules/.hms-lock; then
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.hms-lock
fi

# Builds in other folders (a fresh clone) may reuse the compiler cache. (Not CCACHE_BASEDIR: it
# makes __FILE__ relative, and the catalog tests find the sources from it.)
export CCACHE_NOHASHDIR=1
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
if [ "${1:-}" = "--test" ]; then ninja -C build; else ninja -C build hms; fi
