#!/usr/bin/env bash
# Installs what the build and the tests need, from Debian's archive and the npm
# registry only. Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: run as root or install sudo" >&2; exit 1; }
  SUDO="sudo"
fi

# Debian packages, grouped by what needs them.
native=(cmake make g++ pkg-config libxapian-dev nlohmann-json3-dev doctest-dev libcmark-dev
        libcli11-dev     # kb-indexer's command line
        libzip-dev libxml2-dev   # kb-indexer import: .xlsx workbooks (zip of XML) and help-centre HTML
        python3-jieba)   # jieba's word dictionary, turned into C++ at build time
wasm=(emscripten dpkg-dev xz-utils)   # dpkg-dev: `apt-get source` unpacks with dpkg-source
web=(nodejs esbuild chromium fonts-noto-cjk fonts-noto-color-emoji   # esbuild: scripts/bundle.mjs
     node-typescript)   # tsc: the widget's API types (make lint)
fuzz=(clang-14 libfuzzer-14-dev libclang-rt-14-dev)   # libFuzzer and clang's sanitizer runtimes
test=(python3-openpyxl python3-xlsxwriter)   # tests/js/import.test.mjs writes real .xlsx workbooks with both

missing=()
for p in "${native[@]}" "${wasm[@]}" "${web[@]}" "${fuzz[@]}" "${test[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# npm ships with some Node builds; Debian splits it out.
command -v npm >/dev/null || missing+=(npm)

if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  echo "install-deps: Debian packages present"
fi

# JS test and lint tools (playwright-core drives Debian's chromium; it downloads no browser).
if [ ! -d node_modules/playwright-core ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
