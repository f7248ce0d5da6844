#pragma once
// Lexical data compiled into the core, and so into the browser's engine.

#include <cstdint>
#include <string_view>
#include <vector>

namespace kb {

struct CommonWord {
  std::u32string_view word;
  std::uint32_t freq;
  bool function_word;
};

/// The most frequent words of general Chinese (jieba's dictionary), sorted by word:
/// question words, pronouns, particles, adverbs and common verbs that visitors wrap
/// their questions in. function_word: pronoun, adverb, preposition, conjunction,
/// particle, modal or interjection (jieba POS r, d, p, c, u, y, e, and similar).
/// Built on first call from a compact table (core/src/zh_common_words.inc).
const std::vector<CommonWord>& common_words();

}  // namespace kb
