#!/usr/bin/env bash
# Runs the libFuzzer targets of fuzz/ (built by the `fuzz` preset, with ASan
# and UBSan) from the committed seeds in fuzz/corpus/<target>/.
#   scripts/fuzz.sh runs         a fixed number of inputs each (make test)
#   scripts/fuzz.sh time [SEC]   SEC seconds each, 600 by default (make fuzz)
# New inputs that reach new code go to build/fuzz/found/<target>/; a crash,
# a sanitizer finding, a failed check or an input slower than 10 s stops the
# run with the input saved under build/fuzz/ and the command to replay it.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-runs}
seconds=${2:-600}
# Inputs per target for `runs`: each takes well under a minute on 2 cores.
declare -A RUNS=([text]=30000 [content]=20000 [query]=8000 [import]=20000)

status=0
for target in text content query import; do
  bin=build/fuzz/fuzz/fuzz_$target
  found=build/fuzz/found/$target
  mkdir -p "$found"
  case $mode in
    runs) limit=(-runs="${RUNS[$target]}") ;;
    time) limit=(-max_total_time="$seconds") ;;
    *) echo "fuzz.sh: unknown mode '$mode' (runs or time)" >&2; exit 2 ;;
  esac
  start=$SECONDS
  log=build/fuzz/$target.log
  if "$bin" "${limit[@]}" -max_len=4096 -timeout=10 -print_final_stats=1 -artifact_prefix="build/fuzz/$target-" \
      "$found" "fuzz/corpus/$target" >"$log" 2>&1; then
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    echo "fuzz $target: ${execs:-?} inputs in $((SECONDS - start)) s, no findings"
  else
    status=1
    echo "fuzz $target: FAILED after $((SECONDS - start)) s; the log is $log" >&2
    grep -E "check failed|ERROR|SUMMARY|runtime error|what\(\)" "$log" | head -5 >&2 || true
    for artifact in build/fuzz/"$target"-*; do
      [ -e "$artifact" ] && echo "  replay: $bin $artifact" >&2
    done
  fi
done

# Large inputs, which the mutations above never grow to: a few bodies and
# questions of about 128 KB (a stray [ before 120 KB of text once crashed the
# lint), generated here and mutated a little at that size.
large=build/fuzz/large
rm -rf "$large" && mkdir -p "$large/content" "$large/text" "$large/query" "$large/import"
node - "$large" <<'JS'
const [dir] = process.argv.slice(2);
const fs = require('node:fs');
const fill = (unit, bytes) => unit.repeat(Math.ceil(bytes / Buffer.byteLength(unit)));
const head = '---\nid: big\ntype: faq\ntitle: 售后服务收费吗？\naudience: public\ncategory: 售后\n' +
  'questions:\n  - 售后收费吗\n  - 保修期内要钱吗\n  - 售後服務要收費嗎\n---\n';
const bodies = {
  'stray-bracket': `见[附件${fill('售后服务说明。', 120000)}`,
  'open-parens': `[链接](${fill('(', 120000)}`,
  'nested': fill('[[[(<b>*_`', 120000),
  'long-line': fill('服务期内的售后服务不收费 ', 120000),
  'many-links': fill('[收费](#/entry/after-sales-fees) [x](javascript:alert(1)) ', 120000),
};
for (const [name, body] of Object.entries(bodies)) {
  fs.writeFileSync(`${dir}/content/${name}`, head + body + '\n');
  fs.writeFileSync(`${dir}/text/${name}`, body);
  fs.writeFileSync(`${dir}/query/${name}`, body);
  fs.writeFileSync(`${dir}/import/${name}`, body);
}
// For the import: a sheet of many quoted multi-line cells, and deeply nested article HTML.
fs.writeFileSync(`${dir}/import/csv-cells`, fill('"问,""答""\n下一行",x\r\n', 120000));
fs.writeFileSync(`${dir}/import/html-nested`, fill('<ul><li><strong>项<blockquote>', 120000));
JS
for target in text content query import; do
  start=$SECONDS
  log=build/fuzz/$target-large.log
  if build/fuzz/fuzz/fuzz_$target -runs=40 -max_len=131072 -timeout=30 -print_final_stats=1 \
      -artifact_prefix="build/fuzz/$target-large-" "$large/$target" >"$log" 2>&1; then
    echo "fuzz $target: large inputs of 128 KB in $((SECONDS - start)) s, no findings"
  else
    status=1
    echo "fuzz $target: FAILED on large inputs after $((SECONDS - start)) s; the log is $log" >&2
    grep -E "check failed|ERROR|SUMMARY|runtime error|what\(\)" "$log" | head -5 >&2 || true
  fi
done
if [ "$mode" = time ]; then
  echo "To keep new inputs as seeds: build/fuzz/fuzz/fuzz_<target> -merge=1 fuzz/corpus/<target> build/fuzz/found/<target>"
fi
exit $status
