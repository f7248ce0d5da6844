# Thin wrapper over CMake presets and the scripts in scripts/.
#   make demo   install what is missing, build, serve http://localhost:8080
#   make test   build and run every test
SHELL := /bin/bash
.DEFAULT_GOAL := build
# emcc at -O1 and above needs Debian's acorn from here.
export NODE_PATH ?= /usr/share/nodejs
JOBS ?= $(shell nproc)

.PHONY: deps cmake-caches native wasm-deps wasm site build kb dist test test-native test-asan test-fuzz fuzz fuzz-build test-wasm test-js test-dist lint bench demo watch clean

deps:
	@scripts/install-deps.sh

# A build folder configured in another checkout (this one, copied or moved)
# has a CMakeCache.txt that names the other source folder, and CMake refuses
# it. Such a folder is that checkout's build, not ours: start it afresh.
cmake-caches:
	@for dir in native wasm asan fuzz; do \
	  cache=build/$$dir/CMakeCache.txt; [ -f "$$cache" ] || continue; \
	  home=$$(sed -n 's/^CMAKE_HOME_DIRECTORY:INTERNAL=//p' "$$cache"); \
	  if ! [ "$$home" -ef . ]; then \
	    echo "build/$$dir was configured for $${home:-another checkout}; configuring it afresh for $(CURDIR)"; \
	    rm -rf "build/$$dir"; \
	  fi; \
	done

native: deps cmake-caches
	cmake --preset dev >/dev/null
	cmake --build --preset dev -j$(JOBS)

wasm-deps: deps
	@scripts/build-wasm-deps.sh >/dev/null

wasm: wasm-deps cmake-caches
	KB_WASM_DEPS="$$(scripts/build-wasm-deps.sh 2>/dev/null)" cmake --preset wasm >/dev/null
	cmake --build --preset wasm -j$(JOBS)

site: native wasm
	@scripts/assemble-site.sh

build: site

# The release in dist/ (scripts/dist.sh): kb-widget-VERSION.tar.gz, the web
# files any index works with, and kb-indexer_VERSION_ARCH.deb.
dist: build
	@scripts/dist.sh

# The everyday loop's rebuild (kb-content/README.md): the indexes from
# kb-content/ into build/kb, and into what the demo serves (build/site/kb,
# build/agent/kb). Needs the indexer and the site of one `make build`.
kb:
	@scripts/assemble-site.sh --kb-only

test-native: native
	ctest --preset dev

# The core's and the Markdown renderer's unit tests again, with AddressSanitizer and UndefinedBehaviorSanitizer.
test-asan: deps cmake-caches
	cmake --preset asan >/dev/null
	cmake --build --preset asan -j$(JOBS) --target core_tests indexer_tests
	ctest --preset asan

fuzz-build: deps cmake-caches
	cmake --preset fuzz >/dev/null
	cmake --build --preset fuzz -j$(JOBS)

# The libFuzzer targets (fuzz/) with ASan and UBSan: a fixed number of inputs
# each in `make test`; `make fuzz` runs each for FUZZ_SECONDS.
test-fuzz: fuzz-build
	@scripts/fuzz.sh runs

FUZZ_SECONDS ?= 600
fuzz: fuzz-build
	@scripts/fuzz.sh time $(FUZZ_SECONDS)

test-wasm: wasm
	ctest --preset wasm

test-js: site
	node --test tests/js/

# The release as a company uses it (tests/dist/): installs the .deb (as root,
# or with sudo), builds an index with /usr/bin/kb-indexer, and asks the widget
# of the tarball on a plain page in Chromium.
test-dist: dist
	node --test tests/dist/

# ESLint, Prettier and the widget's API types (scripts/lint.sh, docs/javascript.md).
lint: deps
	@scripts/lint.sh

test: build
	@$(MAKE) --no-print-directory lint test-native test-asan test-fuzz test-wasm test-js test-dist

# Figures against budgets (bench/run.mjs); it reports, it never fails the build.
bench: build
	node bench/run.mjs

demo: build
	node scripts/serve.mjs

# The demo, with kb-content/ rebuilt on every save; open pages pick up the new index.
watch: build
	scripts/watch.sh

clean:
	rm -rf build
