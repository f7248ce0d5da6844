#!/usr/bin/env bash
# `make dist`: the release a company installs to run its own knowledge base,
# from one `make build`, into dist/:
#   kb-widget-VERSION.tar.gz        the widget and the engine, the same for every
#                                   knowledge base: unpacked next to the kb/ folder
#                                   of any index kb-indexer built, one script tag
#                                   on a page answers from it (README.md)
#   kb-indexer_VERSION_ARCH.deb     /usr/bin/kb-indexer, with Depends computed from
#                                   the libraries it links (dpkg-shlibdeps)
# VERSION is the VERSION file's, as `kb-indexer --version` prints it.
# DEBFULLNAME and DEBEMAIL (as Debian's tools read them), else git's user.name
# and user.email, name the package's maintainer.
set -euo pipefail
shopt -s nullglob
umask 022
cd "$(dirname "$0")/.."

die() {
  echo "dist: $*" >&2
  exit 1
}

version=$(head -n1 VERSION)
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "VERSION says '$version', not MAJOR.MINOR.PATCH"
site=build/site
indexer=build/native/bin/kb-indexer
[[ -d "$site" && -x "$indexer" ]] || die "no $site or $indexer; run make build first"
built=$("$indexer" --version)
[[ "$built" == "kb-indexer $version "* ]] ||
  die "$indexer says '$built', not version $version; run make build again"

# The licences the release must carry (THIRD-PARTY.md): the product's, and the
# notices of everything compiled into the web files, which make build writes
# beside the .wasm (scripts/kb-core-licenses.sh). Taken as they are, never
# made up here.
license=LICENSE
wasm_notices=$site/kb-core.LICENSES.txt
[[ -s "$license" ]] || die "$license is missing: a release must carry the product's licence"
[[ -s "$wasm_notices" ]] || die "$wasm_notices is missing: a release must carry the notices of what \
the web files are built from, which scripts/kb-core-licenses.sh writes during make build; run make build"
if ! grep -q 'GNU GENERAL PUBLIC LICENSE' "$license" || ! grep -q 'Version 3' "$license"; then
  die "$license is not the GPL version 3 that the package's copyright file names"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
out=build/dist.tmp
rm -rf "$out" && mkdir -p "$out"

# Timestamps of the last commit, owner root, sorted names: the same tree gives
# the same tarball.
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}

