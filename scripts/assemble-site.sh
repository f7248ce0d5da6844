#!/usr/bin/env bash
# Builds the indexes from kb-content/ and assembles the two deployable folders:
#   build/site/   public site, widget, engine, public index in kb/
#   build/agent/  staff console, engine, internal index in kb/
# With --kb-only (make kb), only the indexes: rebuilt from kb-content/ with
# the indexer already in build/bin, and put in place of the two folders' kb/.
set -euo pipefail
cd "$(dirname "$0")/.."

# Each folder's kb/ replaced by a fresh copy of its audience's index, by
# renames, so a page never reads a half-copied folder.
install_index() { # out audience
  rm -rf "build/$1/kb.tmp" "build/$1/kb.old"
  cp -r "build/kb/$2" "build/$1/kb.tmp"
  if [[ -d "build/$1/kb" ]]; then mv "build/$1/kb" "build/$1/kb.old"; fi
  mv "build/$1/kb.tmp" "build/$1/kb"
  rm -rf "build/$1/kb.old"
}

if [[ "${1:-}" == --kb-only ]]; then
  if [[ ! -x build/bin/kb-indexer || ! -d build/site || ! -d build/agent ]]; then
    echo "assemble-site: no build/bin/kb-indexer, build/site or build/agent yet; run make build once" >&2
    exit 2
  fi
  build/bin/kb-indexer build kb-content --out build/kb
  install_index site public
  install_index agent internal
  echo "indexes in build/site/kb and build/agent/kb: open pages load them when the widget next opens, or on a reload"
  exit 0
fi

mkdir -p build/bin
cp build/native/bin/kb-indexer build/bin/kb-indexer
build/bin/kb-indexer build kb-content --out build/kb

# The front end's scripts, bundled from web/src/ (scripts/bundle.mjs): the
# widget, the engine API for pages, the worker (with the Emscripten glue in
# front, so it starts after one download rather than three in a row), the
# engine's JS API for Node and other hosts, and the agent console.
rm -rf build/web && mkdir -p build/web
node scripts/bundle.mjs build/web build/wasm/engine/kb-core.js
# (kb-core.js and kb-engine-api.js are shipped for Node and other hosts; browsers never fetch them.)
engine=(build/web/kb-engine.js build/web/kb-worker.js build/web/kb-engine-api.js build/wasm/engine/kb-core.js build/wasm/engine/kb-core.wasm)
for out in site agent; do
  rm -rf "build/$out.tmp" && mkdir -p "build/$out.tmp"
done
# The public site: every page of site/ except the staff console.
(cd site && tar --exclude=./agent -cf - .) | tar -xf - -C build/site.tmp
cp "${engine[@]}" build/web/kb-widget.js web/kb-widget.css build/site.tmp/
cp -r build/kb/public build/site.tmp/kb
# The staff console.
cp -r site/agent/. build/agent.tmp/
cp build/web/agent.js "${engine[@]}" build/agent.tmp/
cp -r build/kb/internal build/agent.tmp/kb

# The licences of the engine and what is compiled into it, beside the .wasm.
for out in site agent; do
  scripts/kb-core-licenses.sh "build/$out.tmp/kb-core.LICENSES.txt"
done

# Content-hashed names for what the widget loads, so browsers may cache them for good.
for out in site agent; do
  node scripts/hash-assets.mjs "build/$out.tmp"
done

for out in site agent; do
  rm -rf "build/$out" && mv "build/$out.tmp" "build/$out"
done
echo "assembled build/site ($(du -sh build/site | cut -f1)) and build/agent ($(du -sh build/agent | cut -f1))"
