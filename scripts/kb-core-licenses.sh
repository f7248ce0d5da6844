#!/usr/bin/env bash
# Writes kb-core.LICENSES.txt: the licence of the web files a site serves
# (kb-widget.js, kb-engine.js, kb-worker.js, kb-core.wasm) and the notices of
# everything compiled into them. THIRD-PARTY.md says the same for people;
# this file travels with the .wasm.   Usage: scripts/kb-core-licenses.sh OUT
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: scripts/kb-core-licenses.sh OUT}
# What is compiled into the engine, in the order of the sections below: each
# generated table of core/src comes with its NOTICE.
parts=(licenses/xapian.txt licenses/zlib.txt core/src/*.NOTICE licenses/emscripten.txt licenses/musl.txt)
for f in "${parts[@]}" licenses/Apache-2.0.txt LICENSE; do
  [[ -s $f ]] || { echo "kb-core-licenses: $f is missing or empty" >&2; exit 1; }
done
rule() { printf '\n%s\n%s\n\n' "$(printf '=%.0s' {1..78})" "$1"; }
{
  cat <<'HEAD'
kb-core.LICENSES.txt: the licences of the chat widget's web files

kb-widget.js, kb-widget.css, kb-engine.js, kb-worker.js and kb-core.wasm are
the in-browser part of 工匠客服知识库, a customer-service knowledge base and
FAQ auto-responder.

  Copyright (C) 2026 the 工匠客服知识库 authors

  This program is free software: you can redistribute it and/or modify it
  under the terms of the GNU General Public License as published by the Free
  Software Foundation, either version 3 of the License, or (at your option)
  any later version. It is distributed WITHOUT ANY WARRANTY; see the License,
  whose text is at the end of this file.

A site that serves these files distributes them: it must offer the
corresponding source of the version it serves (GPL-3.0, section 6), for
example with a link to the release it installed.

Compiled into kb-core.wasm (and, for Emscripten, kb-worker.js):
  - Xapian 1.4.22 ........................ GPL-2.0-or-later
  - zlib 1.2.13 .......................... Zlib
  - OpenCC's dictionaries (a table) ...... Apache-2.0
  - the Unihan database (a table) ........ Unicode License
  - jieba's dictionary (a word list) ..... MIT
  - Emscripten 3.1.6's runtime ........... MIT (or NCSA)
  - libc++, libc++abi, compiler-rt ....... Apache-2.0 WITH LLVM-exception
  - musl libc ............................ MIT
  - dlmalloc ............................. public domain (CC0-1.0)
Their notices follow, then the Apache License 2.0 and the GNU GPL 3.0.
HEAD
  for f in "${parts[@]}"; do
    rule "${f##*/}"
    cat "$f"
  done
  rule "Apache License, Version 2.0"
  cat licenses/Apache-2.0.txt
  rule "GNU General Public License, version 3"
  cat LICENSE
} >"$out"
