#!/usr/bin/env bash
# Builds zlib and Xapian for WebAssembly from Debian's own source packages of
# the versions the native build uses, and caches the result outside the
# checkout, keyed by versions and flags, so clean clones reuse it.
#
# Prints the install prefix (the cache folder) on its last line.
set -euo pipefail

XAPIAN_VERSION=1.4.22-1
ZLIB_VERSION=1:1.2.13.dfsg-1
# Upstream tarballs as Debian ships them; apt also checks the signed indexes.
XAPIAN_ORIG_SHA256=05884af00b06702ce486057d62a3bfbe6606cf965ada0f5ea570b328a2fa1ea8
ZLIB_ORIG_SHA256=71feb7947e3c00ef125f83b79a4e529bde31171e5babe48b391f06758d1ab0a1
# -Os: the .wasm is downloaded by every visitor, and -Os costs little speed here
# (docs/PERFORMANCE.md has the figures).
CFLAGS_WASM="-Os -fwasm-exceptions"
# The browser engine stems English only (core/src/text.cpp). Xapian's stemmer
# factory names all 30 Snowball stemmers, which keeps every one in the .wasm;
# this edit makes the others unknown languages, so the linker drops them.
STEMMERS=english
# Xapian's default write lock forks a child holding an fcntl lock, and WASM has
# no fork or socketpair; flock() is Xapian's own alternative and works there.
XAPIAN_CPPFLAGS="-DFLINTLOCK_USE_FLOCK"

export NODE_PATH=${NODE_PATH:-/usr/share/nodejs}   # emcc -O1+ needs Debian's acorn

key=$(printf '%s|%s|%s|%s|%s|%s' "$XAPIAN_VERSION" "$ZLIB_VERSION" "$CFLAGS_WASM" "$XAPIAN_CPPFLAGS" "$STEMMERS" "$(emcc --version | head -1)" | sha256sum | cut -c1-12)
CACHE_ROOT=${XDG_CACHE_HOME:-$HOME/.cache}/kb-wasm-deps
PREFIX=$CACHE_ROOT/xapian-${XAPIAN_VERSION%-*}-$key
if [ -f "$PREFIX/.complete" ]; then
  echo "wasm-deps: cached in $PREFIX" >&2
  echo "$PREFIX"; exit 0
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/kb-wasm-deps.XXXXXX")
trap 'rm -rf "$work"' EXIT
jobs=$(nproc)

# --- fetch the source packages -------------------------------------------------
# deb-src entries are derived from this machine's own Debian sources (the
# stanzas for the release's main suite), kept in a private apt state so the
# system's configuration is left alone.
codename=$(. /etc/os-release && echo "$VERSION_CODENAME")
mkdir -p "$work/apt/parts" "$work/apt/lists/partial" "$work/apt/cache/archives/partial"
: > "$work/apt/sources.list"
for f in /etc/apt/sources.list.d/*.sources; do
  [ -f "$f" ] || continue
  awk -v cn="$codename" '
    function flush() { if (isdeb && hassuite) { print stanza; print "" } stanza=""; isdeb=0; hassuite=0 }
    /^[[:space:]]*$/ { flush(); next }
    /^#/ { next }
    /^Types:/ { if ($0 ~ /[[:space:]]deb([[:space:]]|$)/) isdeb=1; stanza = stanza "Types: deb-src\n"; next }
    /^Suites:/ { for (i = 2; i <= NF; i++) if ($i == cn) hassuite=1 }
    { stanza = stanza $0 "\n" }
    END { flush() }' "$f" > "$work/apt/parts/$(basename "$f")"
done
if [ -f /etc/apt/sources.list ]; then
  awk -v cn="$codename" '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i == cn) { $1 = "deb-src"; print; break } }' \
    /etc/apt/sources.list >> "$work/apt/sources.list"
fi
if ! grep -qs deb-src "$work/apt/sources.list" "$work"/apt/parts/*; then
  echo "wasm-deps: no Debian '$codename' entry found in /etc/apt to derive deb-src from" >&2; exit 1
fi
apt_opts=(-o "Dir::Etc::SourceList=$work/apt/sources.list" -o "Dir::Etc::SourceParts=$work/apt/parts"
          -o "Dir::State::Lists=$work/apt/lists" -o "Dir::Cache=$work/apt/cache" -o "Debug::NoLocking=1")
echo "wasm-deps: fetching xapian-core $XAPIAN_VERSION and zlib $ZLIB_VERSION sources" >&2
apt-get "${apt_opts[@]}" -q update >&2
(cd "$work" && apt-get "${apt_opts[@]}" -q source --download-only "xapian-core=$XAPIAN_VERSION" "zlib=$ZLIB_VERSION" >&2)

check() {  # file expected-sha256
  local got; got=$(sha256sum "$1" | cut -d' ' -f1)
  if [ "$2" != "$got" ]; then echo "wasm-deps: checksum mismatch for $(basename "$1"): $got" >&2; exit 1; fi
}
check "$work"/xapian-core_*.orig.tar.xz "$XAPIAN_ORIG_SHA256"
check "$work"/zlib_*.orig.tar.* "$ZLIB_ORIG_SHA256"
(cd "$work" && dpkg-source -x --no-check xapian-core_*.dsc xapian-src >&2 && dpkg-source -x --no-check zlib_*.dsc zlib-src >&2)

stage=$work/prefix
# --- zlib ------------------------------------------------------------------------
echo "wasm-deps: building zlib" >&2
# zlib's configure script rejects emcc's warnings, and its Makefile only lists
# these sources, so compile them directly.
mkdir -p "$stage/lib" "$stage/include"
(cd "$work/zlib-src" \
  && for c in adler32 crc32 deflate infback inffast inflate inftrees trees zutil compress uncompr gzclose gzlib gzread gzwrite; do
       emcc $CFLAGS_WASM -DHAVE_UNISTD_H -DHAVE_STDARG_H -c "$c.c" -o "$c.o" >&2 || exit 1
     done \
  && emar rcs "$stage/lib/libz.a" ./*.o && cp zlib.h zconf.h "$stage/include/")

# --- Xapian ----------------------------------------------------------------------
echo "wasm-deps: building Xapian (a few minutes on 2 cores)" >&2
factory=$work/xapian-src/languages/stem.cc
sed -i -E '/return new InternalStemEnglish;/! s/return new InternalStem[A-Za-z0-9_]+;/break;  \/\/ not built for the browser/' "$factory"
if [ "$(grep -c 'return new InternalStem' "$factory")" != 1 ]; then
  echo "wasm-deps: could not limit the stemmers in $factory; has its layout changed?" >&2; exit 1
fi
(cd "$work/xapian-src" && emconfigure ./configure --host=wasm32-unknown-emscripten \
    --disable-shared --disable-backend-remote --disable-backend-inmemory --disable-backend-chert --disable-documentation \
    --prefix="$stage" CPPFLAGS="-I$stage/include $XAPIAN_CPPFLAGS" LDFLAGS="-L$stage/lib" \
    CFLAGS="$CFLAGS_WASM" CXXFLAGS="$CFLAGS_WASM" >&2 \
  && emmake make -j"$jobs" >&2 && emmake make install >&2)

mkdir -p "$CACHE_ROOT"
rm -rf "$PREFIX"
mv "$stage" "$PREFIX"
touch "$PREFIX/.complete"
echo "wasm-deps: built into $PREFIX" >&2
echo "$PREFIX"
