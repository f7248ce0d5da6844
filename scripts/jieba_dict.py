"""jieba's word dictionary as Debian's python3-jieba ships it (MIT), for the
generators of the Chinese word data (scripts/gen-zh-*.sh)."""
import re

PATH = '/usr/lib/python3/dist-packages/jieba/dict.txt'
# Chinese characters; the BMP ones alone when `bmp` (one UTF-16 unit each).
_HAN = r'\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff'
_HAN_ASTRAL = r'\U00020000-\U0003134f'


def read_words(path=PATH, bmp=False):
    """{word: (freq, pos)} for words of 2 to 8 Chinese characters; a word listed
    twice keeps its last line, as jieba's loader does."""
    han = re.compile('[%s]{2,8}' % (_HAN if bmp else _HAN + _HAN_ASTRAL))
    words = {}
    with open(path, encoding='utf-8') as f:
        for line in f:
            word, freq, pos = line.split()
            if han.fullmatch(word):
                words[word] = (int(freq), pos)
    return words
