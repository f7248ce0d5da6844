#!/usr/bin/env bash
# make watch: the demo server, serving the indexes straight from build/kb, and
# kb-indexer watch rebuilding them whenever a file in kb-content/ is saved.
# Open pages notice the new manifest hash and load the new index in place.
set -euo pipefail
cd "$(dirname "$0")/.."
KB_WATCH=1 node scripts/serve.mjs &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
build/bin/kb-indexer watch kb-content --out build/kb