# --- The widget and the engine -------------------------------------------
# What the widget loads (docs/widget.md, "What is loaded"): kb-widget.js, then
# its style, the engine, the worker and the .wasm under their hashed names
# (scripts/hash-assets.mjs). The same four under their plain names, and the
# Emscripten glue and the engine's JS API, for hosts that load the engine by
# name (docs/deploying.md). Never the index (kb/) or the demo's pages.
widget=kb-widget-$version
mkdir -p "$work/$widget"
files=(kb-widget.js kb-core.js kb-engine-api.js)
for plain in kb-widget.css kb-engine.js kb-worker.js kb-core.wasm; do
  stem=${plain%.*} ext=${plain##*.} hashed=()
  for file in "$site/$stem".*."$ext"; do
    if [[ ${file##*/} =~ ^$stem\.[0-9a-f]{12}\.$ext$ ]]; then hashed+=("${file##*/}"); fi
  done
  [[ ${#hashed[@]} -eq 1 ]] || die "$site has ${#hashed[@]} hashed copies of $plain, not one; run make build"
  files+=("$plain" "${hashed[0]}")
done
# A file the build adds to the widget's set must be named here too, or the
# tarball would silently lack it.
for file in "$site"/kb-*; do
  name=${file#"$site"/}
  [[ -d "$file" || " ${files[*]} kb-core.LICENSES.txt " == *" $name "* ]] ||
    die "$site/$name is not in scripts/dist.sh's list: add it to the tarball, or say here why it is left out"
done
for file in "${files[@]}"; do
  [[ -s "$site/$file" ]] || die "$site/$file is missing or empty; run make build"
  cp "$site/$file" "$work/$widget/"
done
cp "$license" "$work/$widget/LICENSE"
cp "$wasm_notices" "$work/$widget/kb-core.LICENSES.txt"
chmod 0644 "$work/$widget"/*
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" \
  -C "$work" -cf - "$widget" | gzip -9n >"$out/$widget.tar.gz"

# --- The indexer as a Debian package --------------------------------------
# The package's tree sits where Debian's tools expect it, under a debian/
# folder of its own (for dpkg-shlibdeps, below).
arch=$(dpkg --print-architecture)
pkg=$work/src/debian/kb-indexer
doc=$pkg/usr/share/doc/kb-indexer
install -d -m 0755 "$pkg/DEBIAN" "$pkg/usr/bin" "$doc"
install -m 0755 "$indexer" "$pkg/usr/bin/kb-indexer"
strip --remove-section=.comment --remove-section=.note --strip-unneeded "$pkg/usr/bin/kb-indexer"
gzip -9n <CHANGELOG.md >"$doc/changelog.gz"

# copyright: the product's licence, then the notices of the data and the
# header-only libraries compiled into kb-indexer (THIRD-PARTY.md).
{
  cat <<EOF
kb-indexer $version: validates a knowledge base written in Markdown and builds
the Xapian indexes that the kb-widget-$version web files answer from.

  Copyright (C) 2026 the 工匠客服知识库 authors
  License: GPL-3.0-or-later

  This program is free software: you can redistribute it and/or modify it
  under the terms of the GNU General Public License as published by the Free
  Software Foundation, either version 3 of the License, or (at your option)
  any later version. It is distributed WITHOUT ANY WARRANTY. On Debian
  systems the full text of the GNU General Public License version 3 is in
  /usr/share/common-licenses/GPL-3, and of the Apache License 2.0 (OpenCC's
  dictionaries, below) in /usr/share/common-licenses/Apache-2.0.

The shared libraries it links (Xapian, cmark, ...) come from the Debian
packages it depends on, which carry their own notices. It has the following
compiled in, each under its own licence (the project's THIRD-PARTY.md lists
them all).
EOF
  for notice in core/src/*.NOTICE data/*.NOTICE; do
    printf '\n==== %s ====\n\n' "${notice##*/}"
    cat "$notice"
  done
  for header_only in libcli11-dev nlohmann-json3-dev; do
    printf '\n==== %s (Debian package %s) ====\n\n' \
      "$(dpkg-query -W -f='${source:Package} ${Version}' "$header_only")" "$header_only"
    cat "/usr/share/doc/$header_only/copyright"
  done
} >"$doc/copyright"
chmod 0644 "$doc"/*

# Depends, from the shared libraries the binary links, as Debian's own
# packages compute it: dpkg-shlibdeps wants a debian/control beside it.
printf 'Source: kb-indexer\n\nPackage: kb-indexer\nArchitecture: any\n' >"$work/src/debian/control"
depends=$(cd "$work/src" && dpkg-shlibdeps -O -e"$pkg/usr/bin/kb-indexer" 2>"$work/shlibdeps.log" |
  sed -n 's/^shlibs:Depends=//p') || {
  cat "$work/shlibdeps.log" >&2
  die "dpkg-shlibdeps failed (Debian's dpkg-dev; scripts/install-deps.sh installs it)"
}
[[ -n "$depends" ]] || die "dpkg-shlibdeps found no libraries in $indexer"

maintainer_name=${DEBFULLNAME:-$(git config user.name || true)}
maintainer_email=${DEBEMAIL:-$(git config user.email || true)}
[[ -n "$maintainer_name" && -n "$maintainer_email" ]] ||
  die "no maintainer: set DEBFULLNAME and DEBEMAIL, or git's user.name and user.email"

cat >"$pkg/DEBIAN/control" <<EOF
Package: kb-indexer
Version: $version
Architecture: $arch
Maintainer: $maintainer_name <$maintainer_email>
Installed-Size: $(du -sk --exclude=DEBIAN "$pkg" | cut -f1)
Depends: $depends
Section: utils
Priority: optional
Description: builds the indexes of an in-browser customer-service knowledge base
 kb-indexer validates a knowledge base written as one Markdown file per entry
 (questions, answer, audience), reports weak content, and builds Xapian
 indexes: a public one for the chat widget and an internal one for the agent
 console. It also shows editors what the bot answers (ask, search, test, eval)
 and which visitors' questions went unanswered (gaps).
 .
 The chat widget and its WebAssembly engine come separately, as
 kb-widget-$version.tar.gz: unpacked next to the index folder, they answer
 from it in the visitor's browser.
EOF
(cd "$pkg" && find usr -type f -exec md5sum {} + | sort -k2) >"$pkg/DEBIAN/md5sums"
chmod 0644 "$pkg/DEBIAN/control" "$pkg/DEBIAN/md5sums"
dpkg-deb --root-owner-group -Zxz --build "$pkg" "$out/kb-indexer_${version}_$arch.deb" >/dev/null

rm -rf dist && mv "$out" dist
echo "dist/$widget.tar.gz ($(du -h "dist/$widget.tar.gz" | cut -f1)): $(tar -tzf "dist/$widget.tar.gz" | grep -vc '/$') files"
echo "dist/kb-indexer_${version}_$arch.deb ($(du -h "dist/kb-indexer_${version}_$arch.deb" | cut -f1)): Depends: $depends"
