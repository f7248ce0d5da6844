#!/usr/bin/env bash
# The JavaScript checks of `make lint` (part of `make test`) and `npm run lint`:
# ESLint, Prettier, and the TypeScript declarations of the widget's API
# type-checked against an example host page (docs/javascript.md).
#   scripts/lint.sh           every check runs; any finding fails
#   scripts/lint.sh --write   formats the files with Prettier, and checks nothing
set -uo pipefail
cd "$(dirname "$0")/.."

paths=(web site scripts tests/js tests/dist eslint.config.mjs)

if [ "${1:-}" = --write ]; then
  exec npx prettier --write --log-level warn "${paths[@]}"
fi

status=0
npx eslint "${paths[@]}" || status=1
npx prettier --check --log-level warn "${paths[@]}" || status=1
if command -v tsc >/dev/null; then
  tsc --noEmit --strict -p web/types || status=1
else
  echo "lint: no tsc; install Debian's node-typescript (scripts/install-deps.sh)" >&2
  status=1
fi
[ "$status" -eq 0 ] && echo "lint: ESLint, Prettier and the API types pass"
exit "$status"
