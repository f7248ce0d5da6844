#!/usr/bin/env bash
# Usage: gen-zh-dictionary.sh DICT_TXT OUT_CPP
# Turns jieba's dictionary (Debian's python3-jieba, MIT; dict.txt lines
# "word freq pos") into a C++ source for the native indexer, at build time: it
# is 5 MB, too large to commit and of no use to the browser. Kept: words of 2
# to 8 Chinese characters (scripts/jieba_dict.py), sorted by their UTF-8 bytes.
# indexer/zh_dictionary.cpp splits the text into entries on first use.
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 DICT_TXT OUT_CPP" >&2; exit 2; }
PYTHONDONTWRITEBYTECODE=1 PYTHONPATH="$(dirname "$0")" python3 - "$1" "$2.txt" <<'PY'
import sys
from jieba_dict import read_words
src, out_path = sys.argv[1:3]
words = read_words(src)
with open(out_path, 'w', encoding='utf-8') as out:
    for word, (freq, pos) in sorted(words.items(), key=lambda kv: kv[0].encode('utf-8')):
        out.write(f'{word} {freq} {pos}\n')
PY
"$(dirname "$0")/embed-text.sh" kZhDictionaryText "$2.txt" "$2"
